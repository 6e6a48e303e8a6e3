import AssayCore

/// Where a store lives: `sqlite:PATH` (the embedded default) or `postgres://USER@HOST:PORT/DB`.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// The default: `assay.sqlite` in the current folder.
    public static let `default` = StoreLocation.sqlite(path: "assay.sqlite")

    /// Reads `sqlite:PATH`, `postgres://…` or `postgresql://…`; a bare path ending in `.sqlite`
    /// or `.db` is an SQLite file.
    public init(_ text: String) throws(StoreError) {
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw .unknownLocation(text) }
            self = .sqlite(path: path)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else if text.hasSuffix(".sqlite") || text.hasSuffix(".db") {
            self = .sqlite(path: text)
        } else {
            throw .unknownLocation(text)
        }
    }

    /// Opens the store, creating it and applying migrations as needed.
    public func open() async throws -> any EventStore {
        switch self {
        case .sqlite(let path): try SQLiteEventStore(path: path)
        case .postgres(let url): try await PostgresEventStore(url: url)
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): url
        }
    }
}
