import Synchronization

/// What an engine remembers between calls, so an action need not refold the case's history nor
/// look up its definition.
///
/// The store stays the source of truth: a cached state that another engine has made stale is
/// caught by the store's version check on append.
final class EngineCache: Sendable {
    /// A cached case's place: the decision under the definition the case pinned (fixed when it
    /// opened) and the case's state, taken out while an action is decided on it and put back
    /// through the slot after, without looking the case up again.
    final class Slot: Sendable {
        let transition: Transition
        fileprivate let state: Mutex<CaseState?>

        fileprivate init(transition: Transition, state: consuming CaseState) {
            self.transition = transition
            self.state = Mutex(state)
        }

        /// Caches `state` here, for the next action to take.
        func put(_ state: consuming CaseState) {
            // Swapped in, so the state is moved under the lock rather than copied into it.
            var incoming: CaseState? = consume state
            self.state.withLock { swap(&$0, &incoming) }
        }
    }

    private let slots = Mutex<[CaseID: Slot]>([:])

    /// Takes the cached state of `id` out of its slot, so the caller holds the state's only
    /// copy and extends it in place; the caller puts the next state back through the slot.
    func take(_ id: CaseID) -> (slot: Slot, state: CaseState)? {
        guard let slot = slots.withLock({ $0[id] }), let state = slot.state.withLock({ $0.take() }) else { return nil }
        return (slot, state)
    }

    /// Caches `state` in its case's slot, made on first use with the decision `transition`.
    func store(_ state: CaseState, under transition: Transition) {
        let id = state.id
        let existing = slots.withLock { slots -> Slot? in
            if let slot = slots[id] { return slot }
            slots[id] = Slot(transition: transition, state: state)
            return nil
        }
        existing?.put(state)
    }

    /// A copy of the cached state of `id`, or nil: none is cached, or an action has taken it out.
    func peek(_ id: CaseID) -> CaseState? {
        slots.withLock { $0[id] }?.state.withLock { $0 }
    }

    func forget(_ id: CaseID) {
        _ = slots.withLock { $0.removeValue(forKey: id) }
    }
}
