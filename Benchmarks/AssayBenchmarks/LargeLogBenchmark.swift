import AssayCore
import AssayStore
import Foundation

/// `assay history` and `assay tick` on a store of 1,000 cases and on one of 100,000: both read
/// by index (a case's entries; the open stages' deadlines), so their times should barely grow
/// with the log. Every tenth case waits in its appeal window; tick is judged before any of
/// those windows closes, so it writes nothing and can be repeated.
struct LargeLogBenchmark {
    let generator: CaseGenerator
    let folder: URL
    let assay: String

    struct Figures {
        var cases: Int
        var events: Int
        var history: AuditBenchmark.Run
        var tick: AuditBenchmark.Run
    }

    func run(cases: Int, repetitions: Int) async throws -> Figures {
        let path = folder.appendingPathComponent("large-log-\(cases).sqlite").path
        let store = try SQLiteEventStore(path: path)
        try await store.record(generator.definition, hash: generator.hash)
        var events = 0
        for first in stride(from: 0, to: cases, by: 1000) {
            let batch = try (first..<min(first + 1000, cases)).map { try generator.append(ofCase: $0, failing: 10) }
            events += batch.reduce(0) { $0 + $1.events.count }
            try await store.append(batch)
        }
        let common = ["--store", "sqlite:\(path)", "--workflows", "Benchmarks/Flows"]
        let history = try AuditBenchmark.median([assay, "history", "bench-\(cases / 2)"] + common, repetitions: repetitions)
        // The cases open over ~28 hours from 1 March 2022; the first appeal window closes on 20 March.
        let tick = try AuditBenchmark.median([assay, "tick", "--now", "2022-03-19T00:00:00Z"] + common, repetitions: repetitions)
        return Figures(cases: cases, events: events, history: history, tick: tick)
    }
}
