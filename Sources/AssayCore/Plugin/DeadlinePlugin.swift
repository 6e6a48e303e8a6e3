/// A plugin with deadlines of its own (a rectification deadline that passes), which call for
/// records that `tick` writes as the system's. Its deadlines are about subjects other than cases
/// (a case's deadlines are its flow's stages'), and a subject's deadline follows from the records
/// about that subject alone (and the plugin's data files): the engine keeps each subject's next
/// deadline in the store's deadline index as it appends, so a `tick` with nothing due folds
/// nothing, and one with something due folds the due subjects' records only.
public protocol DeadlinePlugin: Plugin {
    /// The records the plugin's own deadlines call for at `now`. Each must be well-formed, and
    /// none once folded may be due again.
    func due(in state: State, at now: Timestamp) -> [SubjectRecord]

    /// The moment after which `subject` may call for a record (`due(in:at:)` returns one for it
    /// at any later `now`), or nil when it has no deadline open.
    func deadline(of subject: Subject, in state: State) -> Timestamp?

    /// Every subject's open deadline: what the deadline index is rebuilt from.
    func deadlines(in state: State) -> [Subject: Timestamp]
}
