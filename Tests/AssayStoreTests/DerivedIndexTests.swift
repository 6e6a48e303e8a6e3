import AssayCore
import AssayDemo
import AssayHistory
import AssayStore
import AssayTestSupport
import Foundation
import GRDB
import PostgresNIO
import Testing

/// The tables derived from the log (records by plugin, subjects with the cases' regions and
/// stages, deadlines) are not history: any of them can be dropped, and the store makes it again
/// from the log, to the same content.
@Suite("Derived indexes")
struct DerivedIndexTests {
    static let kinds = StoreKind.durable.filter(\.isAvailable)

    /// Each derived table, a query listing its content, one line a row, and how many rows the
    /// demonstration leaves in it at least (its last tick closes every deadline).
    static let indexes: [(table: String, content: String, rows: Int)] = [
        ("record_event", "SELECT position || ' ' || COALESCE(plugin, '-') FROM record_event ORDER BY position", 100),
        ("subject", "SELECT name || ' ' || kind || ' ' || opened || ' ' || COALESCE(region, '-') || ' ' || COALESCE(stage, '-') FROM subject ORDER BY name", 34),
        ("case_deadline", "SELECT case_id || ' ' || due_at FROM case_deadline ORDER BY case_id", 0),
    ]

    @Test("every derived index dropped is rebuilt from the log to the content the appends kept", arguments: kinds)
    func droppedIndexesAreRebuilt(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        let location = try #require(fixture.location)
        let flows = try DefinitionLoader().loadAll([Repository.workflows]).map(\.definition)
        let engine = try Engine(library: FlowLibrary(flows), plugins: try ChecklistReviews.host(), store: fixture.store)
        _ = try await DemoScenario(engine: engine).run()
        let quiet = Date(timeIntervalSince1970: 0)
        for (table, content, rows) in Self.indexes {
            let kept = try await Self.lines(content, at: location)
            #expect(kept.count >= rows, "\(table) holds \(kept.count) rows")
            try await StoreFixture.execute("DROP TABLE \(table)", at: location)
            let reopened = try await location.open(.write)
            // The deadlines are recomputed under the flows: a tick with nothing due does it.
            if table == "case_deadline" {
                #expect(try await reopened.subjectsDue(at: Timestamp(quiet)) == nil, "a rebuilt deadline index waits for the engine")
            }
            #expect(try await Engine(library: FlowLibrary(flows), plugins: try ChecklistReviews.host(), store: reopened).tick(now: quiet).isEmpty)
            #expect(try await Self.lines(content, at: location) == kept, "\(table) was rebuilt differently")
        }
        #expect(try await LogVerifier(store: try await location.open(.read)).run().isValid)
    }

    /// The rows `sql` selects at `location`, each a line of text.
    static func lines(_ sql: String, at location: StoreLocation) async throws -> [String] {
        switch location {
        case .sqlite(let path, _):
            return try await DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: sql) }
        case .postgres(let url):
            var lines: [String] = []
            try await StoreFixture.withPostgres(url) { client in
                for try await line in try await client.query(PostgresQuery(unsafeSQL: sql)).decode(String.self) { lines.append(line) }
            }
            return lines
        }
    }
}
