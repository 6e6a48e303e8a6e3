/// What verification reads of a canonical event: its envelope (subject, sequence, kind) and, for
/// an opening, the definition it pins. The data of other events is passed over unread — replay
/// reads it — to where the envelope's last members begin, found from the body's end, so
/// checking a long log costs little more than hashing it.
public struct EventHeader: Sendable, Equatable {
    public var subject: Subject
    public var sequence: Int
    /// `case-opened`, `action-taken` or `record`.
    public var kind: String
    /// The definition an opening pins; nil for other events.
    public var definitionHash: DefinitionHash?

    /// Reads the header of `body`; `indexed`, the subject a store holds the event under, is
    /// shared when the body names the same one (see `Event.init(canonical:indexedAs:)`).
    public init(canonical body: [UInt8], indexedAs indexed: Subject? = nil) throws(CanonicalReader.Failure) {
        var reader = CanonicalReader(body)
        let caseID = try Event.readHead(&reader, indexedAs: indexed).caseID
        var data = reader
        try reader.skipObject(toLastKey: "kind")
        (kind, sequence, subject) = try Event.readTail(&reader, caseID: caseID, indexedAs: indexed)
        switch kind {
        case "case-opened" where subject.isCase:
            // An opening's data starts with who opened it, then the definition it pins.
            try data.beginObject()
            try data.key("actor")
            try data.skipObject()
            try data.key("definition")
            definitionHash = DefinitionHash(hex: try data.string())
        case "action-taken" where subject.isCase, "record":
            definitionHash = nil
        default:
            throw reader.failure("the event kind '\(kind)' does not fit \(subject)")
        }
    }
}
