/// One fact in the history of a subject (a case, or what a plugin records facts about). Events
/// are only ever appended; state is a fold of them.
public struct Event: Sendable, Equatable, Codable {
    /// What happened. Its payload is boxed (`indirect`), so an event costs two references to
    /// copy, not the dozen strings it holds: stores, the engine and replay copy events often.
    public indirect enum Body: Sendable, Equatable {
        case opened(CaseOpened)
        case actionTaken(ActionTaken)
        /// A plugin recorded a fact about the subject.
        case recorded(PluginRecord)
    }

    /// What the event is about: a case, or another subject of the log.
    public var subject: Subject
    /// The event's position in its subject's stream, from 1; equal to the subject's version after it.
    public var sequence: Int
    public var at: Timestamp
    public var body: Body

    public init(subject: Subject, sequence: Int, at: Timestamp, body: Body) {
        self.subject = subject
        self.sequence = sequence
        self.at = at
        self.body = body
    }

    /// The stage a case stands at after this event: the stage it opened at or the action's
    /// target; nil for a record, which leaves the stage as it was.
    public var stageReached: String? {
        switch body {
        case .opened(let opened): opened.stage
        case .actionTaken(let action): action.to
        case .recorded: nil
        }
    }

    /// The event's kind as stored: `case-opened`, `action-taken` or `record`.
    public var kind: String {
        switch body {
        case .opened: "case-opened"
        case .actionTaken: "action-taken"
        case .recorded: "record"
        }
    }

    enum CodingKeys: String, CodingKey { case caseID = "case", subject, sequence, at, kind, data }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        subject = try container.decodeIfPresent(Subject.self, forKey: .caseID) ?? container.decode(Subject.self, forKey: .subject)
        sequence = try container.decode(Int.self, forKey: .sequence)
        at = try container.decode(Timestamp.self, forKey: .at)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "case-opened": body = .opened(try container.decode(CaseOpened.self, forKey: .data))
        case "action-taken": body = .actionTaken(try container.decode(ActionTaken.self, forKey: .data))
        case "record": body = .recorded(try container.decode(PluginRecord.self, forKey: .data))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown event kind '\(kind)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(subject, forKey: subject.isCase ? .caseID : .subject)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(at, forKey: .at)
        try container.encode(kind, forKey: .kind)
        switch body {
        case .opened(let opened): try container.encode(opened, forKey: .data)
        case .actionTaken(let taken): try container.encode(taken, forKey: .data)
        case .recorded(let record): try container.encode(record, forKey: .data)
        }
    }
}

/// A case was opened for an institution on a flow, pinned to one definition.
public struct CaseOpened: Sendable, Equatable, Codable {
    public var flowID: String
    /// The definition the case follows for its whole life.
    public var definitionHash: DefinitionHash
    public var institution: Institution
    public var actor: Actor
    /// The flow's start stage.
    public var stage: String

    public init(flowID: String, definitionHash: DefinitionHash, institution: Institution, actor: Actor, stage: String) {
        self.flowID = flowID
        self.definitionHash = definitionHash
        self.institution = institution
        self.actor = actor
        self.stage = stage
    }

    enum CodingKeys: String, CodingKey { case flowID = "flow", definitionHash = "definition", institution, actor, stage }
}

/// An action was taken on a case, moving it from one stage to another.
public struct ActionTaken: Sendable, Equatable, Codable {
    /// Whether a person took the action or a passed deadline did.
    public enum Trigger: String, Sendable, Equatable, Codable {
        case actor
        case deadline
    }

    public var action: String
    public var from: String
    public var to: String
    public var actor: Actor
    public var trigger: Trigger
    public var inputs: [String: String]
    /// Every guard the action required, with its verdict (all passed, or no event is written).
    public var guards: [GuardResult]

    public init(action: String, from: String, to: String, actor: Actor, trigger: Trigger, inputs: [String: String], guards: [GuardResult]) {
        self.action = action
        self.from = from
        self.to = to
        self.actor = actor
        self.trigger = trigger
        self.inputs = inputs
        self.guards = guards
    }
}
