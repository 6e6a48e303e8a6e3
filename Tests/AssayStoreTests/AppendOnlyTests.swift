import AssayCore
import AssayHistory
@testable import AssayStore
import AssayTestSupport
import Crypto
import Foundation
import GRDB
import Testing

/// The database itself refuses every statement that would change or remove history, on every
/// table of history, whatever client runs it.
@Suite("Append-only history in the database")
struct AppendOnlyTests {
    static let durable = StoreKind.durable.filter(\.isAvailable)

    /// A table of history: how to write a changed copy of its rows, and how to update them.
    struct HistoryTable: CustomTestStringConvertible {
        var name: String
        var columns: String
        /// A SELECT list giving each row back with the same key and something changed.
        var changed: String
        var conflict: String
        var update: String
        /// The SET clause of an UPSERT that would rewrite the row.
        var upsert: String
        var testDescription: String { name }
    }

    static func tables(_ kind: StoreKind) -> [HistoryTable] {
        let bytes = kind == .sqlite ? "X'00'" : "decode('00', 'hex')"
        return [
            HistoryTable(name: "event", columns: "position, case_id, case_sequence, body, hash",
                         changed: "position, case_id, case_sequence, \(bytes), hash", conflict: "position", update: "body = \(bytes)",
                         upsert: "body = EXCLUDED.body"),
            HistoryTable(name: "definition", columns: "hash, body", changed: "hash, \(bytes)", conflict: "hash", update: "body = \(bytes)",
                         upsert: "body = EXCLUDED.body"),
            HistoryTable(name: "checkpoint", columns: "number, tree_size, root_hash, at, public_key, signature, origin",
                         changed: "number, tree_size + 1, root_hash, at, public_key, signature, origin", conflict: "number",
                         update: "tree_size = tree_size + 1", upsert: "tree_size = EXCLUDED.tree_size"),
            HistoryTable(name: "log_origin", columns: "singleton, origin", changed: "singleton, 'forged.example/log'",
                         conflict: "singleton", update: "origin = 'forged.example/log'", upsert: "origin = EXCLUDED.origin"),
            HistoryTable(name: "cosignature", columns: "checkpoint, public_key, name, cosigned_time, signature, added",
                         changed: "checkpoint, public_key, name, cosigned_time + 1, signature, added", conflict: "checkpoint, public_key",
                         update: "cosigned_time = cosigned_time + 1", upsert: "cosigned_time = EXCLUDED.cosigned_time"),
        ]
    }

    /// Every statement that would rewrite or remove a row of `table` on a store of `kind`.
    static func rewrites(of table: HistoryTable, on kind: StoreKind) -> [String] {
        var statements = [
            "INSERT INTO \(table.name) (\(table.columns)) SELECT \(table.changed) FROM \(table.name) WHERE true ON CONFLICT (\(table.conflict)) DO UPDATE SET \(table.upsert)",
            "UPDATE \(table.name) SET \(table.update)",
            "DELETE FROM \(table.name)",
        ]
        if kind == .sqlite {
            statements += [
                "INSERT OR REPLACE INTO \(table.name) (\(table.columns)) SELECT \(table.changed) FROM \(table.name)",
                "REPLACE INTO \(table.name) (\(table.columns)) SELECT \(table.changed) FROM \(table.name)",
                "UPDATE OR REPLACE \(table.name) SET \(table.update)",
            ]
            if table.name == "event" {
                // A new position that collides with an existing case version replaces that row.
                statements.append("INSERT OR REPLACE INTO event (\(table.columns)) SELECT position + 100, case_id, case_sequence, body, hash FROM event")
            }
        } else {
            statements.append("TRUNCATE \(table.name)")
            if table.name == "event" {
                statements.append("INSERT INTO event (\(table.columns)) SELECT position + 100, case_id, case_sequence, body, hash FROM event ON CONFLICT (case_id, case_sequence) DO UPDATE SET position = EXCLUDED.position")
            }
        }
        return statements
    }

    /// Everything a store holds, to compare before and after.
    struct Snapshot: Equatable {
        var entries: [LogEntry]
        var definitions: [DefinitionHash: [UInt8]]
        var checkpoints: [SignedCheckpoint]
        var origin: String?

        init(_ store: any EventStore) async throws {
            entries = try await store.entries(from: 1, limit: 1_000)
            definitions = try await store.definitions()
            checkpoints = try await store.checkpoints()
            origin = try await store.origin()
        }
    }

