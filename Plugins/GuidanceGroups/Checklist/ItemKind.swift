/// How an item is answered.
public enum ItemKind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Yes or no; yes meets it.
    case yesNo = "yes-no"
    /// One of graded levels, each worth points (A 4, B 3, C 1, D 0).
    case levels
    /// A number in the item's unit and range; `meets` says which values meet it.
    case number
    /// One of the item's options; those under `meeting` meet it.
    case choice
    /// Free text, recorded and not scored.
    case text
    /// A photo or document shown to the experts: yes (with the file's SHA-256) or no.
    case evidence

    public var description: String { rawValue }
}

/// What an answer carries as proof: a note, or a photo or document by its SHA-256.
public enum EvidenceKind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case note
    case photo
    case document

    public var description: String { rawValue }
}
