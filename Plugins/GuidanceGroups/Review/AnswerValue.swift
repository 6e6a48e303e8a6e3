/// A file shown as evidence, by its SHA-256; the file itself stays with the commission.
public struct Evidence: Sendable, Hashable, Codable {
    public var kind: EvidenceKind
    /// The file's SHA-256, 64 lowercase hex digits.
    public var sha256: String

    public init(kind: EvidenceKind, sha256: String) {
        self.kind = kind
        self.sha256 = sha256
    }
}

/// What an answer says: the value (`yes`, a level, a number, an option, text, or `n/a`), a note,
/// and the evidence behind it.
public struct AnswerValue: Sendable, Equatable, Codable {
    /// The value of an item that does not apply here, given with a reason.
    public static let notApplicable = "n/a"

    public var value: String
    public var note: String?
    public var evidence: [Evidence]

    public init(value: String, note: String? = nil, evidence: [Evidence] = []) {
        self.value = value
        self.note = note
        self.evidence = evidence
    }

    /// Whether two answers give the same value; notes and evidence may differ.
    func agrees(with other: AnswerValue) -> Bool {
        value == other.value || (Int(value) != nil && Int(value) == Int(other.value))
    }
}
