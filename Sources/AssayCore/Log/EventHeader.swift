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
        try reader.beginObject()
        try reader.key("at"); _ = try reader.integer()
        var probe = reader
        let caseID = (try? probe.key("case")) != nil ? try { () throws(CanonicalReader.Failure) in reader = probe; return try reader.string() }() : nil
        try reader.key("data")
        try reader.skipObject()
        try reader.key("kind"); kind = try reader.string()
        try reader.key("sequence"); sequence = Int(try reader.integer())
        if let caseID {
            subject = Subject(caseID)
            guard subject.isCase else { throw reader.failure("a case id holds no ':'; '\(caseID)' names another subject") }
        } else {
            try reader.key("subject"); subject = Subject(try reader.string())
            guard !subject.isCase else { throw reader.failure("'\(subject)' is a case, named under \"case\"") }
        }
        try reader.endObject()
        try reader.finish()
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
