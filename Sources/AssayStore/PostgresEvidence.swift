import AssayCore
import NIOCore
import PostgresNIO

/// The PostgreSQL store keeps evidence files in its own table, shared by every server on it.
extension PostgresEventStore: EvidenceStore {
    public func storeEvidence(_ file: EvidenceFile, for caseID: CaseID) async throws -> Bool {
        for try await _ in try await query("""
            INSERT INTO evidence (case_id, sha256, media_type, name, bytes, stored_by, stored_ms)
            VALUES (\(caseID.value), \(file.sha256), \(file.mediaType), \(file.name), \(ByteBuffer(bytes: file.bytes)), \(file.storedBy), \(file.storedAt.milliseconds))
            ON CONFLICT (case_id, sha256) DO NOTHING RETURNING 1
            """).decode(Int32.self) {
            return true
        }
        return false
    }

    public func evidence(_ sha256: String, for caseID: CaseID) async throws -> EvidenceFile? {
        let rows = try await query("SELECT media_type, name, bytes, stored_by, stored_ms FROM evidence WHERE case_id = \(caseID.value) AND sha256 = \(sha256)")
        for try await (mediaType, name, bytes, storedBy, storedMs) in rows.decode((String, String?, ByteBuffer, String, Int64).self) {
            return EvidenceFile(sha256: sha256, mediaType: mediaType, name: name, bytes: Array(bytes.readableBytesView), storedBy: storedBy, storedAt: Timestamp(milliseconds: storedMs))
        }
        return nil
    }

    public func hasEvidence(_ sha256: String, for caseID: CaseID) async throws -> Bool {
        for try await _ in try await query("SELECT 1 FROM evidence WHERE case_id = \(caseID.value) AND sha256 = \(sha256)").decode(Int32.self) {
            return true
        }
        return false
    }

    public func evidenceHash(named name: String, for caseID: CaseID) async throws -> String? {
        for try await hash in try await query("SELECT sha256 FROM evidence WHERE case_id = \(caseID.value) AND name = \(name) ORDER BY stored_ms DESC LIMIT 1").decode(String.self) {
            return hash
        }
        return nil
    }
}
