import Synchronization

/// The plugins' state an engine has folded so far, and for each plugin the log position
/// through which its records are folded: before a decision the engine folds only the records
/// appended since, and a read that needs one plugin's state folds that plugin's records alone.
/// The records are parsed and checked on every core ahead of the fold, which keeps the log's
/// order.
final class PluginStateCache: Sendable {
    private struct Contents {
        var states: PluginStates
        var positions: [String: Int] = [:]
    }

    private let contents: Mutex<Contents>

    init(_ initial: PluginStates) {
        contents = Mutex(Contents(states: initial))
    }

    /// The states of the plugins named `names` (every plugin's when nil), each folded through
    /// the end of `store`'s log; a plugin not asked for is left out of what is returned.
    func current(folding store: any EventStore, with host: PluginHost, only names: Set<String>? = nil) async throws -> PluginStates {
        var (states, positions) = contents.withLock { ($0.states, $0.positions) }
        let folded = host.plugins.map { type(of: $0).name }.filter { names?.contains($0) ?? true }
        // Only records change the plugins' state: they are read through the store's index of
        // them. Every plugin's (a decision's) in one pass from the plugin furthest behind, each
        // record folded unless its plugin is past it; one plugin's through the index by plugin.
        if names == nil {
            var position = folded.map { positions[$0] ?? 0 }.min() ?? 0
            while true {
                let entries = try await store.recordEntries(from: position + 1, limit: 10_000)
                guard let last = entries.last else { break }
                for (entry, read) in zip(entries, await host.checkedEvents(of: entries).joined()) {
                    let (event, record) = try read.get()
                    guard let record, entry.position > positions[record.record.plugin] ?? 0 else { continue }
                    host.fold(&states, record, about: event.subject, at: event.at)
                }
                position = last.position
            }
            for name in folded { positions[name] = max(positions[name] ?? 0, position) }
        } else {
            for name in folded {
                var position = positions[name] ?? 0
                while true {
                    let entries = try await store.recordEntries(of: name, from: position + 1, limit: 10_000)
                    guard let last = entries.last else { break }
                    for read in await host.checkedEvents(of: entries).joined() {
                        let (event, record) = try read.get()
                        if let record { host.fold(&states, record, about: event.subject, at: event.at) }
                    }
                    position = last.position
                }
                positions[name] = position
            }
        }
        let caught = (states, positions)
        contents.withLock { contents in
            for name in folded where caught.1[name, default: 0] > contents.positions[name, default: 0] {
                contents.states.take(name, from: caught.0)
                contents.positions[name] = caught.1[name]
            }
        }
        return names == nil ? states : states.only(Set(folded))
    }
}
