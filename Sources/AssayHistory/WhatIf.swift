import AssayCore
import Foundation

/// Replays recorded cases under changed definitions, to show a commission what a rule change
/// would do before it is adopted: which cases would take another path or end elsewhere.
///
/// Each case of a changed flow restarts at the new definition's start stage and its recorded
/// actions are taken again, by the same actors with the same inputs at the same times. A new
/// deadline that would have passed before a recorded action fires first.
public struct WhatIf: Sendable {
    /// A case whose path or outcome would differ.
    public struct Difference: Sendable, Equatable, Codable, CustomStringConvertible {
        public var caseID: CaseID
        public var recordedPath: [String]
        public var newPath: [String]
        /// Why the new path stops short, if a recorded action would be refused.
        public var stoppedBecause: String?

        public var description: String {
            var text = "case \(caseID)\n    recorded: \(recordedPath.joined(separator: " → "))\n    would be: \(newPath.joined(separator: " → "))"
            if let stoppedBecause { text += "\n    stops:    \(stoppedBecause)" }
            return text
        }
    }

    public struct Report: Sendable, Codable {
        public var casesCompared = 0
        public var differences: [Difference] = []
    }

    public let store: any EventStore
    public let guards: GuardRegistry
    /// The changed definitions, by flow id.
    public let changed: [String: FlowDefinition]

    public init(store: any EventStore, changed: [FlowDefinition], guards: GuardRegistry = .standard) {
        self.store = store
        self.guards = guards
        self.changed = Dictionary(changed.map { ($0.id, $0) }) { _, latest in latest }
    }

    public func run() async throws -> Report {
        var report = Report()
        var histories: [CaseID: [Event]] = [:]
        var order: [CaseID] = []
        for try await batch in LogReader(store: store) {
            for entry in batch {
                let event = try Event(canonical: entry.body)
                if case .opened(let opened) = event.body {
                    guard changed[opened.flowID] != nil else { continue }
                    order.append(event.subject)
                }
                if histories[event.subject] != nil || event.sequence == 1 {
                    histories[event.subject, default: []].append(event)
                }
            }
        }
        for id in order {
            guard let events = histories[id], case .opened(let opened)? = events.first?.body,
                  let definition = changed[opened.flowID], let recorded = try CaseState(replaying: events) else { continue }
            report.casesCompared += 1
            let (path, stop) = replay(events, opened: opened, under: definition)
            if path != recorded.path || stop != nil {
                report.differences.append(Difference(caseID: id, recordedPath: recorded.path, newPath: path, stoppedBecause: stop))
            }
        }
        return report
    }

    private func replay(_ events: [Event], opened: CaseOpened, under definition: FlowDefinition) -> (path: [String], stop: String?) {
        let transition = Transition(definition: definition, guards: guards)
        var reopened = opened
        reopened.stage = definition.start
        reopened.definitionHash = DefinitionHash(of: definition)
        var state = CaseState(id: events[0].subject, opened: reopened, at: events[0].at)
        for event in events.dropFirst() {
            guard case .actionTaken(let taken) = event.body else { continue }
            fireDeadline(before: event.at, on: &state, transition)
            if taken.trigger == .deadline { continue }
            do {
                try state.apply(transition.decide(taken.action, on: state, by: taken.actor, inputs: taken.inputs, at: event.at))
            } catch {
                return (state.path, "\(taken.action) at \(event.at): \(error)")
            }
        }
        return (state.path, nil)
    }

    /// Takes the deadline action of the case's stage if its deadline passes before `time`.
    private func fireDeadline(before time: Timestamp, on state: inout CaseState, _ transition: Transition) {
        guard let (action, due) = transition.deadline(of: state), due <= time, let event = try? transition.decide(action, on: state, by: .system, inputs: [:], at: due, trigger: .deadline) else { return }
        try? state.apply(event)
    }
}
