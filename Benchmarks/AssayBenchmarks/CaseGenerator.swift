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
        let institution = Jiaozuo.institutions[index % Jiaozuo.institutions.count]
        let start = DemoScenario.start.addingTimeInterval(Double(index))
        let opened = CaseOpened(flowID: definition.id, definitionHash: hash, institution: institution,
                                actor: DemoCast.institution(institution), stage: definition.start)
        let id = CaseID("bench-\(index)")
        var state = CaseState(id: id, opened: opened, at: Timestamp(start))
        var events = [Event(subject: id, sequence: 1, at: Timestamp(start), body: .opened(opened))]
        for (day, step) in EngineBenchmark.route.enumerated() {
            let event = try transition.decide(step.action, on: state, by: EngineBenchmark.actor(for: step.action, institution: institution),
                                              inputs: step.inputs, at: Timestamp(start.addingTimeInterval(Double(day + 1) * 86_400)))
            try state.apply(event)
            events.append(event)
        }
        return events
    }
}
