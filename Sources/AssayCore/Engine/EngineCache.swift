import Synchronization

/// What an engine remembers between calls, so an action need not refold the case's history nor
/// look up its definition.
///
/// The store stays the source of truth: a cached state that another engine has made stale is
/// caught by the store's version check on append.
final class EngineCache: Sendable {
    /// A case's state and the decision under the definition it pinned.
    struct Entry: Sendable {
        var state: CaseState
        let transition: Transition
    }

    private let cases = Mutex<[CaseID: Entry]>([:])

    /// Removes and returns the cached state of `id` and its decision, so the caller holds the
    /// state's only copy and extends it in place; the caller stores the next state back.
    func take(_ id: CaseID) -> (state: CaseState, transition: Transition)? {
        guard let entry = cases.withLock({ $0.removeValue(forKey: id) }) else { return nil }
        return (entry.state, entry.transition)
    }

    func store(_ entry: Entry) {
        cases.withLock { $0[entry.state.id] = entry }
    }

    func forget(_ id: CaseID) {
        _ = cases.withLock { $0.removeValue(forKey: id) }
    }
}
