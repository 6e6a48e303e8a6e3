/// What a plugin's rules see when they judge a record before it is written (and again when it
/// is replayed): the case it is about, the flow it follows and the stage it is in, and every
/// plugin's state folded from the log before the record.
public struct RecordContext: Sendable {
    /// The case the record is about, as it stands before the record; nil when the record is
    /// about another kind of subject (an expert, an institution).
    public let caseState: CaseState?
    /// The definition the case pinned; nil when `caseState` is.
    public let flow: FlowDefinition?
    /// Every plugin's state, folded from the log up to the record.
    public let plugins: PluginStates

    public init(caseState: CaseState?, flow: FlowDefinition?, plugins: PluginStates) {
        self.caseState = caseState
        self.flow = flow
        self.plugins = plugins
    }

    /// The case's current stage under its pinned definition.
    public var stage: Stage? {
        caseState.flatMap { flow?.stages[$0.stage] }
    }

    /// Whether only the case's assigned reviewers act in its current stage (`assigned-reviewers`).
    public var stageHasAssignedReviewers: Bool {
        guard let caseState else { return false }
        return flow?.assignedReviewers?.contains(caseState.stage) == true
    }
}
