/// Why the engine refused to open a case or take an action. A refusal writes no event.
public enum TransitionError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownCase(CaseID)
    /// The caller expected the case at one version; it is at another (someone acted first).
    case staleVersion(CaseID, expected: Int, current: Int)
    case caseAlreadyExists(CaseID)
    /// A case id must be non-empty and hold no `:` (which names other subjects of the log).
    case invalidCaseID(CaseID)
    /// The actor acts neither for the institution nor for a region containing it.
    case notActingFor(Institution, actor: Actor)
    case unknownFlow(String, known: [String])
    case definitionUnavailable(DefinitionHash, caseID: CaseID)
    case unknownAction(String, flow: String)
    /// The action exists in the flow but not in the case's current stage.
    case actionNotInStage(action: String, stage: String, available: [String])
    case roleNotPermitted(action: String, role: String, required: String)
    case outsideJurisdiction(action: String, actor: Actor, level: RegionLevel, institution: Institution)
    /// Only a passed deadline takes this action.
    case deadlineOnly(action: String)
    /// The actor took an earlier action this one must be independent of.
    case notIndependent(action: String, actorID: String, earlierAction: String)
    case guardFailed(action: String, results: [GuardResult])
    case unknownGuard(String, action: String)
    case missingInput(action: String, input: String)
    case unexpectedInput(action: String, input: String, expected: [String])
    case invalidInput(action: String, input: String, value: String, reason: String)
    /// The time given is earlier than the case's last event; history only moves forward.
    case timeBeforeLastEvent(at: Timestamp, last: Timestamp)
    case history(HistoryError)

    public var description: String {
        switch self {
        case .unknownCase(let id):
            "there is no case \(id); check the case id or open the case first"
        case .staleVersion(let id, let expected, let current):
            "case \(id) is at version \(current), not \(expected): someone acted on it since you read it; read it again and decide on what it holds now"
        case .invalidCaseID(let id):
            "'\(id)' cannot name a case: a case id is not empty and holds no ':', such as basic-standard/410883-002"
        case .caseAlreadyExists(let id):
            "case \(id) already exists; choose another case id"
        case .notActingFor(let institution, let actor):
            "\(actor) does not act for \(institution.name) (\(institution.region)); a case is opened by the institution or by a commission whose region contains it"
        case .unknownFlow(let flow, let known):
            "no flow '\(flow)' is loaded; known flows: \(known.joined(separator: ", "))"
        case .definitionUnavailable(let hash, let caseID):
            "case \(caseID) follows definition \(hash.short), which is not loaded; load that version of the flow"
        case .unknownAction(let action, let flow):
            "flow '\(flow)' has no action '\(action)'"
        case .actionNotInStage(let action, let stage, let available):
            "action '\(action)' cannot be taken in stage '\(stage)'; available there: \(available.isEmpty ? "none" : available.joined(separator: ", "))"
        case .roleNotPermitted(let action, let role, let required):
            "action '\(action)' is for role '\(required)', not '\(role)'"
        case .outsideJurisdiction(let action, let actor, let level, let institution):
            "action '\(action)' must be taken at \(level.rawValue) level over \(institution.name) (\(institution.region)); \(actor) does not act there"
        case .deadlineOnly(let action):
            "action '\(action)' is taken only by the engine when its stage's deadline passes"
        case .notIndependent(let action, let actorID, let earlierAction):
            "\(actorID) took '\(earlierAction)' on this case, so cannot take '\(action)'; another person must decide"
        case .guardFailed(let action, let results):
            "action '\(action)' is not allowed: " + results.filter { !$0.passed }.map(\.description).joined(separator: "; ")
        case .unknownGuard(let name, let action):
            "action '\(action)' requires guard '\(name)', which no loaded plugin provides"
        case .missingInput(let action, let input):
            "action '\(action)' needs input '\(input)'"
        case .unexpectedInput(let action, let input, let expected):
            "action '\(action)' takes no input '\(input)'; it takes: \(expected.isEmpty ? "none" : expected.joined(separator: ", "))"
        case .invalidInput(let action, let input, let value, let reason):
            "input '\(input)' of action '\(action)' cannot be '\(value)': \(reason)"
        case .timeBeforeLastEvent(let at, let last):
            "the time \(at) is before the case's last event at \(last); actions are recorded in time order"
        case .history(let error):
            error.description
        }
    }
}
