import AssayCore

/// The photos and documents experts attach to their answers, kept beside the log by case and
/// SHA-256: an answer names the file by its hash, and the file is found by it. Not history
/// (export, verify and replay never read it), but nothing stored is ever replaced: storing the
/// same bytes again for a case stores nothing.
public protocol EvidenceStore: Sendable {
    /// Stores `file` for `caseID`; false when the case already had those bytes.
    func storeEvidence(_ file: EvidenceFile, for caseID: CaseID) async throws -> Bool
    /// The file of `caseID` with `sha256` (lowercase hex), or nil.
    func evidence(_ sha256: String, for caseID: CaseID) async throws -> EvidenceFile?
    /// Whether `caseID` has the file with `sha256`.
    func hasEvidence(_ sha256: String, for caseID: CaseID) async throws -> Bool
    /// The SHA-256 of the file stored for `caseID` under `name` (the latest), or nil.
    func evidenceHash(named name: String, for caseID: CaseID) async throws -> String?
}

/// A photo or document as stored: its bytes, their SHA-256, the media type it was sent as, the
/// file name it had (an ODK export names its media files), and who stored it when.
public struct EvidenceFile: Sendable, Equatable {
    public var sha256: String
    public var mediaType: String
    public var name: String?
    public var bytes: [UInt8]
    public var storedBy: String
    public var storedAt: Timestamp

    /// The file of `bytes`, its hash computed.
    public init(bytes: [UInt8], mediaType: String, name: String?, storedBy: String, storedAt: Timestamp) {
        self.init(sha256: FileHash.sha256(bytes), mediaType: mediaType, name: name, bytes: bytes, storedBy: storedBy, storedAt: storedAt)
    }

    init(sha256: String, mediaType: String, name: String?, bytes: [UInt8], storedBy: String, storedAt: Timestamp) {
        self.sha256 = sha256
        self.mediaType = mediaType
        self.name = name
        self.bytes = bytes
        self.storedBy = storedBy
        self.storedAt = storedAt
    }
}
