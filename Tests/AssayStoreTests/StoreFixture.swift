import AssayCore
import AssayStore
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

    /// Whether this kind can run here: PostgreSQL needs the cluster `scripts/test` starts.
    var isAvailable: Bool { self != .postgres || Self.postgresURL != nil }
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
            let admin = try #require(StoreKind.postgresURL, "run the tests with scripts/test, which starts PostgreSQL")
            let name = "assay_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
            try await Self.withPostgres(admin) { client in
                try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
            }
            let url = admin.replacingOccurrences(of: "/assay_test", with: "/\(name)")
            let location = StoreLocation.postgres(url: url)
            return StoreFixture(kind: kind, store: try await location.open(), location: location)
        }
    }

    /// Runs raw SQL on the store's database, bypassing Assay.
    func execute(_ sql: String) async throws {
        switch location {
        case .sqlite(let path):
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in try db.execute(sql: sql) }
        case .postgres(let url):
            try await Self.withPostgres(url) { client in
                try await client.query(PostgresQuery(unsafeSQL: sql))
            }
        case nil:
            Issue.record("an in-memory store has no database")
        }
    }

    /// Runs `body` with a connected client, then shuts it down.
    static func withPostgres(_ url: String, _ body: (PostgresClient) async throws -> Void) async throws {
        let parts = try #require(URLComponents(string: url))
        let configuration = PostgresClient.Configuration(
            host: parts.host ?? "127.0.0.1", port: parts.port ?? 5432, username: parts.user ?? "assay",
            password: nil, database: String(parts.path.dropFirst()), tls: .disable)
        let client = PostgresClient(configuration: configuration, backgroundLogger: Logger(label: "assay.tests"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await body(client)
        }
    }
}
