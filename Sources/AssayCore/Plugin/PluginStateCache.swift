import Synchronization

/// The plugins' state an engine has folded so far, and the position of the last record folded:
/// before a decision the engine folds only the records appended since.
final class PluginStateCache: Sendable {
    private struct Contents {
        var states: PluginStates
        var position = 0
    }

    private let contents: Mutex<Contents>

    init(_ initial: PluginStates) {
        contents = Mutex(Contents(states: initial))
    }

    /// The states folded through the end of `store`'s log.
    func current(folding store: any EventStore, with host: PluginHost) async throws -> PluginStates {
        var (states, position) = contents.withLock { ($0.states, $0.position) }
        // Only records change the plugins' state: they are read through the store's index of
        // them, from the last record folded on.
        while true {
            let entries = try await store.recordEntries(from: position + 1, limit: 10_000)
            guard !entries.isEmpty else { break }
            for entry in entries { host.fold(&states, try entry.event()) }
            position = entries.last!.position
        }
        let caught = (states, position)
        contents.withLock { contents in
            if caught.1 > contents.position { (contents.states, contents.position) = caught }
        }
        return states
    }
}
