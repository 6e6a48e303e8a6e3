import AssayCore
import AssayStore
import AssayTestSupport
import Foundation

// A process that appends to a store, for the store tests:
//   store-worker LOCATION stream PREFIX COUNT  appends COUNT one-event cases, printing "ack N" after each
//   store-worker LOCATION race CASE VERSIONS   races for each version of CASE, printing "won V" for each it wins

/// Writes a line to standard output at once, so the test sees every acknowledgement.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

let arguments = CommandLine.arguments
guard arguments.count == 5, let count = Int(arguments[4]) else {
    FileHandle.standardError.write(Data("usage: store-worker LOCATION stream|race NAME COUNT\n".utf8))
    exit(2)
}
let store = try await StoreLocation(arguments[1]).open()
try await store.record(SampleHistory.definition, hash: SampleHistory.hash)
switch arguments[2] {
case "stream":
    for index in 1...count {
        try await store.append([SampleHistory.event(CaseID("\(arguments[3])-\(index)"), 1)], expectedVersion: 0)
        say("ack \(index)")
    }
case "race":
    let id = CaseID(arguments[3])
    var version = 0
    while version < count {
        do {
            try await store.append([SampleHistory.event(id, version + 1)], expectedVersion: version)
            say("won \(version + 1)")
            version += 1
        } catch StoreError.versionConflict(_, _, let actual) {
            version = actual
        }
    }
default:
    FileHandle.standardError.write(Data("unknown mode \(arguments[2])\n".utf8))
    exit(2)
}
