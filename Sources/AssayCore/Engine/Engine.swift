import Foundation

/// Runs cases: opens them, takes actions and fires deadlines, recording each as an event.
///
/// The engine holds no case state of its own: every call reads the case from the store, decides
/// with `Transition`, and appends with the version it read, so two engines on one store never
/// both win. Time is always an argument.
public struct Engine: Sendable {
    public let library: FlowLibrary
    public let guards: GuardRegistry
    public let store: any EventStore

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
        guard let (definition, hash) = library.current(flowID) else {
            throw TransitionError.unknownFlow(flowID, known: library.flowIDs)
        }
        guard actor.covers(institution) else {
            throw TransitionError.outsideJurisdiction(action: "open", actor: actor, level: .county, institution: institution)
        }
        let opened = CaseOpened(flowID: flowID, definitionHash: hash, institution: institution, actor: actor, stage: definition.start)
        let at = Timestamp(date)
        let event = Event(caseID: id, sequence: 1, at: at, body: .opened(opened))
        do {
            try await store.append([event], expectedVersion: 0)
        } catch StoreError.versionConflict {
            throw TransitionError.caseAlreadyExists(id)
        }
        return CaseState(id: id, opened: opened, at: at)
    }

    /// Has `actor` take `action` on case `id` with `inputs` at `date`.
    @discardableResult
    public func take(
        _ action: String, on id: CaseID, by actor: Actor, inputs: [String: String] = [:], at date: Date
    ) async throws -> CaseState {
        var state = try await state(of: id)
        let event = try transition(for: state).decide(action, on: state, by: actor, inputs: inputs, at: Timestamp(date))
        try await store.append([event], expectedVersion: state.version)
        try state.apply(event)
        return state
    }

    /// The current state of case `id`.
    public func state(of id: CaseID) async throws -> CaseState {
        let events = try await store.events(of: id)
        guard let state = try CaseState(replaying: events) else { throw TransitionError.unknownCase(id) }
        return state
    }

    /// Takes the deadline action of every case whose stage deadline has passed at `now`, and
    /// returns the events written. A case whose deadline action is refused (say, by a guard) is
    /// left where it is.
    public func tick(now date: Date) async throws -> [Event] {
        let now = Timestamp(date)
        var written: [Event] = []
        for id in try await store.caseIDs() {
            let state = try await state(of: id)
            let transition = try transition(for: state)
            guard let deadline = transition.definition.stages[state.stage]?.deadline,
                  let action = deadline.action,
                  state.enteredStageAt + deadline.after <= now
            else { continue }
            let event: Event
            do {
                event = try transition.decide(action, on: state, by: .system, inputs: [:], at: now, trigger: .deadline)
            } catch {
                continue
            }
            try await store.append([event], expectedVersion: state.version)
            written.append(event)
        }
        return written
    }

    private func transition(for state: CaseState) throws(TransitionError) -> Transition {
        guard let definition = library.definition(state.definitionHash) else {
            throw .definitionUnavailable(state.definitionHash, caseID: state.id)
        }
        return Transition(definition: definition, guards: guards)
    }
}
