extension Event {
    /// Decodes an event from its canonical JSON, refusing any other form (see
    /// `CanonicalReader`). An event this accepts re-encodes to exactly `body`.
    ///
    /// Much faster than `JSONDecoder`, for replaying and verifying long logs. `indexed`, the
    /// subject a store holds the event under, is shared when the body names the same one, so
    /// reading makes no copy of it.
    public init(canonical body: [UInt8], indexedAs indexed: Subject? = nil) throws(CanonicalReader.Failure) {
        var reader = CanonicalReader(body)
        let (at, caseID) = try Self.readHead(&reader, indexedAs: indexed)
        // The kind follows the data in key order; read the data as whichever kind it is.
        let data = try EventData(reading: &reader)
        let (kind, sequence, subject) = try Self.readTail(&reader, caseID: caseID, indexedAs: indexed)
        switch (kind, data) {
        // A subject named under `case` is a case (`readTail` checked it).
        case ("case-opened", .opened(let opened)) where caseID != nil: self.init(subject: subject, sequence: sequence, at: at, body: .opened(opened))
        case ("action-taken", .actionTaken(let taken)) where caseID != nil: self.init(subject: subject, sequence: sequence, at: at, body: .actionTaken(taken))
        case ("record", .recorded(let record)): self.init(subject: subject, sequence: sequence, at: at, body: .recorded(record))
        default: throw reader.failure("the data does not match the event kind '\(kind)' about \(subject)")
        }
    }
}

extension Event {
    /// Reads an event's opening members up to its data: its time and, for a case, the case's
    /// id (a case is named under `case`, before the data; any other subject under `subject`, last).
    static func readHead(_ reader: inout CanonicalReader, indexedAs indexed: Subject?) throws(CanonicalReader.Failure) -> (at: Timestamp, caseID: String?) {
        try reader.beginObject()
        try reader.key("at"); let at = Timestamp(milliseconds: try reader.integer())
        let caseID = reader.readKey(ifNext: "case") ? try reader.subjectText(indexedAs: indexed) : nil
        try reader.key("data")
        return (at, caseID)
    }

    /// Reads an event's members after its data, to the end: its kind, sequence and subject.
    static func readTail(_ reader: inout CanonicalReader, caseID: String?, indexedAs indexed: Subject?) throws(CanonicalReader.Failure) -> (kind: String, sequence: Int, subject: Subject) {
        try reader.key("kind"); let kind = try reader.string()
        try reader.key("sequence"); let sequence = Int(try reader.integer())
        let subject: Subject
        if let caseID {
            subject = Subject(caseID)
            guard subject.isCase else { throw reader.failure("a case id holds no ':'; '\(caseID)' names another subject") }
        } else {
            try reader.key("subject"); subject = Subject(try reader.subjectText(indexedAs: indexed))
            guard !subject.isCase else { throw reader.failure("'\(subject)' is a case, named under \"case\"") }
        }
        try reader.endObject()
        try reader.finish()
        return (kind, sequence, subject)
    }
}

extension CanonicalReader {
    /// A subject's text: the indexed subject's own when it is the same.
    fileprivate mutating func subjectText(indexedAs indexed: Subject?) throws(Failure) -> String {
        if let indexed { return try string(sameAs: indexed.value) }
        return try string()
    }
}

/// An event's data, told apart by its first key: `action` for an action, `by` for a record,
/// `actor` for an opening.
private enum EventData {
    case opened(CaseOpened)
    case actionTaken(ActionTaken)
    case recorded(PluginRecord)

    init(reading reader: inout CanonicalReader) throws(CanonicalReader.Failure) {
        try reader.beginObject()
        if let taken = try ActionTaken(readingMembersOf: &reader) {
            self = .actionTaken(taken)
        } else if let record = try PluginRecord(readingMembersOf: &reader) {
            self = .recorded(record)
        } else {
            self = .opened(try CaseOpened(readingMembersOf: &reader))
        }
        try reader.endObject()
    }
}

