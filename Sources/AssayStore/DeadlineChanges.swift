import AssayCore

/// What a batch of appends does to the deadline index, each subject's last update standing:
/// the subjects due and when, those whose deadline is removed, and whether the index is left
/// incomplete. A subject new to the log has no deadline to remove.
struct DeadlineChanges {
    var due: [String: Int64] = [:]
    var removed: Set<String> = []
    var incomplete = false

    init(_ batch: [CaseAppend]) {
        for item in batch {
            guard let subject = item.events.first?.subject.value else { continue }
            switch item.deadline {
            case .due(let at):
                due[subject] = at.milliseconds
                removed.remove(subject)
            case .none:
                due[subject] = nil
                if item.expectedVersion > 0 { removed.insert(subject) }
            case .unchanged:
                break
            case .unknown:
                incomplete = true
            }
        }
    }
}
