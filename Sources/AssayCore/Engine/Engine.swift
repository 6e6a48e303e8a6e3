import Foundation

/// Runs cases: opens them, takes actions and fires deadlines, recording each as an event.
///
/// Every action is decided by `Transition` on the case's state and appended with the version
/// that state had, so two engines on one store never both win. The engine caches the states it
/// has seen; when another engine made a cached state stale, the append fails, and the engine
/// reloads the case from the store and decides once more on the fresh state. Time is always an
/// argument. Opening a case and taking an action run on the caller's executor (no hop to the
/// global one on every action): call them from tasks, not from the main actor, when requests
/// share an engine.
public struct Engine: Sendable {
    public let library: FlowLibrary
    /// The plugins whose guards the flows name and whose records the engine writes.
    public let plugins: PluginHost
    public let store: any EventStore
    private let flows: EngineFlows
    private let cache = EngineCache()
    private let pluginStates: PluginStateCache
    /// Records about one subject are appended one after another within this engine.
    private let turns = SubjectTurns()

    public init(library: FlowLibrary, plugins: PluginHost = .none, store: any EventStore) {
        self.library = library
        self.plugins = plugins
        self.store = store
        flows = EngineFlows(library: library, guards: plugins.guards)
        pluginStates = PluginStateCache(plugins.initialStates)
    }

    /// The core's guards and every plugin's.
    public var guards: GuardRegistry { plugins.guards }

    /// Opens case `id` for `institution` on flow `flowID`, under the flow's current definition.
    @discardableResult
    nonisolated(nonsending) public func open(
        _ id: CaseID, institution: Institution, flow flowID: String, by actor: Actor, at date: Date
    ) async throws -> CaseState {
        try await open([(id, institution)], flow: flowID, by: actor, at: date)[0]
    }

    /// Opens every case of `openings` on flow `flowID` in one append: all of them, or, when one
    /// is refused (an id taken, given twice or not a case's, an institution the actor does not
    /// act for), none.
    @discardableResult
    nonisolated(nonsending) public func open(
        _ openings: [(id: CaseID, institution: Institution)], flow flowID: String, by actor: Actor, at date: Date
    ) async throws -> [CaseState] {
        guard let flow = flows.current(flowID) else {
            throw TransitionError.unknownFlow(flowID, known: library.flowIDs)
        }
        var seen = Set<CaseID>()
        for (id, institution) in openings {
            guard id.isCase, !id.value.isEmpty else { throw TransitionError.invalidCaseID(id) }
            guard seen.insert(id).inserted else { throw TransitionError.caseAlreadyExists(id) }
            guard actor.covers(institution) else { throw TransitionError.notActingFor(institution, actor: actor) }
        }
        let transition = flow.transition
        // The definition goes into the store first, so no case ever pins one the store lacks.
        if !flow.isRecorded.load(ordering: .acquiring) {
            try await store.record(transition.definition, hash: flow.hash)
            flow.isRecorded.store(true, ordering: .releasing)
        }
        let at = Timestamp(date)
        var states: [CaseState] = [], batch: [CaseAppend] = []
        for (id, institution) in openings {
            let opened = CaseOpened(flowID: flowID, definitionHash: flow.hash, institution: institution, actor: actor, stage: transition.definition.start)
            let state = CaseState(id: id, opened: opened, at: at)
            states.append(state)
            batch.append(CaseAppend([Event(subject: id, sequence: 1, at: at, body: .opened(opened))], expectedVersion: 0,
                                    deadline: Self.deadlineUpdate(state, under: transition)))
        }
        do {
            try await store.append(batch)
        } catch StoreError.versionConflict(let id, _, _) {
            throw TransitionError.caseAlreadyExists(id)
        }
        for state in states { remember(state, under: transition) }
        return states
    }

