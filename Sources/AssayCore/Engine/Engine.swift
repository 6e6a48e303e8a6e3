import Foundation

/// Runs cases: opens them, takes actions and fires deadlines, recording each as an event.
///
/// Every action is decided by `Transition` on the case's state and appended with the version
/// that state had, so two engines on one store never both win. The engine caches the states it
/// has seen; when another engine made a cached state stale, the append fails, and the engine
/// reloads the case from the store and decides once more on the fresh state. Time is always an
/// argument.
public struct Engine: Sendable {
    public let library: FlowLibrary
    public let guards: GuardRegistry
    public let store: any EventStore
    private let cache = EngineCache()

    public init(library: FlowLibrary, guards: GuardRegistry = .standard, store: any EventStore) {
        self.library = library
        self.guards = guards
        self.store = store
    }

    /// Opens case `id` for `institution` on flow `flowID`, under the flow's current definition.
    @discardableResult
    public func open(
        _ id: CaseID, institution: Institution, flow flowID: String, by actor: Actor, at date: Date
    ) async throws -> CaseState {
        guard id.isCase, !id.value.isEmpty else { throw TransitionError.invalidCaseID(id) }
        guard let (definition, hash) = library.current(flowID) else {
            throw TransitionError.unknownFlow(flowID, known: library.flowIDs)
        }
        guard actor.covers(institution) else {
            throw TransitionError.notActingFor(institution, actor: actor)
        }
        // The definition goes into the store first, so no case ever pins one the store lacks.
        if !cache.hasRecorded(hash) {
            try await store.record(definition, hash: hash)
            cache.markRecorded(hash)
        }
        let opened = CaseOpened(flowID: flowID, definitionHash: hash, institution: institution, actor: actor, stage: definition.start)
        let at = Timestamp(date)
        let event = Event(subject: id, sequence: 1, at: at, body: .opened(opened))
        do {
            try await store.append([event], expectedVersion: 0)
        } catch StoreError.versionConflict {
            throw TransitionError.caseAlreadyExists(id)
        }
        let state = CaseState(id: id, opened: opened, at: at)
        cache.store(state)
        return state
    }

    /// Has `actor` take `action` on case `id` with `inputs` at `date`.
    @discardableResult
    public func take(
        _ action: String, on id: CaseID, by actor: Actor, inputs: [String: String] = [:], at date: Date
    ) async throws -> CaseState {
        if let cached = cache.take(id) {
            do {
                return try await decideAndAppend(action, on: cached, by: actor, inputs: inputs, at: Timestamp(date))
            } catch StoreError.versionConflict {
                // Another engine moved the case on; decide again on what the store holds.
            } catch is TransitionError {
                // The refusal may come from a stale state; only the store's state may refuse.
            }
        }
        return try await decideAndAppend(action, on: load(id), by: actor, inputs: inputs, at: Timestamp(date))
    }

    /// Decides on `state` and appends the event; caches the next state once it is written.
    private func decideAndAppend(
        _ action: String, on state: consuming CaseState, by actor: Actor, inputs: [String: String], at: Timestamp
    ) async throws -> CaseState {
        let event = try transition(for: state).decide(action, on: state, by: actor, inputs: inputs, at: at)
        try await store.append([event], expectedVersion: state.version)
        try state.apply(event)
        cache.store(state)
        return state
    }

    /// The current state of case `id`, read from the store.
    public func state(of id: CaseID) async throws -> CaseState {
        try await load(id)
    }

    /// Folds the case's events from the store and caches the result.
    private func load(_ id: CaseID) async throws -> CaseState {
        let events = try await store.events(of: id)
        guard let state = try CaseState(replaying: events) else {
            cache.forget(id)
            throw TransitionError.unknownCase(id)
        }
        cache.store(state)
        return state
    }

    /// Takes the deadline action of every case whose stage deadline has passed at `now`, and
    /// returns the events written. A case whose deadline action is refused (say, by a guard) is
    /// left where it is.
    public func tick(now date: Date) async throws -> [Event] {
        let now = Timestamp(date)
        var written: [Event] = []
        for id in try await store.caseIDs() {
            let state = try await load(id)
            let transition = try transition(for: state)
            guard let (action, due) = transition.deadline(of: state), due <= now else { continue }
            let event: Event
            do {
                event = try transition.decide(action, on: state, by: .system, inputs: [:], at: now, trigger: .deadline)
            } catch {
                continue
            }
            try await store.append([event], expectedVersion: state.version)
            var next = state
            try next.apply(event)
            cache.store(next)
            written.append(event)
        }
        return written
    }

    /// Every case's current state, in the order the cases were opened.
    public func cases() async throws -> [CaseState] {
        var states: [CaseState] = []
        for id in try await store.caseIDs() {
            states.append(try await load(id))
        }
        return states
    }

    /// The pure decision for `state`, under the definition the case pinned.
    public func transition(for state: CaseState) throws(TransitionError) -> Transition {
        guard let definition = library.definition(state.definitionHash) else {
            throw .definitionUnavailable(state.definitionHash, caseID: state.id)
        }
        return Transition(definition: definition, guards: guards)
    }
}
