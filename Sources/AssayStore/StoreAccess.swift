/// What a command does with a store, which decides how it is opened.
public enum StoreAccess: Sendable, Equatable {
    /// Only reads: opened read-only, never migrated or created. Auditors' commands.
    case read
    /// Reads the whole log once, in order (`verify`, `replay`, `export`): as `read`, and a
    /// SQLite file is mapped into memory instead of each page being copied out of the kernel,
    /// so the process's resident size also counts the pages of the file it read.
    case scan
    /// Reads and appends to a store that exists, migrating it first.
    case write
    /// Creates the store if there is none, then as `write`.
    case create

    /// Whether the store is opened read-only.
    public var isReadOnly: Bool { self == .read || self == .scan }
}
