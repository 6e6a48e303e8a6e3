import AssayCore

/// Who may sign in, kept beside the log but outside its history: each account's password hash
/// and the sessions signed in. A session is found by the SHA-256 of its token, so a copy of the
/// store holds no token anyone could use.
public protocol CredentialStore: Sendable {
    /// The account's password hash, or nil when it has none.
    func passwordHash(of account: String) async throws -> String?
    /// Sets (or replaces) the account's password hash.
    func setPasswordHash(_ hash: String, of account: String) async throws
    /// Records a session signed in at `at`.
    func startSession(tokenHash: [UInt8], account: String, at: Timestamp) async throws
    /// The session with `tokenHash`, or nil.
    func session(tokenHash: [UInt8]) async throws -> StoredSession?
    /// Marks the session used at `at` (its idle limit counts from there).
    func touchSession(tokenHash: [UInt8], at: Timestamp) async throws
    /// Ends one session (a logout, or one that expired).
    func endSession(tokenHash: [UInt8]) async throws
    /// Ends every session of `account` (disabled, or its password reset).
    func endSessions(of account: String) async throws
}

/// A session as the store keeps it.
public struct StoredSession: Sendable, Equatable {
    public var account: String
    public var created: Timestamp
    public var lastUsed: Timestamp

    public init(account: String, created: Timestamp, lastUsed: Timestamp) {
        self.account = account
        self.created = created
        self.lastUsed = lastUsed
    }
}