    /// Has `actor` take `action` on case `id` with `inputs` at `date`. With `expectedVersion`,
    /// only while the case is at that version: a case that moved on since the caller read it
    /// (another user acted first) is refused as stale, never decided on what the caller did not see.
    @discardableResult
    nonisolated(nonsending) public func take(
        _ action: String, on id: CaseID, by actor: Actor, inputs: [String: String] = [:], at date: Date, expectedVersion: Int? = nil
    ) async throws -> CaseState {
        if let expectedVersion {
            let state = try await load(id)
            guard state.version == expectedVersion else { throw TransitionError.staleVersion(id, expected: expectedVersion, current: state.version) }
            do {
                return try await decideAndAppend(action, on: state, under: try transition(for: state), by: actor, inputs: inputs, at: Timestamp(date))
            } catch StoreError.versionConflict {
                throw TransitionError.staleVersion(id, expected: expectedVersion, current: try await load(id).version)
            }
        }
        if case let (slot, state)? = cache.take(id) {
            do {
                return try await decideAndAppend(action, on: consume state, under: slot.transition, by: actor, inputs: inputs, at: Timestamp(date),
                                                 cachingIn: slot)
            } catch StoreError.versionConflict {
                // Another engine moved the case on; decide again on what the store holds.
            } catch is TransitionError {
                // The refusal may come from a stale state; only the store's state may refuse.
            }
        }
        let state = try await load(id)
        return try await decideAndAppend(action, on: state, under: try transition(for: state), by: actor, inputs: inputs, at: Timestamp(date))
    }

    /// Decides on `state` and appends the event; caches the next state once it is written (in
    /// `slot`, the case's place in the cache, when the state was taken from there).
    nonisolated(nonsending) private func decideAndAppend(
        _ action: String, on state: consuming CaseState, under transition: Transition, by actor: Actor,
        inputs: [String: String], at: Timestamp, cachingIn slot: EngineCache.Slot? = nil
    ) async throws -> CaseState {
        let event = try transition.decide(action, on: state, by: actor, inputs: inputs, at: at,
                                          plugins: plugins.plugins.isEmpty ? .empty : try await currentPluginStates())
        let version = state.version
        try state.apply(event)
        try await store.append(event, expectedVersion: version, deadline: Self.deadlineUpdate(state, under: transition))
        if let slot {
            slot.put(copy state)
        } else {
            remember(state, under: transition)
        }
        return state
    }

    /// The current state of case `id`, read from the store.
    public func state(of id: CaseID) async throws -> CaseState {
        try await load(id)
    }

    /// The case's state as the store holds it: the cached state brought up to date with the
    /// events appended since (by this engine or another), or else the whole history folded;
    /// caches the result. A read costs the events it has not seen, not the case's history.
    private func load(_ id: CaseID) async throws -> CaseState {
        if var state = cache.peek(id) {
            let newer = try await store.events(of: id, after: state.version)
            guard !newer.isEmpty else { return state }
            for event in newer { try state.apply(event) }
            remember(state)
            return state
        }
        let events = try await store.events(of: id)
        guard let state = try CaseState(replaying: events) else {
            cache.forget(id)
            throw TransitionError.unknownCase(id)
        }
        remember(state)
        return state
    }

    /// Caches `state` with the decision under its pinned definition (looked up when not given);
    /// a case whose definition the library lacks is not cached.
    private func remember(_ state: CaseState, under transition: Transition? = nil) {
        guard let transition = transition ?? (try? self.transition(for: state)) else {
            cache.forget(state.id)
            return
        }
        cache.store(state, under: transition)
    }

    /// Takes the deadline action of every case whose stage deadline has passed at `now`, then
    /// writes the records the plugins' own deadlines call for (as the system's), and returns the
    /// events written. A case whose deadline action is refused (say, by a guard) is left where
    /// it is.
    public func tick(now date: Date) async throws -> [Event] {
        let now = Timestamp(date)
        var written: [Event] = []
        let dueSubjects = try await subjectsDue(at: now)
        for id in dueSubjects where id.isCase {
            let state = try await load(id)
            let transition = try transition(for: state)
            guard let (action, due) = transition.deadline(of: state), due <= now else { continue }
            let event: Event
            do {
                event = try transition.decide(action, on: state, by: .system, inputs: [:], at: now, trigger: .deadline,
                                              plugins: try await currentPluginStates())
            } catch {
                continue
            }
            var next = state
            try next.apply(event)
            try await store.append(event, expectedVersion: state.version, deadline: Self.deadlineUpdate(next, under: transition))
            remember(next, under: transition)
            written.append(event)
        }
        // The plugins' deadlines are asked of the due subjects' records alone: a tick with
        // nothing due folds nothing.
        let others = Set(dueSubjects.filter { !$0.isCase })
        guard !others.isEmpty else { return written }
        for due in plugins.due(in: try await pluginStates(of: plugins.deadlinePluginNames, about: others), at: now) {
            written += try await record([due.record], about: due.subject, at: date)
        }
        return written
    }

