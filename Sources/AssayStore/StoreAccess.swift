/// What a command does with a store, which decides how it is opened.
public enum StoreAccess: Sendable, Equatable {
    /// Only reads: opened read-only, never migrated or created. Auditors' commands.
    case read
    /// Reads and appends to a store that exists, migrating it first.
    case write
    /// Creates the store if there is none, then as `write`.
    case create
}
