import AssayCore
import Foundation

/// Replays recorded cases under changed rules, to show a commission what a change would do
/// before it is adopted: which cases would take another path or end elsewhere, and why. The
/// change is to flow definitions, to plugins' data files (a checklist with a changed threshold
/// or a newly critical item), or both.
///
/// The log is replayed in order, the plugins' records folded as they come (a changed data file
/// in place of the stored one of the same id), so each guard decides on what it would have seen.
/// A case of a changed flow restarts at the new definition's start stage; every case its changes
/// may touch has its recorded actions taken again, by the same actors with the same inputs at
/// the same times. A new deadline that would have passed before a recorded action fires first.
public struct WhatIf: Sendable {
    /// A case whose path or outcome would differ.
    public struct Difference: Sendable, Equatable, Codable, CustomStringConvertible {
        public var caseID: CaseID
        public var recordedPath: [String]
        public var newPath: [String]
        /// Why the new path stops short: the recorded action that would be refused, and why.
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
    /// The plugins, folding the changed data files in place of the stored ones.
    public let plugins: PluginHost
    /// The changed definitions, by flow id.
    public let changed: [String: FlowDefinition]
    /// Whether data files changed, so that every case is compared, not only changed flows'.
    private let dataChanged: Bool

    public init(store: any EventStore, changed: [FlowDefinition], dataFiles: [StoredDataFile] = [], plugins: PluginHost = .none) {
        self.store = store
        self.plugins = plugins.substituting(dataFiles)
        self.changed = Dictionary(changed.map { ($0.id, $0) }) { _, latest in latest }
        dataChanged = !dataFiles.isEmpty
    }

    /// One case followed under the changed rules.
    private struct Followed {
        var recorded: CaseState
        var replayed: CaseState
        var transition: Transition
        var stop: String?
    }

    public func run() async throws -> Report {
        let definitions = try await PinnedDefinitions(store: store)
        var report = Report()
        var followed: [CaseID: Followed] = [:]
        var order: [CaseID] = []
        var pluginStates = plugins.initialStates
        /// The hash and decision of what cases pinning each stored definition replay under,
        /// made once a definition rather than once a case.
        var replayedUnder: [DefinitionHash: (hash: DefinitionHash, transition: Transition)] = [:]
        for try await batch in LogReader(store: store) {
            for entry in batch {
                let event = try Event(canonical: entry.body)
                defer { plugins.fold(&pluginStates, event) }
                switch event.body {
                case .opened(let opened):
                    let changedDefinition = changed[opened.flowID]
                    guard changedDefinition != nil || dataChanged, let definition = changedDefinition ?? definitions[opened.definitionHash] else { continue }
                    let rules = replayedUnder[opened.definitionHash]
                        ?? (DefinitionHash(of: definition), Transition(definition: definition, guards: plugins.guards))
                    replayedUnder[opened.definitionHash] = rules
                    var reopened = opened
                    reopened.stage = definition.start
                    reopened.definitionHash = rules.hash
                    followed[event.subject] = Followed(recorded: CaseState(id: event.subject, opened: opened, at: event.at),
                                                       replayed: CaseState(id: event.subject, opened: reopened, at: event.at),
                                                       transition: rules.transition)
                    order.append(event.subject)
                case .actionTaken(let taken):
                    guard var one = followed.removeValue(forKey: event.subject) else { continue }
                    try one.recorded.apply(event)
                    if one.stop == nil {
                        fireDeadline(before: event.at, on: &one.replayed, one.transition, plugins: pluginStates)
                        if taken.trigger != .deadline {
                            do {
                                try one.replayed.apply(one.transition.decide(taken.action, on: one.replayed, by: taken.actor, inputs: taken.inputs,
                                                                             at: event.at, plugins: pluginStates))
                            } catch {
                                one.stop = "\(taken.action) at \(event.at): \(error)"
                            }
                        }
                    }
                    followed[event.subject] = one
                case .recorded:
                    // The case's own sequence moves on; the replayed state counts only its actions.
                    if event.subject.isCase, var one = followed.removeValue(forKey: event.subject) {
                        try one.recorded.apply(event)
                        followed[event.subject] = one
                    }
                }
            }
        }
        for id in order {
            guard let one = followed[id] else { continue }
            report.casesCompared += 1
            if one.replayed.path != one.recorded.path || one.stop != nil {
                report.differences.append(Difference(caseID: id, recordedPath: one.recorded.path, newPath: one.replayed.path, stoppedBecause: one.stop))
            }
        }
        return report
    }

    /// Takes the deadline action of the case's stage if its deadline passes before `time`.
    private func fireDeadline(before time: Timestamp, on state: inout CaseState, _ transition: Transition, plugins: PluginStates) {
        guard let (action, due) = transition.deadline(of: state), due <= time,
              let event = try? transition.decide(action, on: state, by: .system, inputs: [:], at: due, trigger: .deadline, plugins: plugins) else { return }
        try? state.apply(event)
    }
}
