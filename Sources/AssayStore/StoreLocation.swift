import AssayCore
import Foundation

/// Where a store lives: `sqlite:PATH` (the embedded default) or `postgres://USER@HOST:PORT/DB`.
///
/// `sqlite:PATH?synchronous=normal` trades durability for speed: see
/// `SQLiteEventStore.Durability`.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String, durability: SQLiteEventStore.Durability = .full)
    case postgres(url: String)

    /// The default: `assay.sqlite` in the current folder.
    public static let `default` = StoreLocation.sqlite(path: "assay.sqlite")

    /// Reads `sqlite:PATH`, `postgres://…` or `postgresql://…`; a bare path ending in `.sqlite`
    /// or `.db` is an SQLite file.
    public init(_ text: String) throws(StoreError) {
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            var durability = SQLiteEventStore.Durability.full
            if let query = path.range(of: "?synchronous=", options: .backwards) {
                guard let chosen = SQLiteEventStore.Durability(rawValue: String(path[query.upperBound...]).lowercased()) else {
                    throw .unknownLocation(text)
                }
                durability = chosen
                path = String(path[..<query.lowerBound])
            }
            guard !path.isEmpty else { throw .unknownLocation(text) }
            self = .sqlite(path: path, durability: durability)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else if text.hasSuffix(".sqlite") || text.hasSuffix(".db") {
            self = .sqlite(path: text)
        } else {
            throw .unknownLocation(text)
        }
    }

    /// Opens the store for `access`: reading opens it read-only (no migration, nothing
    /// written, so a copy an auditor may not write can be read); reading and writing refuse a
    /// store that does not exist; only creating makes one.
    public func open(_ access: StoreAccess = .create) async throws -> any EventStore {
        switch self {
        case .sqlite(let path, let durability): try SQLiteEventStore(path: path, access: access, durability: durability)
        case .postgres(let url): try await PostgresEventStore(url: url, access: access)
        }
    }

    /// Whether a store exists there; PostgreSQL databases are always taken to exist.
    public var exists: Bool {
        switch self {
        case .sqlite(let path, _): FileManager.default.fileExists(atPath: path)
        case .postgres: true
        }
    }

    /// Removes a store that a failed command created, with its SQLite side files.
    public func removeCreated() {
        guard case .sqlite(let path, _) = self else { return }
        for file in [path, path + "-wal", path + "-shm"] { try? FileManager.default.removeItem(atPath: file) }
    }

    public var description: String {
        switch self {
        case .sqlite(let path, .full): "sqlite:\(path)"
        case .sqlite(let path, let durability): "sqlite:\(path)?synchronous=\(durability.rawValue)"
        case .postgres(let url): url
        }
    }
}