    /// The subjects whose deadline has passed at `now`, from the store's deadline index; when
    /// the index is incomplete, every case is folded once (not cached), and the plugins with
    /// deadlines from their records, to rebuild it.
    private func subjectsDue(at now: Timestamp) async throws -> [Subject] {
        if let due = try await store.subjectsDue(at: now) { return due }
        let size = try await store.logSize()
        var deadlines: [Subject: Timestamp] = [:]
        var due: [Subject] = []
        for id in try await store.caseIDs() {
            guard let state = try CaseState(replaying: try await store.events(of: id)),
                  let (_, at) = try transition(for: state).deadline(of: state) else { continue }
            deadlines[id] = at
            if at <= now { due.append(id) }
        }
        let keepingDeadlines = plugins.deadlinePluginNames
        if !keepingDeadlines.isEmpty {
            for (subject, at) in plugins.deadlines(in: try await currentPluginStates(of: keepingDeadlines)).sorted(by: { $0.key < $1.key }) {
                deadlines[subject] = at
                if at <= now { due.append(subject) }
            }
        }
        try await store.replaceDeadlines(deadlines, asOfLogSize: size)
        return due
    }

    /// The deadline index's entry for a case now in `state`, under its pinned definition.
    private static func deadlineUpdate(_ state: CaseState, under transition: Transition) -> DeadlineUpdate {
        guard let (_, due) = transition.deadline(of: state) else { return .none }
        return .due(due)
    }

    /// Records a plugin's fact about `subject` (a case, which must be open, or another subject)
    /// at `date`, after checking it against the plugin's record kind and rules; a malformed
    /// record, or one the rules refuse, is a `RecordError` and writes nothing. Returns the event
    /// written.
    @discardableResult
    public func record(_ record: PluginRecord, about subject: Subject, at date: Date) async throws -> Event {
        try await self.record([record], about: subject, at: date)[0]
    }

    /// Records several facts about `subject` at `date` as consecutive events, all or none: one
    /// malformed or refused record refuses them all (each is judged with the ones before it
    /// folded in), and they are appended in one transaction.
    @discardableResult
    public func record(_ records: [PluginRecord], about subject: Subject, at date: Date) async throws -> [Event] {
        // Checked before taking the subject's turn, once: the rules and the fold share the reading.
        let checked = try records.map { record throws(RecordError) in try plugins.check(record, about: subject) }
        return try await turns.run(on: [subject]) {
            try await append(checked, about: subject, at: Timestamp(date))
        }
    }

    /// Records facts about several subjects at `date` in one transaction, all or none: one
    /// malformed or refused record refuses them all, and another writer appending to one of the
    /// subjects meanwhile is a `StoreError.versionConflict` that writes nothing. Cases among the
    /// subjects must be open. `files` not yet in the log (such as a built-in checklist a new
    /// group pins) are stored in the same transaction, before the records, by `actor`: a
    /// refused record leaves no file behind.
    @discardableResult
    public func record(_ entries: [SubjectRecord], storing files: [StoredDataFile] = [], by actor: Actor = .system, at date: Date) async throws -> [Event] {
        let checked = try await plugins.check(entries)
        return try await turns.run(on: entries.map(\.subject)) {
            try await appendRecords(zip(entries, checked).map { ($0.subject, $1) }, storing: files, by: actor, at: date)
        }
    }

    /// The appends of `record(_:storing:by:at:)`, on its subjects' turn.
    private func appendRecords(_ entries: [(subject: Subject, record: CheckedRecord)], storing files: [StoredDataFile], by actor: Actor, at date: Date) async throws -> [Event] {
        let at = Timestamp(date)
        var order: [Subject] = []
        var grouped: [Subject: [CheckedRecord]] = [:]
        for (subject, record) in entries {
            if grouped[subject] == nil { order.append(subject) }
            grouped[subject, default: []].append(record)
        }
        var appends: [CaseAppend] = []
        var states: [CaseState] = []
        var pluginStates = try await currentPluginStates()
        for file in files {
            guard let event = try await unstoredEvent(of: file, by: actor, at: at) else { continue }
            plugins.fold(&pluginStates, event)
            appends.append(CaseAppend([event], expectedVersion: 0, deadline: .unchanged))
        }
        // Other subjects' versions in one read: an import about thousands of them is one query,
        // and records about cases alone (an answer) make none.
        let others = order.filter { !$0.isCase }
        let versions = others.isEmpty ? [:] : try await store.versions(of: others)
        for subject in order {
            var version: Int
            if subject.isCase {
                let loaded: CaseState
                do {
                    loaded = try await load(subject)
                } catch TransitionError.unknownCase {
                    throw RecordError.unknownCase(subject)
                }
                guard at >= loaded.enteredStageAt else { throw RecordError.timeBeforeLastEvent(at: at, last: loaded.enteredStageAt) }
                version = loaded.version
                states.append(loaded)
            } else {
                version = versions[subject] ?? 0
            }
            let records = grouped[subject]!
            let events = Self.events(of: records, about: subject, after: version, at: at)
            try admit(records, at: at, about: subject, in: subject.isCase ? states.last : nil, folding: &pluginStates)
            appends.append(CaseAppend(events, expectedVersion: version, deadline: deadlineUpdate(of: subject, after: records, in: pluginStates)))
        }
        try await store.append(appends)
        // The cases' states are advanced past their new events; an import about other subjects has none.
        let appended = states.isEmpty ? [:] : Dictionary(appends.compactMap { append in append.events.first.map { ($0.subject, append.events) } }) { first, _ in first }
        for var state in states {
            for event in appended[state.id] ?? [] { try state.apply(event) }
            remember(state)
        }
        // The records' events, after the files stored first.
        return appends.dropFirst(appends.count - order.count).flatMap(\.events)
    }

