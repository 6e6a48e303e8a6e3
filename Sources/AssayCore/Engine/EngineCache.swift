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

    /// A cached case's place: a state taken out is put back through it, without looking the
    /// case up again.
    final class Slot: Sendable {
        fileprivate let entry = Mutex<Entry?>(nil)

        /// Caches `entry` here, for the next action to take.
        func put(_ entry: consuming Entry) {
            // Swapped in, so the entry is moved under the lock rather than copied into it.
            var incoming: Entry? = consume entry
            self.entry.withLock { swap(&$0, &incoming) }
        }
    }

    private let slots = Mutex<[CaseID: Slot]>([:])

    /// Takes the cached state of `id` out of its slot, so the caller holds the state's only
    /// copy and extends it in place; the caller puts the next state back through the slot.
    func take(_ id: CaseID) -> (slot: Slot, state: CaseState, transition: Transition)? {
        guard let slot = slots.withLock({ $0[id] }), let entry = slot.entry.withLock({ $0.take() }) else { return nil }
        return (slot, entry.state, entry.transition)
    }

    /// Caches `entry` in its case's slot, made on first use.
    func store(_ entry: Entry) {
        let id = entry.state.id
        let slot = slots.withLock { slots in
            if let slot = slots[id] { return slot }
            let slot = Slot()
            slots[id] = slot
            return slot
        }
        slot.put(entry)
    }

    func forget(_ id: CaseID) {
        _ = slots.withLock { $0.removeValue(forKey: id) }
    }
}
