import AssayCore
@testable import AssayStore
import Foundation
import GRDB
import Logging
import PostgresNIO
import Testing

/// The kinds of store the contract suite runs against.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memory, sqlite, postgres

    var testDescription: String { rawValue }

    static let durable: [StoreKind] = [.sqlite, .postgres]

    /// The throwaway cluster `scripts/postgres` started, if any.
    static let postgresURL = ProcessInfo.processInfo.environment["ASSAY_TEST_POSTGRES_URL"]

    /// Whether this kind runs here: PostgreSQL needs the cluster `scripts/test` starts. Under CI
    /// (`CI=true`) or `scripts/test` (`ASSAY_REQUIRE_POSTGRES=1`) it always runs, so a missing
    /// cluster fails the PostgreSQL tests instead of skipping them.
    var isAvailable: Bool {
        guard self == .postgres else { return true }
        let environment = ProcessInfo.processInfo.environment
        return Self.postgresURL != nil || environment["CI"] == "true" || environment["ASSAY_REQUIRE_POSTGRES"] == "1"
    }
}

/// A fresh, empty store of one kind, with raw access to its database for tampering.
struct StoreFixture {
    let kind: StoreKind
    let store: any EventStore
    /// Where a durable store lives, for reopening it and for other processes.
    let location: StoreLocation?

    static func make(_ kind: StoreKind) async throws -> StoreFixture {
        switch kind {
        case .memory:
            return StoreFixture(kind: kind, store: InMemoryEventStore(), location: nil)
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let location = StoreLocation.sqlite(path: folder.appendingPathComponent("store.sqlite").path)
            return StoreFixture(kind: kind, store: try await location.open(), location: location)
        case .postgres:
            let url = try await newPostgresDatabase()
            let location = StoreLocation.postgres(url: url)
            return StoreFixture(kind: kind, store: try await location.open(), location: location)
        }
    }

    /// Runs raw SQL on the store's database, bypassing Assay.
    func execute(_ sql: String) async throws {
        guard let location else {
            Issue.record("an in-memory store has no database")
            return
        }
        try await Self.execute(sql, at: location)
    }

    /// Runs raw SQL on the database at `location`, bypassing Assay.
    static func execute(_ sql: String, at location: StoreLocation) async throws {
        switch location {
        case .sqlite(let path, _):
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in try db.execute(sql: sql) }
        case .postgres(let url):
            try await withPostgres(url) { client in
                try await client.query(PostgresQuery(unsafeSQL: sql))
            }
        }
    }

    /// A new database of `kind` with the schema the previous release created: only the first
    /// migration, before the log had an origin and refused replacing inserts.
    static func previousRelease(_ kind: StoreKind) async throws -> StoreLocation {
        switch kind {
        case .memory:
            throw StoreError.unknownLocation("memory")
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let path = folder.appendingPathComponent("old.sqlite").path
            try SQLiteSchema.migrator.migrate(DatabaseQueue(path: path), upTo: "v1-append-only-log")
            return .sqlite(path: path)
        case .postgres:
            let url = try await newPostgresDatabase()
            let first = PostgresSchema.migrations[0]
            try await withPostgres(url) { client in
                try await client.query("CREATE TABLE assay_migration (id TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
                for statement in first.statements { try await client.query(PostgresQuery(unsafeSQL: statement)) }
                try await client.query("INSERT INTO assay_migration (id) VALUES (\(first.id))")
            }
            return .postgres(url: url)
        }
    }

    /// A new, empty database on the throwaway cluster.
    static func newPostgresDatabase() async throws -> String {
        let admin = try #require(StoreKind.postgresURL, "run the tests with scripts/test, which starts PostgreSQL")
        let name = "assay_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        try await withPostgres(admin) { client in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        return admin.replacingOccurrences(of: "/assay_test", with: "/\(name)")
    }

    /// Runs `body` with a connected client, then shuts it down.
    static func withPostgres(_ url: String, _ body: (PostgresClient) async throws -> Void) async throws {
        let parts = try #require(URLComponents(string: url))
        let configuration = PostgresClient.Configuration(
            host: parts.host ?? "127.0.0.1", port: parts.port ?? 5432, username: parts.user ?? "assay",
            password: nil, database: String(parts.path.dropFirst()), tls: .disable)
        var logger = Logger(label: "assay.tests")
        logger.logLevel = .error
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await body(client)
        }
    }
}
