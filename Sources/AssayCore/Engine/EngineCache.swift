import Synchronization

/// What an engine remembers between calls, so an action need not refold the case's history and
/// a case opening need not store its definition again.
///
/// The store stays the source of truth: a cached state that another engine has made stale is
/// caught by the store's version check on append.
final class EngineCache: Sendable {
    private struct Contents {
        var states: [CaseID: CaseState] = [:]
        var recordedDefinitions: Set<DefinitionHash> = []
    }

    private let contents = Mutex(Contents())

    /// Removes and returns the cached state of `id`, so the caller holds its only copy and can
    /// extend it in place; the caller stores the next state back.
    func take(_ id: CaseID) -> CaseState? {
        contents.withLock { $0.states.removeValue(forKey: id) }
    }

    func store(_ state: CaseState) {
        contents.withLock { $0.states[state.id] = state }
    }

    func forget(_ id: CaseID) {
        _ = contents.withLock { $0.states.removeValue(forKey: id) }
    }

    /// Whether this engine has already recorded the definition with `hash` in its store.
    func hasRecorded(_ hash: DefinitionHash) -> Bool {
        contents.withLock { $0.recordedDefinitions.contains(hash) }
    }

    func markRecorded(_ hash: DefinitionHash) {
        _ = contents.withLock { $0.recordedDefinitions.insert(hash) }
    }
}