    /// A store with a row in every table of history.
    static func populated(_ kind: StoreKind) async throws -> StoreFixture {
        let fixture = try await StoreFixture.make(kind)
        try await SampleHistory.appendCase("a", events: 2, to: fixture.store)
        try await fixture.store.name(origin: "a.example/log")
        let leaves = try await fixture.store.entries(from: 1, limit: 10).map(\.hash)
        let checkpoint = try CheckpointKey().sign(number: 1, origin: "a.example/log", treeSize: 2,
                                                  rootHash: MerkleTree.root(leaves[...]), at: Timestamp(milliseconds: 0))
        try await fixture.store.add(checkpoint)
        try await fixture.store.add([try CheckpointKey().cosign(body: checkpoint.noteBody ?? "", as: "witness.example/w", at: 1)], toCheckpoint: 1)
        return fixture
    }

    @Test("every statement that would rewrite or remove history is refused, on every table", arguments: durable)
    func rewritesAreRefused(_ kind: StoreKind) async throws {
        let fixture = try await Self.populated(kind)
        let before = try await Snapshot(fixture.store)
        #expect(before.entries.count == 2 && before.definitions.count == 1 && before.checkpoints.count == 1 && before.origin != nil)
        #expect(before.checkpoints.first?.cosignatures.count == 1)
        for table in Self.tables(kind) {
            for statement in Self.rewrites(of: table, on: kind) {
                await #expect(throws: (any Error).self, "\(statement)") { try await fixture.execute(statement) }
            }
        }
        #expect(try await Snapshot(fixture.store) == before)
        #expect(try await LogVerifier(store: fixture.store).run().isValid)
    }

    @Test("a store created before the replacing-insert triggers gains them when opened", arguments: durable)
    func oldStoresAreMigrated(_ kind: StoreKind) async throws {
        let location = try await StoreFixture.previousRelease(kind)
        try await StoreFixture.execute("INSERT INTO definition (hash, body) VALUES ('h', \(kind == .sqlite ? "X'01'" : "decode('01', 'hex')"))", at: location)
        let store = try await location.open()
        #expect(try await store.definitions()[DefinitionHash(hex: "h")] == [1])
        for statement in kind == .sqlite
            ? ["INSERT OR REPLACE INTO definition (hash, body) VALUES ('h', X'02')", "REPLACE INTO definition (hash, body) VALUES ('h', X'02')"]
            : ["INSERT INTO definition (hash, body) VALUES ('h', decode('02', 'hex')) ON CONFLICT (hash) DO UPDATE SET body = EXCLUDED.body"] {
            await #expect(throws: (any Error).self, "\(statement)") { try await StoreFixture.execute(statement, at: location) }
        }
        #expect(try await store.definitions()[DefinitionHash(hex: "h")] == [1])
        #expect(try await store.origin() == nil)
    }

    @Test("a store written before subjects and plugin records opens and verifies", arguments: durable)
    func storesBeforePluginsStillVerify(_ kind: StoreKind) async throws {
        let location = try await StoreFixture.previousRelease(kind)
        let bytes = { (data: [UInt8]) in kind == .sqlite ? "X'\(Hex.encode(data))'" : "decode('\(Hex.encode(data))', 'hex')" }
        try await StoreFixture.execute("INSERT INTO definition (hash, body) VALUES ('\(SampleHistory.hash.hex)', \(bytes(StoredDefinition.encode(SampleHistory.definition))))", at: location)
        let noted = Event(subject: Subject(kind: "note", id: "1"), sequence: 1, at: SampleHistory.event("old", 3).at,
                          body: .recorded(PluginRecord(plugin: "p", type: "t", by: .system, value: .string("x"))))
        for entry in LogEntry.entries(for: (1...3).map { SampleHistory.event("old", $0) } + [noted], after: 0) {
            try await StoreFixture.execute("""
                INSERT INTO event (position, case_id, case_sequence, body, hash)
                VALUES (\(entry.position), '\(entry.subject)', \(entry.sequence), \(bytes(entry.body)), \(bytes(entry.hash.bytes)))
                """, at: location)
        }
        // Read-only, the store keeps its old schema: its records are found by scanning, past batches without one.
        #expect(try await location.open(.read).recordEntries(from: 1, limit: 2).map(\.position) == [4])
        #expect(try await location.open(.read).recordEntries(of: "p", from: 1, limit: 2).map(\.position) == [4])
        #expect(try await location.open(.read).caseIDs(inside: SampleHistory.institution.region) == ["old"])
        let store = try await location.open(.write)
        let report = try await LogVerifier(store: store).run()
        #expect(report.isValid, "\(report.problems)")
        #expect((report.events, report.cases) == (4, 1))
        #expect(try await store.caseIDs() == ["old"])
        #expect(try await store.caseIDs(inside: SampleHistory.institution.region) == ["old"])
        #expect(try await store.caseIDs(inside: RegionCode("110000")!) == [])
        #expect(try await store.events(of: "old").map(\.sequence) == [1, 2, 3])
        // The derived indexes: the records found in the old log, the deadlines left to rebuild.
        #expect(try await store.recordEntries(from: 1, limit: 10).map(\.position) == [4])
        #expect(try await store.recordEntries(of: "p", from: 1, limit: 10).map(\.position) == [4])
        #expect(try await store.recordEntries(of: "q", from: 1, limit: 10).isEmpty)
        #expect(try await store.subjectsDue(at: SampleHistory.event("old", 3).at) == nil)
    }