    /// Stores a plugin's data file in the log under its content hash (the subject
    /// `data-file:HASH`), once; returns the hash that what uses it pins.
    @discardableResult
    public func storeDataFile(_ file: StoredDataFile, by actor: Actor, at date: Date) async throws -> DefinitionHash {
        guard let event = try await unstoredEvent(of: file, by: actor, at: Timestamp(date)) else { return file.hash }
        do {
            try await store.append([event], expectedVersion: 0, deadline: .unchanged)
        } catch StoreError.versionConflict {
            // Stored by someone else meanwhile: the same content under the same hash.
        }
        return file.hash
    }

    /// The event that stores `file` under its hash (the subject `data-file:HASH`, sequence 1),
    /// or nil when the log holds it already.
    private func unstoredEvent(of file: StoredDataFile, by actor: Actor, at: Timestamp) async throws -> Event? {
        let subject = Subject(kind: DataFileKind.recordType, id: file.hash.hex)
        guard try await store.events(of: subject).isEmpty else { return nil }
        return Event(subject: subject, sequence: 1, at: at, body: .recorded(try CheckedRecord(storing: file, by: actor).record))
    }

    /// Appends `records` to `subject`'s stream at the version read; a case's records must come no
    /// earlier than the case's last change. Retries once when another engine appended first.
    private func append(_ records: [CheckedRecord], about subject: Subject, at: Timestamp) async throws -> [Event] {
        guard !records.isEmpty else { return [] }
        for attempt in 1...2 {
            var state: CaseState?
            let version: Int
            if subject.isCase {
                let loaded: CaseState
                do {
                    loaded = try await load(subject)
                } catch TransitionError.unknownCase {
                    throw RecordError.unknownCase(subject)
                }
                guard at >= loaded.enteredStageAt else { throw RecordError.timeBeforeLastEvent(at: at, last: loaded.enteredStageAt) }
                state = loaded
                version = loaded.version
            } else {
                version = try await store.events(of: subject).count
            }
            let events = Self.events(of: records, about: subject, after: version, at: at)
            var pluginStates = try await currentPluginStates()
            try admit(records, at: at, about: subject, in: state, folding: &pluginStates)
            do {
                try await store.append(events, expectedVersion: version, deadline: deadlineUpdate(of: subject, after: records, in: pluginStates))
            } catch StoreError.versionConflict where attempt == 1 {
                continue
            }
            if var state {
                for event in events { try state.apply(event) }
                remember(state)
            }
            return events
        }
        preconditionFailure("the second attempt returns or throws")
    }

    /// The events holding `records` about `subject` at `at`, numbered on from `version`.
    private static func events(of records: [CheckedRecord], about subject: Subject, after version: Int, at: Timestamp) -> [Event] {
        records.enumerated().map { Event(subject: subject, sequence: version + 1 + $0, at: at, body: .recorded($1.record)) }
    }

    /// The deadline index's entry for `subject` once `records` about it are folded into `states`:
    /// a case's stage is unchanged by records, and another subject's deadline changes only with a
    /// record of a plugin that keeps deadlines.
    private func deadlineUpdate(of subject: Subject, after records: [CheckedRecord], in states: PluginStates) -> DeadlineUpdate {
        let keepingDeadlines = plugins.deadlinePluginNames
        guard !subject.isCase, records.contains(where: { keepingDeadlines.contains($0.record.plugin) }) else { return .unchanged }
        return plugins.deadline(of: subject, in: states).map(DeadlineUpdate.due) ?? .none
    }

