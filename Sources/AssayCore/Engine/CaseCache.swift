import Synchronization

/// The latest state the engine has seen of each case, so an action need not refold the case's
/// history. The store stays the source of truth: a cached state that another engine has made
/// stale is caught by the store's version check on append.
final class CaseCache: Sendable {
    private let states = Mutex<[CaseID: CaseState]>([:])

    /// Removes and returns the cached state of `id`, so the caller holds its only copy and can
    /// extend it in place; the caller stores the next state back.
    func take(_ id: CaseID) -> CaseState? {
        states.withLock { $0.removeValue(forKey: id) }
    }

    func store(_ state: CaseState) {
        states.withLock { $0[state.id] = state }
    }

    func forget(_ id: CaseID) {
        _ = states.withLock { $0.removeValue(forKey: id) }
    }
}
