/// What a plugin's rules see when they judge a record before it is written (and again when it
/// is replayed): the case it is about, the stage that case is in, and every plugin's state folded
/// from the log before the record.
public struct RecordContext: Sendable {
    /// The case the record is about, as it stands before the record; nil when the record is
    /// about another kind of subject (an expert, an institution).
    public let caseState: CaseState?
    /// The case's current stage under its pinned definition; nil when `caseState` is.
    public let stage: Stage?
    /// Every plugin's state, folded from the log up to the record.
    public let plugins: PluginStates

    public init(caseState: CaseState?, stage: Stage?, plugins: PluginStates) {
        self.caseState = caseState
        self.stage = stage
        self.plugins = plugins
    }
}
