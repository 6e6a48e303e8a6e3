import AssayCore
import AssayStore
import Foundation
import GRDB

/// SQLite append throughput against plain GRDB inserts of the same rows into a table of the
/// same shape without triggers, each measured one event per transaction and in batches.
struct AppendBenchmark {
    let generator: CaseGenerator
    let folder: URL
    let cases: Int
    let batchSize: Int

    /// Events in the order they are appended: whole cases, one after another.
    func events() throws -> [Event] {
        try (0..<cases).flatMap { try generator.events(ofCase: $0) }
    }

    /// Runs each pair (Assay, then plain GRDB) under each durability; single appends use the
    /// first `singleEvents` events, since every one of them waits for the disk under FULL.
    func run(repetitions: Int, singleEvents: Int) async throws -> [(name: String, events: Int, measurement: Measurement)] {
        let events = try events()
        let singles = Array(events.prefix(singleEvents))
        let rows = singles.enumerated().map { LogEntry(position: $0.offset + 1, event: $0.element) }
        // Whole cases, batchSize events to a transaction.
        let casesPerBatch = batchSize / CaseGenerator.eventsPerCase
        let batches = try (0..<(cases / casesPerBatch)).map { batch in
            try (0..<casesPerBatch).map { try generator.events(ofCase: batch * casesPerBatch + $0) }
        }
        let batchedEvents = batches.reduce(0) { $0 + $1.joined().count }
        let batchedRows = batches.enumerated().map { index, batch in
            batch.joined().enumerated().map { LogEntry(position: index * batchSize + $0.offset + 1, event: $0.element) }
        }
        var results: [(String, Int, Measurement)] = []
        var run = 0
        func freshPath() -> String {
            run += 1
            return folder.appendingPathComponent("append-\(run).sqlite").path
        }

        for durability in SQLiteEventStore.Durability.allCases {
            let synchronous = "synchronous=\(durability.rawValue.uppercased())"
            let single = try await Measurement.run("Assay append, 1 event per transaction, \(synchronous)", repetitions: repetitions) {
                let store = try SQLiteEventStore(path: freshPath(), durability: durability)
                try await store.record(generator.definition, hash: generator.hash)
                for event in singles { try await store.append([event], expectedVersion: event.sequence - 1) }
                return store
            }
            results.append((single.name, singles.count, single))

            let plainSingle = try await Measurement.run("plain GRDB insert, 1 row per transaction, \(synchronous)", repetitions: repetitions) {
                let pool = try Self.plainTable(at: freshPath(), durability: durability)
                for row in rows { try await pool.write { db in try Self.insert(row, into: db) } }
                return pool
            }
            results.append((plainSingle.name, rows.count, plainSingle))

            let batched = try await Measurement.run("Assay append, \(batchSize) events per transaction, \(synchronous)", repetitions: repetitions) {
                let store = try SQLiteEventStore(path: freshPath(), durability: durability)
                try await store.record(generator.definition, hash: generator.hash)
                for batch in batches {
                    try await store.append(batch.map { CaseAppend($0, expectedVersion: 0) })
                }
                return store
            }
            results.append((batched.name, batchedEvents, batched))

            let plainBatched = try await Measurement.run("plain GRDB insert, \(batchSize) rows per transaction, \(synchronous)", repetitions: repetitions) {
                let pool = try Self.plainTable(at: freshPath(), durability: durability)
                for batch in batchedRows {
                    try await pool.write { db in
                        for row in batch { try Self.insert(row, into: db) }
                    }
                }
                return pool
            }
            results.append((plainBatched.name, batchedEvents, plainBatched))
        }
        return results
    }

    static func plainTable(at path: String, durability: SQLiteEventStore.Durability) throws -> DatabasePool {
        let pool = try DatabasePool(path: path)
        // After GRDB's WAL set-up, which picks NORMAL, as the store does.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = \(durability.rawValue.uppercased())")
        }
        try pool.write { db in
            try db.execute(sql: "CREATE TABLE event (position INTEGER PRIMARY KEY, case_id TEXT NOT NULL, case_sequence INTEGER NOT NULL, body BLOB NOT NULL, hash BLOB NOT NULL)")
        }
        return pool
    }

    static func insert(_ row: LogEntry, into db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO event (position, case_id, case_sequence, body, hash) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [row.position, row.subject.value, row.sequence, Data(row.body), Data(row.hash.bytes)])
    }
}
