/// Checks the stage graph: every stage can be reached from the start, and from every reachable
/// stage some terminal stage can be reached, so no case can be stuck for ever.
///
/// Skipped while the start or an action's target names an undefined stage: that error already
/// explains every stage it cuts off.
enum ReachabilityChecks {
    static func run(on sink: inout DiagnosticSink) {
        let flow = sink.flow
        guard flow.stages[flow.start] != nil,
              flow.stages.allSatisfy({ $0.actions.allSatisfy { flow.stages[$0.target] != nil } })
        else { return }

        var forward: [String: [String]] = [:]
        var backward: [String: [String]] = [:]
        for stage in flow.stages {
            for action in stage.actions {
                forward[stage.name, default: []].append(action.target)
                backward[action.target, default: []].append(stage.name)
            }
        }

        let reachable = closure(from: [flow.start], edges: forward)
        let canFinish = closure(from: flow.stages.filter(\.isTerminal).map(\.name), edges: backward)

        for stage in flow.stages {
            let path = DefinitionPath.stage(stage.name)
            if !reachable.contains(stage.name) {
                sink.error(atKey: path, "stage '\(stage.name)' cannot be reached from the start stage '\(flow.start)'; add an action leading to it or remove it")
            } else if !canFinish.contains(stage.name), flow.stages.contains(where: \.isTerminal) {
                sink.error(atKey: path, "no terminal stage can be reached from stage '\(stage.name)', so a case there would be stuck for ever; add an action leading towards a terminal stage or mark it 'terminal: true'")
            }
        }
    }

    /// Every stage reachable from `starts` along `edges`, including the starts.
    private static func closure(from starts: [String], edges: [String: [String]]) -> Set<String> {
        var seen = Set(starts)
        var queue = starts
        while let next = queue.popLast() {
            for neighbour in edges[next] ?? [] where seen.insert(neighbour).inserted {
                queue.append(neighbour)
            }
        }
        return seen
    }
}
