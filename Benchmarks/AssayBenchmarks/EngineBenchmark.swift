import AssayCore
import AssayDemo
import Foundation
import Synchronization

/// Engine throughput in memory on the real flows: cases driven from application to the end of an
/// on-site review, through the full engine (store read, fold, decide, append) and through the
/// pure decision alone.
struct EngineBenchmark {
    let library: FlowLibrary
    let cases: Int

    static let route: [(action: String, inputs: [String: String])] = [
        ("submit", ["self-assessment": "自评达到基本标准。"]),
        ("initial-pass", ["decision": "pass"]),
        ("refer-to-city", [:]),
        ("onsite-pass", ["decision": "pass", "score": "92"]),
    ]

    var actionsPerRun: Int { cases * Self.route.count }

    static func actor(for action: String, institution: Institution) -> Actor {
        switch action {
        case "submit": DemoCast.institution(institution)
        case "initial-pass": DemoCast.countyExpert(institution.region)
        case "refer-to-city": DemoCast.countyCommission(institution.region)
        default: DemoCast.cityExpert(group: 1)
        }
    }

    /// One case's calls, made before any clock starts so that both sides time only the calls
    /// (a class, so going through the scripts copies none of their strings).
    private final class Script: Sendable {
        struct Step {
            let action: String
            let actor: Actor
            let inputs: [String: String]
            let at: Date
        }

        let id: CaseID
        let institution: Institution
        let opener: Actor
        let steps: [Step]

        init(index: Int) {
            let institutions = Jiaozuo.institutions
            let institution = institutions[index % institutions.count]
            id = CaseID("case-\(index)")
            self.institution = institution
            opener = DemoCast.institution(institution)
            steps = EngineBenchmark.route.enumerated().map { day, step in
                Step(action: step.action, actor: EngineBenchmark.actor(for: step.action, institution: institution),
                     inputs: step.inputs, at: DemoScenario.start.addingTimeInterval(Double(day) * 86_400))
            }
        }
    }

    /// Measures, through the engine and through the pure decision alone, the whole route (each
    /// case opened, then its actions) and the actions alone (the cases opened before the clock);
    /// then the case look-ups an engine makes around each action, alone.
    func run(repetitions: Int) async throws -> [Measurement] {
        let scripts = (0..<cases).map(Script.init(index:))
        let library = self.library
        let start = DemoScenario.start
        // Each run's engine and store are freed after its clock stops: the figure is the cost of
        // the calls, not of tearing down a store of 100,000 events.
        func open(_ script: Script, in engine: Engine) async throws {
            try await engine.open(script.id, institution: script.institution, flow: "basic-standard", by: script.opener, at: start)
        }
        func take(_ script: Script, in engine: Engine) async throws {
            for step in script.steps {
                try await engine.take(step.action, on: script.id, by: step.actor, inputs: step.inputs, at: step.at)
            }
        }
        let route = try await Measurement.run("engine: open + take", repetitions: repetitions) {
            let engine = Engine(library: library, store: InMemoryEventStore())
            for script in scripts {
                try await open(script, in: engine)
                try await take(script, in: engine)
            }
            return engine
        }
        let takes = try await Measurement.run("engine: take (cases opened before)", repetitions: repetitions, setUp: {
            let engine = Engine(library: library, store: InMemoryEventStore())
            for script in scripts { try await open(script, in: engine) }
            return engine
        }) { engine in
            for script in scripts { try await take(script, in: engine) }
            return engine
        }

        let (definition, hash) = library.current("basic-standard")!
        let transition = Transition(definition: definition, guards: .standard)
        func opened(_ script: Script) -> CaseState {
            let opened = CaseOpened(flowID: "basic-standard", definitionHash: hash, institution: script.institution,
                                    actor: script.opener, stage: definition.start)
            return CaseState(id: script.id, opened: opened, at: Timestamp(start))
        }
        func decideAndFold(_ script: Script, on state: inout CaseState) throws {
            for step in script.steps {
                let event = try transition.decide(step.action, on: state, by: step.actor, inputs: step.inputs, at: Timestamp(step.at))
                try state.apply(event)
            }
        }
        let decideRoute = try Measurement.run("decide + fold: open + take", repetitions: repetitions) {
            for script in scripts {
                var state = opened(script)
                try decideAndFold(script, on: &state)
            }
        }
        let decideTakes = try await Measurement.run("decide + fold: take (states made before)", repetitions: repetitions, setUp: {
            scripts.map(opened)
        }) { states in
            var states = states
            for (index, script) in scripts.enumerated() { try decideAndFold(script, on: &states[index]) }
            return states
        }
        let bookkeeping = await Measurement.run("case look-ups alone (no decision)", repetitions: repetitions, setUp: {
            Bookkeeping(states: scripts.map(opened))
        }) { bookkeeping in
            for script in scripts {
                for _ in script.steps { bookkeeping.touch(script.id) }
            }
            return bookkeeping
        }
        return [route, decideRoute, takes, decideTakes, bookkeeping]
    }

    /// The least an engine that caches states and appends to a log does around each decision,
    /// with no decision: the case found in a cache by its id and its state taken out and put
    /// back, each under a lock, then its stream found in the log's index by the id and a
    /// position appended, under a lock. What `Engine.take` adds to the pure decision can be no
    /// less than this.
    private final class Bookkeeping: Sendable {
        final class Slot: Sendable {
            let state: Mutex<CaseState?>
            init(_ state: CaseState) { self.state = Mutex(state) }
        }

        struct Log {
            var streams: [CaseID: Int] = [:]
            var positions: [[Int]] = []
            var count = 0
        }

        private let slots: Mutex<[CaseID: Slot]>
        private let log: Mutex<Log>

        init(states: [CaseState]) {
            slots = Mutex(Dictionary(uniqueKeysWithValues: states.map { ($0.id, Slot($0)) }))
            var log = Log()
            for (index, state) in states.enumerated() {
                log.streams[state.id] = index
                log.positions.append([])
                log.positions[index].reserveCapacity(8)
            }
            self.log = Mutex(log)
        }

        func touch(_ id: CaseID) {
            guard let slot = slots.withLock({ $0[id] }), let state = slot.state.withLock({ $0.take() }) else { return }
            var incoming: CaseState? = state
            slot.state.withLock { swap(&$0, &incoming) }
            log.withLock { log in
                guard let stream = log.streams[id] else { return }
                log.count += 1
                log.positions[stream].append(log.count)
            }
        }
    }
}
