import AssayCore
import Foundation

/// Re-folds cases from their events under each case's pinned definition and re-takes every
/// recorded action from its recorded actor, inputs and time, to check that every decision
/// followed from the rules. The plugins' records are checked against their kinds and folded in
/// log order, so each plugin guard is re-evaluated on the state it saw when it decided.
///
/// The log is read once, in order; a case's state is dropped after its last event, and the
/// plugins forget what they keep for it alone (`Plugin.forget`), so memory follows the cases
/// still open at each point of the log, not the length of the log.
public struct Replayer: Sendable {
    /// A recorded event the rules would not have produced.
    public struct Divergence: Sendable, Equatable, Codable, CustomStringConvertible {
        public var caseID: CaseID
        public var sequence: Int
        public var reason: String

        public init(caseID: CaseID, sequence: Int, reason: String) {
            self.caseID = caseID
            self.sequence = sequence
            self.reason = reason
        }

        public var description: String { "\(caseID.isCase ? "case " : "")\(caseID), event \(sequence): \(reason)" }
    }

    /// What replay found.
    public struct Report: Sendable, Codable {
        public var cases = 0
        public var events = 0
        public var divergences: [Divergence] = []
        /// The stage paths of the cases replayed by name (left empty when replaying every case,
        /// so memory stays bounded on large logs).
        public var paths: [CaseID: [String]] = [:]

        public var isConsistent: Bool { divergences.isEmpty }
    }

    public let store: any EventStore
    public let plugins: PluginHost
    /// Called after each batch with the number of log entries read and the log's size.
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(store: any EventStore, plugins: PluginHost = .none, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.store = store
        self.plugins = plugins
        self.progress = progress
    }

    /// Replays the cases in `only`, or every case when it is nil.
    public func run(only: Set<CaseID>? = nil) async throws -> Report {
        let transitions = try await PinnedDefinitions(store: store).transitions(guards: plugins.guards)
        // The size first: events appended while replaying are left for the next replay, and a
        // case with such events keeps its state to the end instead of being dropped early.
        let size = try await store.logSize()
        var fold = ReplayFold(plugins: plugins, transitions: transitions, lastEvents: try await store.caseVersions(), only: only)
        var read = 0
        // Parsing and checking each record against its kind use every core, ahead of the fold,
        // which follows the log's order.
        let plugins = plugins
        try await LogReader(store: store, upTo: size).forEachBatch(mapping: { entry in
            Result { () throws(CanonicalReader.Failure) in try Event(canonical: entry.body) }
                .map { ReplayFold.ReadEvent(event: $0, record: plugins.checkedRecord(of: $0)) }
        }) { events in
            for result in events { fold.fold(try result.get()) }
            read += events.count
            progress?(read, size)
        }
        return fold.complete()
    }

    /// Why the rules would not have produced `event` from `state`, or nil when they would.
    static func check(_ event: Event, _ taken: ActionTaken, on state: CaseState, under transition: Transition,
                      plugins: PluginStates) -> String? {
        if taken.trigger == .deadline {
            guard let deadline = transition.deadline(of: state), deadline.action == taken.action else {
                return "action '\(taken.action)' was recorded as a deadline's, but stage '\(state.stage)' has no deadline taking it"
            }
            guard deadline.due <= event.at else {
                return "the deadline of stage '\(state.stage)' fired at \(event.at), before it passed at \(deadline.due)"
            }
        }
        let derived: (target: String, guards: [GuardResult])
        do {
            derived = try transition
                .judge(taken.action, on: state, by: taken.actor, inputs: taken.inputs, at: event.at, trigger: taken.trigger, plugins: plugins)
        } catch {
            return "the rules refuse it: \(error)"
        }
        if derived.target != taken.to {
            return "it moved the case to '\(taken.to)', but the rules lead to '\(derived.target)'"
        }
        for (recorded, evaluated) in zip(taken.guards, derived.guards) where recorded != evaluated {
            return "guard '\(recorded.name)' was recorded as \(recorded.passed ? "held" : "failed") (\(recorded.reason)) but re-evaluates as \(evaluated.passed ? "held" : "failed") (\(evaluated.reason))"
        }
        // The pairs agree, names included: the lists differ only if one is longer.
        if taken.guards.count != derived.guards.count {
            return "it records guards \(taken.guards.map(\.name)), but the rules require \(derived.guards.map(\.name))"
        }
        return nil
    }
}

/// The definitions a store holds, each checked against its hash.
struct PinnedDefinitions {
    private var definitions: [DefinitionHash: FlowDefinition] = [:]

    init(store: any EventStore) async throws {
        for (hash, bytes) in try await store.definitions() {
            definitions[hash] = try StoredDefinition.decode(bytes, expecting: hash)
        }
    }

    subscript(hash: DefinitionHash) -> FlowDefinition? { definitions[hash] }

    /// The decision under each definition, with `guards`.
    func transitions(guards: GuardRegistry) -> [DefinitionHash: Transition] {
        definitions.mapValues { Transition(definition: $0, guards: guards) }
    }
}