extension PluginRecord {
    /// Reads the members of a record's object, whose `{` has been read; nil (having read
    /// nothing) when the object does not start with `by`.
    init?(readingMembersOf reader: inout CanonicalReader) throws(CanonicalReader.Failure) {
        guard reader.readKey(ifNext: "by") else { return nil }
        let by = try Actor(reading: &reader)
        try reader.key("plugin"); let plugin = try reader.string()
        try reader.key("type"); let type = try reader.string()
        try reader.key("value"); let value = try RecordValue(reading: &reader)
        self.init(plugin: plugin, type: type, by: by, value: value)
    }
}

extension CaseOpened {
    /// Reads the members of an opening's object, whose `{` has been read.
    init(readingMembersOf reader: inout CanonicalReader) throws(CanonicalReader.Failure) {
        try reader.key("actor"); let actor = try Actor(reading: &reader)
        try reader.key("definition"); let definition = DefinitionHash(hex: try reader.string())
        try reader.key("flow"); let flow = try reader.string()
        try reader.key("institution")
        try reader.beginObject()
        try reader.key("id"); let id = try reader.string()
        try reader.key("name"); let name = try reader.string()
        try reader.key("region"); let regionText = try reader.string()
        guard let region = RegionCode(regionText) else { throw reader.failure("'\(regionText)' is not a region code") }
        var type: InstitutionType?
        if let typeText = try reader.nextKey(after: "region") {
            guard typeText == "type", let known = InstitutionType(rawValue: try reader.string()) else {
                throw reader.failure("an institution holds id, name, region and a known type only")
            }
            type = known
        }
        try reader.endObject()
        try reader.key("stage"); let stage = try reader.string()
        self.init(flowID: flow, definitionHash: definition, institution: Institution(id: id, name: name, region: region, type: type),
                  actor: actor, stage: stage)
    }
}

extension ActionTaken {
    /// Reads the members of an action's object, whose `{` has been read; nil (having read
    /// nothing) when the object does not start with `action`.
    init?(readingMembersOf reader: inout CanonicalReader) throws(CanonicalReader.Failure) {
        guard reader.readKey(ifNext: "action") else { return nil }
        let action = try reader.string()
        try reader.key("actor"); let actor = try Actor(reading: &reader)
        try reader.key("from"); let from = try reader.string()
        try reader.key("guards")
        var guards: [GuardResult] = []
        try reader.beginArray()
        while try reader.nextItem() {
            try reader.beginObject()
            try reader.key("name"); let name = try reader.string()
            try reader.key("passed"); let passed = try reader.bool()
            try reader.key("reason"); let reason = try reader.string()
            try reader.endObject()
            guards.append(GuardResult(name: name, verdict: GuardVerdict(passed: passed, reason: reason)))
        }
        try reader.key("inputs")
        var inputs: [String: String] = [:]
        try reader.beginObject()
        var previous: String?
        while let name = try reader.nextKey(after: previous) {
            inputs[name] = try reader.string()
            previous = name
        }
        try reader.endObject()
        try reader.key("to"); let to = try reader.string()
        try reader.key("trigger"); let triggerText = try reader.string()
        guard let trigger = Trigger(rawValue: triggerText) else { throw reader.failure("unknown trigger '\(triggerText)'") }
        self.init(action: action, from: from, to: to, actor: actor, trigger: trigger, inputs: inputs, guards: guards)
    }
}

extension Actor {
    init(reading reader: inout CanonicalReader) throws(CanonicalReader.Failure) {
        try reader.beginObject()
        try reader.key("id"); let id = try reader.string()
        try reader.key("jurisdiction"); let jurisdiction = try Jurisdiction(reading: &reader)
        try reader.key("role"); let role = try reader.string()
        try reader.endObject()
        self.init(id: id, role: role, jurisdiction: jurisdiction)
    }
}

extension Actor.Jurisdiction {
    /// Reads a jurisdiction's text, an institution's id or a region's code straight after its
    /// prefix (the whole text is made only when it has neither).
    init(reading reader: inout CanonicalReader) throws(CanonicalReader.Failure) {
        if let id = try reader.string(afterPrefix: "institution:") {
            self = .institution(id)
        } else if let code = try reader.string(afterPrefix: "region:") {
            guard let region = RegionCode(code) else { throw reader.failure("'region:\(code)' is not a jurisdiction") }
            self = .region(region)
        } else {
            let text = try reader.string()
            guard let jurisdiction = Self(text: text) else { throw reader.failure("'\(text)' is not a jurisdiction") }
            self = jurisdiction
        }
    }
}
