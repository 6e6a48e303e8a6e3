import AssayCore

/// Answers read straight from a record's value tree, with no JSON round trip: a reviewed case
/// holds a hundred answers or more, and the kind check, the rules and the fold each read every
/// one. Each reader takes exactly what `JSONDecoder` takes (required fields present and of their
/// type, `null` for an absent note, other fields ignored) and is nil where it would fail.
extension ItemAnswer {
    init?(_ value: RecordValue) {
        guard case .object(let fields) = value, case .string(let item)? = fields["item"],
              let answer = fields["answer"].flatMap(AnswerValue.init) else { return nil }
        self.init(item: item, answer: answer)
    }
}

extension AnswerValue {
    init?(_ value: RecordValue) {
        guard case .object(let fields) = value, case .string(let text)? = fields["value"],
              case .array(let items)? = fields["evidence"] else { return nil }
        var note: String?
        switch fields["note"] {
        case nil, .null?: note = nil
        case .string(let text)?: note = text
        default: return nil
        }
        var evidence: [Evidence] = []
        evidence.reserveCapacity(items.count)
        for item in items {
            guard let found = Evidence(item) else { return nil }
            evidence.append(found)
        }
        self.init(value: text, note: note, evidence: evidence)
    }
}

extension Evidence {
    init?(_ value: RecordValue) {
        guard case .object(let fields) = value, case .string(let kindText)? = fields["kind"], let kind = EvidenceKind(rawValue: kindText),
              case .string(let sha256)? = fields["sha256"] else { return nil }
        self.init(kind: kind, sha256: sha256)
    }
}
