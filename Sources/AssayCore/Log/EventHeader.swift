/// What verification reads of a canonical event: its envelope (subject, sequence, kind) and, for
/// an opening, the definition it pins. The data of other events is passed over unparsed — replay
/// reads it — so checking a long log costs little more than hashing it.
public struct EventHeader: Sendable, Equatable {
    public var subject: Subject
    public var sequence: Int
    /// `case-opened`, `action-taken` or `record`.
    public var kind: String
    /// The definition an opening pins; nil for other events.
    public var definitionHash: DefinitionHash?

    public init(canonical body: [UInt8]) throws(CanonicalReader.Failure) {
        var reader = CanonicalReader(body)
        let caseID = try Event.readHead(&reader).caseID
        try reader.skipObject()
        (kind, sequence, subject) = try Event.readTail(&reader, caseID: caseID)
        switch kind {
        case "case-opened":
            // One event a case: read whole, for the definition it pins.
            guard case .opened(let opened) = try Event(canonical: body).body else { throw reader.failure("an opening without its data") }
            definitionHash = opened.definitionHash
        case "action-taken" where subject.isCase, "record":
            definitionHash = nil
        default:
            throw reader.failure("the event kind '\(kind)' does not fit \(subject)")
        }
    }
}
