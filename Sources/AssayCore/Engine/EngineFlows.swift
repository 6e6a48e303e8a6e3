import Synchronization

/// An engine's definitions, each with its decision made once when the engine starts: opening a
/// case or loading one looks its definition up once (by flow id or by hash), and makes nothing.
struct EngineFlows: Sendable {
    /// One definition of the library, its decision, and whether the engine has put it in its store.
    final class Pinned: Sendable {
        let hash: DefinitionHash
        let transition: Transition
        /// Set once the definition is in the store, so later openings need not record it again.
        let isRecorded = Atomic(false)

        init(hash: DefinitionHash, transition: Transition) {
            self.hash = hash
            self.transition = transition
        }
    }

    private let byHash: [DefinitionHash: Pinned]
    private let currentByFlow: [String: Pinned]

    init(library: FlowLibrary, guards: GuardRegistry) {
        var byHash: [DefinitionHash: Pinned] = [:]
        for (hash, definition) in library.definitionsByHash {
            byHash[hash] = Pinned(hash: hash, transition: Transition(definition: definition, guards: guards))
        }
        self.byHash = byHash
        currentByFlow = Dictionary(uniqueKeysWithValues: library.flowIDs.compactMap { flowID in
            library.current(flowID).flatMap { byHash[$0.hash] }.map { (flowID, $0) }
        })
    }

    /// The definition new cases of `flowID` start under.
    func current(_ flowID: String) -> Pinned? { currentByFlow[flowID] }

    /// The definition with `hash`, current or not.
    func pinned(_ hash: DefinitionHash) -> Pinned? { byHash[hash] }
}
