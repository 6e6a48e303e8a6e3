import AssayYAML

/// One versioned review flow, as written in a YAML file under `Workflows/`.
public struct FlowDefinition: Sendable, Equatable, Codable {
    /// The track's identifier, such as `basic-standard`; cases name it when they open.
    public var id: String
    public var version: Int
    public var title: LocalizedText
    public var roles: NamedList<Role>
    /// The stage a new case starts in.
    public var start: String
    public var stages: NamedList<Stage>
    /// Stages whose actions only a case's assigned reviewers may take (`assigned-reviewers:`):
    /// the engine adds the guard `assigned-reviewer`, which a plugin provides, to every action
    /// of these stages that a role takes.
    public var assignedReviewers: [String]?

    /// The guard `assignedReviewers` adds.
    public static let assignedReviewerGuard = "assigned-reviewer"

    public init(id: String, version: Int, title: LocalizedText, roles: NamedList<Role>, start: String, stages: NamedList<Stage>,
                assignedReviewers: [String]? = nil) {
        self.id = id
        self.version = version
        self.title = title
        self.roles = roles
        self.start = start
        self.stages = stages
        self.assignedReviewers = assignedReviewers
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case id, version, title, roles, start, stages, assignedReviewers = "assigned-reviewers" }

    public init(from decoder: any Decoder) throws {
        var fields = try FieldDecoder(decoder, keyedBy: CodingKeys.self)
        id = try fields.decode(.id, or: "")
        version = try fields.decode(.version, or: 0)
        title = try fields.decode(.title, or: .empty)
        roles = try fields.decode(.roles, or: NamedList())
        start = try fields.decode(.start, or: "")
        stages = try fields.decode(.stages, or: NamedList())
        assignedReviewers = try fields.decodeIfPresent(.assignedReviewers)
        try fields.finish()
    }

    /// The guards taking `action` in `stage` must pass: the action's own, after the
    /// assigned-reviewer guard where the flow asks for it.
    public func guards(of action: Action, in stage: String) -> [String] {
        guard action.permission != nil, assignedReviewers?.contains(stage) == true else { return action.guards }
        return [Self.assignedReviewerGuard] + action.guards
    }

    /// The stage that offers `action`, with the action. Action names are unique in a valid flow.
    public func action(named action: String) -> (stage: Stage, action: Action)? {
        for stage in stages {
            if let found = stage.actions[action] { return (stage, found) }
        }
        return nil
    }
}
