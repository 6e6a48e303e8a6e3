import AssayCore
import NIOCore
import PostgresNIO

/// The PostgreSQL store keeps credentials in its own tables, shared by every server on it.
extension PostgresEventStore: CredentialStore {
    public func passwordHash(of account: String) async throws -> String? {
        for try await hash in try await query("SELECT password_hash FROM credential WHERE account = \(account)").decode(String.self) {
            return hash
        }
        return nil
    }

    public func setPasswordHash(_ hash: String, of account: String) async throws {
        try await query("INSERT INTO credential (account, password_hash) VALUES (\(account), \(hash)) ON CONFLICT (account) DO UPDATE SET password_hash = excluded.password_hash")
    }

    public func startSession(tokenHash: [UInt8], account: String, at: Timestamp) async throws {
        try await query("INSERT INTO session (token_hash, account, created_ms, last_used_ms) VALUES (\(ByteBuffer(bytes: tokenHash)), \(account), \(at.milliseconds), \(at.milliseconds))")
    }

    public func session(tokenHash: [UInt8]) async throws -> StoredSession? {
        for try await (account, created, lastUsed) in try await query("SELECT account, created_ms, last_used_ms FROM session WHERE token_hash = \(ByteBuffer(bytes: tokenHash))")
            .decode((String, Int64, Int64).self) {
            return StoredSession(account: account, created: Timestamp(milliseconds: created), lastUsed: Timestamp(milliseconds: lastUsed))
        }
        return nil
    }

    public func touchSession(tokenHash: [UInt8], at: Timestamp) async throws {
        try await query("UPDATE session SET last_used_ms = \(at.milliseconds) WHERE token_hash = \(ByteBuffer(bytes: tokenHash))")
    }

    public func endSession(tokenHash: [UInt8]) async throws {
        try await query("DELETE FROM session WHERE token_hash = \(ByteBuffer(bytes: tokenHash))")
    }

    public func endSessions(of account: String) async throws {
        try await query("DELETE FROM session WHERE account = \(account)")
    }
}
