import Synchronization

/// What an engine remembers between calls, so an action need not refold the case's history nor
/// look up its definition, and a case opening need not store its definition again.
///
/// The store stays the source of truth: a cached state that another engine has made stale is
/// caught by the store's version check on append.
final class EngineCache: Sendable {
    /// A case's state and the decision under the definition it pinned.
    struct Entry: Sendable {
        var state: CaseState
        let transition: Transition
    }

    private struct Contents {
        var cases: [CaseID: Entry] = [:]
        var recordedDefinitions: Set<DefinitionHash> = []
    }

    private let contents = Mutex(Contents())

    /// Removes and returns the cached entry of `id`, so the caller holds its only copy and can
    /// extend the state in place; the caller stores the next state back.
    func take(_ id: CaseID) -> Entry? {
        contents.withLock { $0.cases.removeValue(forKey: id) }
    }

    func store(_ entry: Entry) {
        contents.withLock { $0.cases[entry.state.id] = entry }
    }

    func forget(_ id: CaseID) {
        _ = contents.withLock { $0.cases.removeValue(forKey: id) }
    }

    /// Whether this engine has already recorded the definition with `hash` in its store.
    func hasRecorded(_ hash: DefinitionHash) -> Bool {
        contents.withLock { $0.recordedDefinitions.contains(hash) }
    }

    func markRecorded(_ hash: DefinitionHash) {
        _ = contents.withLock { $0.recordedDefinitions.insert(hash) }
    }
}
