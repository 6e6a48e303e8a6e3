import AssayCore
import AssayStore
import Foundation
import GRDB

/// Replay and verify of a large SQLite log, each run as `assay` in its own process so its peak
/// memory is its own, against `sha256sum` over the same log exported as JSON Lines.
struct AuditBenchmark {
    let generator: CaseGenerator
    let folder: URL
    let events: Int

    /// One timed command: wall-clock seconds and peak resident memory.
    struct Run {
        var seconds: Double
        var peakMegabytes: Double
    }

    var storePath: String { folder.appendingPathComponent("audit.sqlite").path }
    var exportPath: String { folder.appendingPathComponent("audit.jsonl").path }

    /// Writes `events` valid events, a thousand cases per transaction; returns the bytes of
    /// canonical event bodies written.
    func populate() async throws -> Int {
        var bytes = 0
        let store = try SQLiteEventStore(path: storePath)
        try await store.record(generator.definition, hash: generator.hash)
        let cases = events / CaseGenerator.eventsPerCase
        for first in stride(from: 0, to: cases, by: 1000) {
            let batch = try (first..<min(first + 1000, cases)).map { CaseAppend(try generator.events(ofCase: $0), expectedVersion: 0) }
            bytes += batch.reduce(0) { $0 + $1.events.reduce(0) { $0 + $1.canonicalBytes.count } }
            try await store.append(batch)
        }
        return bytes
    }

    /// The peer of replay: a plain GRDB scan of the same rows in log order, each row read into
    /// Swift values (its body copied out of SQLite's buffer), in this process. Returns the seconds.
    static func plainScan(path: String) throws -> Double {
        let queue = try DatabaseQueue(path: path)
        let start = Date()
        var bytes = 0
        try queue.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT position, case_id, case_sequence, body, hash FROM event ORDER BY position")
            while let row = try rows.next() {
                let subject: String = row[1]
                let body = try row.withUnsafeData(atIndex: 3) { Array($0 ?? Data()) }
                bytes += body.count + subject.utf8.count
            }
        }
        precondition(bytes > 0)
        return Date().timeIntervalSince(start)
    }

    /// Runs `command` under `/usr/bin/time` and reads its wall time and peak memory.
    static func timed(_ command: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        process.arguments = ["-f", "assay-bench %e %M"] + command
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // A command that failed measured nothing worth reporting.
        guard process.terminationStatus == 0 else { throw BenchmarkError("\(command.joined(separator: " ")) exited \(process.terminationStatus): \(text)") }
        guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("assay-bench ") }) else {
            throw BenchmarkError("\(command.joined(separator: " ")) printed no timing: \(text)")
        }
        let fields = line.split(separator: " ")
        return Run(seconds: Double(fields[1]) ?? .nan, peakMegabytes: (Double(fields[2]) ?? .nan) / 1024)
    }

    /// The median of `repetitions` timed runs of `command`.
    static func median(_ command: [String], repetitions: Int) throws -> Run {
        let runs = try (0..<repetitions).map { _ in try timed(command) }.sorted { $0.seconds < $1.seconds }
        return runs[runs.count / 2]
    }
}

/// A benchmark that could not run.
struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
