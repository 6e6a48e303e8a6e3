/// A plugin with deadlines of its own (a rectification deadline that passes), which call for
/// records that `tick` writes as the system's. `tick` folds the state of these plugins only to
/// ask them what is due.
public protocol DeadlinePlugin: Plugin {
    /// The records the plugin's own deadlines call for at `now`. Each must be well-formed, and
    /// none once folded may be due again.
    func due(in state: State, at now: Timestamp) -> [SubjectRecord]
}
