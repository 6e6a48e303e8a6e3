import AssayCore
import Foundation
import GRDB

/// The SQLite store keeps evidence files in its own table (`evidence`), beside the log.
extension SQLiteEventStore: EvidenceStore {
    public func storeEvidence(_ file: EvidenceFile, for caseID: CaseID) async throws -> Bool {
        try await write { db in
            try db.execute(sql: """
                INSERT INTO evidence (case_id, sha256, media_type, name, bytes, stored_by, stored_ms) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (case_id, sha256) DO NOTHING
                """, arguments: [caseID.value, file.sha256, file.mediaType, file.name, Data(file.bytes), file.storedBy, file.storedAt.milliseconds])
            return db.changesCount == 1
        }
    }

    public func evidence(_ sha256: String, for caseID: CaseID) async throws -> EvidenceFile? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT media_type, name, bytes, stored_by, stored_ms FROM evidence WHERE case_id = ? AND sha256 = ?",
                             arguments: [caseID.value, sha256]).map { row in
                EvidenceFile(sha256: sha256, mediaType: row[0], name: row[1], bytes: [UInt8](row[2] as Data), storedBy: row[3], storedAt: Timestamp(milliseconds: row[4]))
            }
        }
    }

    public func hasEvidence(_ sha256: String, for caseID: CaseID) async throws -> Bool {
        try await read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM evidence WHERE case_id = ? AND sha256 = ?)", arguments: [caseID.value, sha256]) ?? false
        }
    }

    public func evidenceHash(named name: String, for caseID: CaseID) async throws -> String? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT sha256 FROM evidence WHERE case_id = ? AND name = ? ORDER BY stored_ms DESC LIMIT 1", arguments: [caseID.value, name])
        }
    }
}
