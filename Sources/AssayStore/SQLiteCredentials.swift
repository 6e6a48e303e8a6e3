import AssayCore
import Foundation
import GRDB

/// The SQLite store keeps credentials in its own tables (`credential`, `session`), beside the
/// log and never in it.
extension SQLiteEventStore: CredentialStore {
    public func passwordHash(of account: String) async throws -> String? {
        try await read { db in try String.fetchOne(db, sql: "SELECT password_hash FROM credential WHERE account = ?", arguments: [account]) }
    }

    public func setPasswordHash(_ hash: String, of account: String) async throws {
        try await write { db in
            try db.execute(sql: "INSERT INTO credential (account, password_hash) VALUES (?, ?) ON CONFLICT (account) DO UPDATE SET password_hash = excluded.password_hash",
                           arguments: [account, hash])
        }
    }

    public func startSession(tokenHash: [UInt8], account: String, at: Timestamp) async throws {
        try await write { db in
            try db.execute(sql: "INSERT INTO session (token_hash, account, created_ms, last_used_ms) VALUES (?, ?, ?, ?)",
                           arguments: [Data(tokenHash), account, at.milliseconds, at.milliseconds])
        }
    }

    public func session(tokenHash: [UInt8]) async throws -> StoredSession? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT account, created_ms, last_used_ms FROM session WHERE token_hash = ?", arguments: [Data(tokenHash)]).map { row in
                StoredSession(account: row[0], created: Timestamp(milliseconds: row[1]), lastUsed: Timestamp(milliseconds: row[2]))
            }
        }
    }

    public func touchSession(tokenHash: [UInt8], at: Timestamp) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE session SET last_used_ms = ? WHERE token_hash = ?", arguments: [at.milliseconds, Data(tokenHash)])
        }
    }

    public func endSession(tokenHash: [UInt8]) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM session WHERE token_hash = ?", arguments: [Data(tokenHash)]) }
    }

    public func endSessions(of account: String) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM session WHERE account = ?", arguments: [account]) }
    }
}
