import AssayCore

/// Replay's fold: the log's events, in order, into the followed cases' states, each action
/// re-taken under the case's pinned definition and checked against what was recorded.
///
/// A case's state is looked up once an event and changed in place; it is dropped after the
/// case's last event, so memory follows the cases still open at each point of the log.
struct ReplayFold {
    /// A followed case: its state, the decision under its pinned definition, and the sequence
    /// of its last event in the log being replayed.
    private struct Followed {
        var state: CaseState
        let transition: Transition
        let lastSequence: Int?
    }

    private let plugins: PluginHost
    private let transitions: [DefinitionHash: Transition]
    private let lastEvents: [Subject: Int]
    private let only: Set<CaseID>?
    private var followed: [CaseID: Followed] = [:]
    private var broken: Set<CaseID> = []
    private var finished = 0
    /// The case whose last event is being folded, for the plugins to forget once it is.
    private var closing: CaseID?
    private var pluginStates: PluginStates
    private(set) var report = Replayer.Report()

    /// A fold of the cases in `only` (every case when nil) under `transitions`, by hash, whose
    /// last events are numbered `lastEvents`.
    init(plugins: PluginHost, transitions: [DefinitionHash: Transition], lastEvents: [Subject: Int], only: Set<CaseID>?) {
        self.plugins = plugins
        self.transitions = transitions
        self.lastEvents = lastEvents
        self.only = only
        pluginStates = plugins.initialStates
    }

    /// An event of the log with its plugin record checked against its kind (nil when it holds
    /// none): made on every core, ahead of the fold.
    struct ReadEvent: Sendable {
        let event: Event
        let record: Result<CheckedRecord, RecordError>?
    }

    /// Folds the next event of the log.
    mutating func fold(_ read: ReadEvent) {
        let event = read.event
        // Every well-formed record is folded, replayed case or not, after the event is checked;
        // a case the log holds nothing more about is then forgotten by the plugins.
        defer {
            if case .success(let record)? = read.record { plugins.fold(&pluginStates, record, about: event.subject, at: event.at) }
            if let closed = closing.take() { plugins.forget(closed, in: &pluginStates) }
        }
        guard only?.contains(event.subject) ?? true, broken.isEmpty || !broken.contains(event.subject) else { return }
        report.events += 1
        switch event.body {
        case .opened(let opened):
            guard let transition = transitions[opened.definitionHash] else {
                return diverge(event, "the case pins definition \(opened.definitionHash.short), which the store does not hold", breaking: true)
            }
            let state = CaseState(id: event.subject, opened: opened, at: event.at)
            let last = lastEvents[event.subject]
            if event.sequence == last {
                close(state)
            } else {
                followed[event.subject] = Followed(state: state, transition: transition, lastSequence: last)
            }
        case .actionTaken(let taken):
            note(Self.advance(&followed[event.subject], by: event, taken, plugins: pluginStates), of: event)
        case .recorded(let record):
            if record.type != DataFileKind.recordType, let checked = read.record {
                do throws(RecordError) {
                    try plugins.admit(try checked.get(), about: event.subject, at: event.at, in: recordContext(of: event.subject))
                } catch {
                    diverge(event, "the record does not hold: \(error)")
                }
            }
            // A record about something other than a case is no case's history.
            guard event.subject.isCase else { return }
            note(Self.advance(&followed[event.subject], by: event, nil, plugins: pluginStates), of: event)
        }
    }

    /// What a plugin's rules see of a record about `subject` now: the case as followed (when it
    /// is one) and its pinned flow, and the plugins' state before the record.
    private func recordContext(of subject: Subject) -> RecordContext {
        let entry = subject.isCase ? followed[subject] : nil
        return RecordContext(caseState: entry?.state, flow: entry?.transition.definition, plugins: pluginStates)
    }

    /// The report once every event is folded: cases still followed count as replayed.
    mutating func complete() -> Replayer.Report {
        report.cases = finished + followed.count + broken.count
        if only != nil {
            for (id, entry) in followed { report.paths[id] = entry.state.path }
        }
        return report
    }

    /// What folding one event into a followed case came to.
    private struct Step {
        /// Why the recorded action is not what the rules decide, when it is not.
        var divergence: String?
        /// Why the case cannot be followed further, when it cannot.
        var breakage: String?
        /// The case's final state, after its last event.
        var closed: CaseState?
    }

    /// Checks `event` (when it is an action, `taken`) against the case's rules and applies it
    /// to `entry` in place; `entry` becomes nil after the case's last event or when the event
    /// breaks the case.
    private static func advance(_ entry: inout Followed?, by event: Event, _ taken: ActionTaken?, plugins: PluginStates) -> Step {
        // Moved out and back, so the fold extends the state's only copy in place.
        guard var current = entry.take() else {
            return Step(breakage: taken == nil ? "a record before the case was opened" : "an action before the case was opened")
        }
        var step = Step()
        if let taken {
            step.divergence = Replayer.check(event, taken, on: current.state, under: current.transition, plugins: plugins)
        }
        do {
            try current.state.apply(event)
        } catch {
            step.breakage = error.description
            return step
        }
        if event.sequence == current.lastSequence {
            step.closed = current.state
        } else {
            entry = consume current
        }
        return step
    }

    private mutating func note(_ step: Step, of event: Event) {
        if let divergence = step.divergence { diverge(event, divergence) }
        if let breakage = step.breakage { diverge(event, breakage, breaking: true) }
        if let closed = step.closed { close(closed) }
    }

    /// Counts a case whose last event has been folded.
    private mutating func close(_ state: CaseState) {
        finished += 1
        closing = state.id
        if only != nil { report.paths[state.id] = state.path }
    }

    /// Notes that `event` diverges for `reason`; a broken case is not followed further.
    private mutating func diverge(_ event: Event, _ reason: String, breaking: Bool = false) {
        report.divergences.append(Replayer.Divergence(caseID: event.subject, sequence: event.sequence, reason: reason))
        if breaking { broken.insert(event.subject) }
    }
}
