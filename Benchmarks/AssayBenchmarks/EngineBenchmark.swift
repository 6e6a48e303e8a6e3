import AssayCore
import AssayDemo
import Foundation

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

    func run(repetitions: Int) async throws -> [Measurement] {
        let institutions = Jiaozuo.institutions
        let start = DemoScenario.start
        // Each run's engine and store are freed after its clock stops: the figure is the cost of
        // the actions, not of tearing down a store of 100,000 events.
        let engine = try await Measurement.run("engine.take (in-memory store)", repetitions: repetitions) {
            let engine = Engine(library: library, store: InMemoryEventStore())
            for index in 0..<cases {
                let institution = institutions[index % institutions.count]
                let id = CaseID("case-\(index)")
                try await engine.open(id, institution: institution, flow: "basic-standard", by: DemoCast.institution(institution), at: start)
                for (day, step) in Self.route.enumerated() {
                    try await engine.take(step.action, on: id, by: Self.actor(for: step.action, institution: institution),
                                          inputs: step.inputs, at: start.addingTimeInterval(Double(day) * 86_400))
                }
            }
            return engine
        }

        let (definition, hash) = library.current("basic-standard")!
        let transition = Transition(definition: definition, guards: .standard)
        let decide = try Measurement.run("Transition.decide + fold (no store)", repetitions: repetitions) {
            for index in 0..<cases {
                let institution = institutions[index % institutions.count]
                let opened = CaseOpened(flowID: "basic-standard", definitionHash: hash, institution: institution,
                                        actor: DemoCast.institution(institution), stage: definition.start)
                var state = CaseState(id: CaseID("case-\(index)"), opened: opened, at: Timestamp(start))
                for (day, step) in Self.route.enumerated() {
                    let event = try transition.decide(step.action, on: state, by: Self.actor(for: step.action, institution: institution),
                                                      inputs: step.inputs, at: Timestamp(start.addingTimeInterval(Double(day) * 86_400)))
                    try state.apply(event)
                }
            }
        }
        return [engine, decide]
    }
}
