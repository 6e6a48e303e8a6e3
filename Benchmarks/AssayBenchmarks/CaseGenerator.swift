import AssayCore
import AssayDemo
import Foundation

/// Valid case histories on the real basic-standard flow, made with the engine's own decision:
/// each case is opened and taken through submission, initial review, referral and on-site review.
struct CaseGenerator {
    let definition: FlowDefinition
    let hash: DefinitionHash
    let transition: Transition

    init(library: FlowLibrary) {
        (definition, hash) = library.current("basic-standard")!
        transition = Transition(definition: definition, guards: .standard)
    }

    /// Events per case.
    static let eventsPerCase = EngineBenchmark.route.count + 1

    /// The events of case number `index`.
    func events(ofCase index: Int) throws -> [Event] {
        try history(ofCase: index).events
    }

    /// Case number `index` as one append that keeps the store's deadline index; every
    /// `failing`-th case fails on site and waits in the 15-day appeal window.
    func append(ofCase index: Int, failing: Int = 0) throws -> CaseAppend {
        var route = EngineBenchmark.route
        if failing > 0, index % failing == 0 {
            route[route.count - 1] = ("onsite-fail", ["decision": "fail", "opinion": "未达标。"])
        }
        let (events, state) = try history(ofCase: index, route: route)
        let deadline = transition.deadline(of: state).map { DeadlineUpdate.due($0.due) } ?? DeadlineUpdate.none
        return CaseAppend(events, expectedVersion: 0, deadline: deadline)
    }

    private func history(ofCase index: Int, route: [(action: String, inputs: [String: String])] = EngineBenchmark.route) throws -> (events: [Event], state: CaseState) {
        let institution = Jiaozuo.institutions[index % Jiaozuo.institutions.count]
        let start = DemoScenario.start.addingTimeInterval(Double(index))
        let opened = CaseOpened(flowID: definition.id, definitionHash: hash, institution: institution,
                                actor: DemoCast.institution(institution), stage: definition.start)
        let id = CaseID("bench-\(index)")
        var state = CaseState(id: id, opened: opened, at: Timestamp(start))
        var events = [Event(subject: id, sequence: 1, at: Timestamp(start), body: .opened(opened))]
        for (day, step) in route.enumerated() {
            let event = try transition.decide(step.action, on: state, by: EngineBenchmark.actor(for: step.action, institution: institution),
                                              inputs: step.inputs, at: Timestamp(start.addingTimeInterval(Double(day + 1) * 86_400)))
            try state.apply(event)
            events.append(event)
        }
        return (events, state)
    }
}