    /// Refuses `records` about `subject` at `at`, in order, unless the plugins' rules admit each
    /// on `states` (the plugins' state before the first), into which each is folded before the
    /// next is judged. `caseState` is the case they are about, when they are about one.
    private func admit(_ records: [CheckedRecord], at: Timestamp, about subject: Subject, in caseState: CaseState?, folding states: inout PluginStates) throws(RecordError) {
        let flow = caseState.flatMap { state in (try? transition(for: state))?.definition }
        for record in records {
            try plugins.admit(record, about: subject, at: at, in: RecordContext(caseState: caseState, flow: flow, plugins: states))
            plugins.fold(&states, record, about: subject, at: at)
        }
    }

    /// The plugins' state folded from the whole log, as a decision made now sees it.
    public func currentPluginStates() async throws -> PluginStates {
        guard !plugins.plugins.isEmpty else { return .empty }
        return try await pluginStates.current(folding: store, with: plugins)
    }

    /// The state of the plugins named `names` alone, each folded from its own records only (a
    /// plugin's state is its records' alone, so it is the whole fold's): for a read or a plan
    /// that needs those plugins only (a case's team, a plugin's deadlines, an assignment's plan).
    /// The others are left out; taking an action or recording folds them all, since guards may
    /// read any plugin's state.
    public func currentPluginStates(of names: Set<String>) async throws -> PluginStates {
        guard !plugins.plugins.isEmpty else { return .empty }
        return try await pluginStates.current(folding: store, with: plugins, only: names)
    }

    /// The state of the plugins named `names` folded from their stored data files and their
    /// records about `subjects` alone, read through the subjects' index: for a read about a few
    /// subjects (a case's review rounds, an expert's integrity records) from a plugin that keeps
    /// each subject's part of its state apart, so the read does not grow with the log. Never
    /// for a decision, whose guards may read any subject's records.
    public func pluginStates(of names: Set<String>, about subjects: Set<Subject>) async throws -> PluginStates {
        var entries: [LogEntry] = []
        for name in names.sorted() { entries += try await store.dataFileEntries(of: name) }
        for subject in subjects.sorted() { entries += try await store.entries(of: subject) }
        var states = plugins.initialStates, folded = 0
        for entry in entries.sorted(by: { $0.position < $1.position }) where entry.position > folded {
            folded = entry.position
            let event = try entry.event()
            guard case .recorded(let record) = event.body, names.contains(record.plugin) else { continue }
            plugins.fold(&states, event)
        }
        return states.only(names)
    }

    /// Every case's current state, in the order the cases were opened.
    public func cases() async throws -> [CaseState] {
        var states: [CaseState] = []
        for id in try await store.caseIDs() {
            states.append(try await load(id))
        }
        return states
    }

    /// The cases within `region` (every case when nil) that stand in one of `stages` (any
    /// when nil) as a listing shows them, in the order they were opened: each case's state
    /// folded from its openings and actions, and the state of the plugins `names` folded from
    /// their records about these cases alone (no data file, nothing about other subjects): what
    /// those plugins keep about each case, such as its team. One read through the store's
    /// indexes, so a listing grows with the cases it lists, not with the log. Never for a
    /// decision, whose guards may read any subject's records.
    public func caseListing(inside region: RegionCode? = nil, atStages stages: Set<String>? = nil,
                            withPlugins names: Set<String>) async throws -> (cases: [CaseState], plugins: PluginStates) {
        var cases: [CaseState] = []
        var states = plugins.initialStates
        for event in try await store.caseChanges(inside: region, atStages: stages, withRecordsOf: names) {
            switch event.body {
            case .opened(let opened):
                cases.append(CaseState(id: event.subject, opened: opened, at: event.at))
            case .actionTaken:
                guard cases.last?.id == event.subject else { throw HistoryError(caseID: event.subject, sequence: event.sequence, problem: "an action before the case's opening") }
                try cases[cases.count - 1].apply(change: event)
            case .recorded:
                plugins.fold(&states, event)
            }
        }
        let versions = try await store.versions(of: cases.map(\.id))
        for index in cases.indices { cases[index].skipRecords(through: versions[cases[index].id] ?? 0) }
        return (cases, states.only(names))
    }

    /// The pure decision for `state`, under the definition the case pinned.
    public func transition(for state: CaseState) throws(TransitionError) -> Transition {
        guard let pinned = flows.pinned(state.definitionHash) else {
            throw .definitionUnavailable(state.definitionHash, caseID: state.id)
        }
        return pinned.transition
    }
}
