import ArgumentParser
import AssayHistory
import Foundation

/// `assay export`: the whole log as JSON Lines.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the log as JSON Lines: definitions, events with their hashes, checkpoints.",
        discussion: "One canonical JSON object per line: each pinned definition with its hash, each event with its log position and leaf hash, each signed checkpoint. `assay import` loads such a file into an empty store after verifying it."
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "The file to write (default: standard output). An existing file is not overwritten.")
    var output: String?

    func run() async throws {
        let handle: FileHandle
        if let output {
            guard !FileManager.default.fileExists(atPath: output) else {
                throw ValidationError("\(output) already exists; export to a new file")
            }
            guard FileManager.default.createFile(atPath: output, contents: nil, attributes: nil),
                  let file = FileHandle(forWritingAtPath: output)
            else { throw ValidationError("cannot create \(output)") }
            handle = file
        } else {
            handle = FileHandle.standardOutput
        }
        let count = try await LogExport.write(from: store.open(), to: handle)
        if output != nil {
            try handle.close()
            FileHandle.standardError.write(Data("exported \(count) events to \(output!)\n".utf8))
        }
    }
}