    @Test("a checkpoint signed before logs were named still verifies after the migration")
    func legacyCheckpointsVerify() async throws {
        let location = try await StoreFixture.previousRelease(.sqlite)
        let key = Curve25519.Signing.PrivateKey()
        let root = LogHash.empty
        let signature = try key.signature(for: SignedCheckpoint.signedBytes(origin: nil, treeSize: 0, rootHash: root, at: Timestamp(milliseconds: 5)))
        try await StoreFixture.execute("""
            INSERT INTO checkpoint (number, tree_size, root_hash, at, public_key, signature)
            VALUES (1, 0, '\(root.hex)', 5, '\(Hex.encode(key.publicKey.rawRepresentation))', '\(Hex.encode(signature))')
            """, at: location)
        let store = try await location.open()
        let checkpoint = try #require(try await store.checkpoints().first)
        #expect(checkpoint.origin == nil)
        #expect(try await LogVerifier(store: store).run().isValid)
        #expect(throws: Never.self) { try TrustedKeys(publicKey: checkpoint.publicKey).check(checkpoint) }
    }

    @Test("SQLite commits with synchronous=FULL unless the location relaxes it")
    func durabilityIsFullByDefault() async throws {
        let fixture = try await StoreFixture.make(.sqlite)
        let store = try #require(fixture.store as? SQLiteEventStore)
        #expect(try await store.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)
        let relaxed = try SQLiteEventStore(path: store.path, durability: .normal)
        #expect(try await relaxed.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 1)
        #expect(try StoreLocation("sqlite:a.sqlite") == .sqlite(path: "a.sqlite", durability: .full))
        #expect(try StoreLocation("sqlite:a.sqlite?synchronous=normal") == .sqlite(path: "a.sqlite", durability: .normal))
        #expect(throws: StoreError.self) { try StoreLocation("sqlite:a.sqlite?synchronous=off") }
    }

    @Test("an event removed from the middle is one problem, read past once", arguments: durable)
    func deletedMiddleEvent(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        for index in 0..<20 { try await SampleHistory.appendCase(CaseID("case-\(index)"), events: 5, to: fixture.store) }
        try await fixture.execute(kind == .sqlite ? "DROP TRIGGER event_is_append_only_delete" : "ALTER TABLE event DISABLE TRIGGER USER")
        try await fixture.execute("DELETE FROM event WHERE position = 60")

        let report = try await LogVerifier(store: fixture.store).run()
        #expect(report.events == 99)
        #expect(report.cases == 20)
        let missing = report.problems.filter { $0.message.contains("missing") }
        #expect(missing.map(\.position) == [60])
        // What follows from it: the case that lost its event 5 skips no further event, so the gap
        // is the one problem.
        #expect(report.problems.count == 1, "\(report.problems)")

        let replay = try await Replayer(store: fixture.store).run()
        #expect(replay.cases == 20)
        #expect(replay.events == 99)

        var positions: [Int] = []
        for try await batch in LogReader(store: fixture.store, batchSize: 7) { positions += batch.map(\.position) }
        #expect(positions == Array(1...59) + Array(61...100))
    }
}
