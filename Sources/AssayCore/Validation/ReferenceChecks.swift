import AssayYAML
/// Checks that every name a definition uses refers to something: stages, roles, actions, guards.
enum ReferenceChecks {
    static func run(on sink: inout DiagnosticSink, guards: GuardRegistry, dataFileKinds: [String]?) {
        let flow = sink.flow
        let stageNames = flow.stages.names
        if flow.stages[flow.start] == nil {
            sink.error(at: ["start"], "the start stage '\(flow.start)' is not defined\(Suggestion.hint(for: flow.start, in: stageNames)); define it under 'stages' or start elsewhere")
        }
        if !flow.stages.contains(where: \.isTerminal) {
            sink.error(atKey: ["stages"], "no stage is terminal, so no case can ever finish; mark the final stages with 'terminal: true'")
        }

        var firstDefinition: [String: String] = [:]
        var usedRoles: Set<String> = []
        for stage in flow.stages {
            if let kinds = dataFileKinds {
                for kind in (stage.uses ?? [:]).keys.sorted() where !kinds.contains(kind) {
                    sink.error(atKey: DefinitionPath.stage(stage.name) + ["uses", kind],
                               "no loaded plugin reads data files of kind '\(kind)'\(Suggestion.hint(for: kind, in: kinds)); kinds: \(kinds.isEmpty ? "none" : kinds.joined(separator: ", "))")
                }
            }
            for action in stage.actions {
                let path = DefinitionPath.action(stage.name, action.name)
                if let earlier = firstDefinition[action.name] {
                    sink.error(atKey: path, "action '\(action.name)' is also defined in stage '\(earlier)'; action names must be unique in a flow, so rename one",
                               noteAtKey: DefinitionPath.action(earlier, action.name), "action '\(action.name)' first defined here")
                } else {
                    firstDefinition[action.name] = stage.name
                }
                if flow.stages[action.target] == nil {
                    sink.error(at: path + ["to"], "action '\(action.name)' leads to stage '\(action.target)', which is not defined\(Suggestion.hint(for: action.target, in: stageNames))")
                }
                if let permission = action.permission {
                    usedRoles.insert(permission.role)
                    if flow.roles[permission.role] == nil {
                        sink.error(at: path + ["by", "role"], "role '\(permission.role)' is not declared under 'roles'\(Suggestion.hint(for: permission.role, in: flow.roles.names))")
                    }
                }
                for (index, name) in action.guards.enumerated() where guards[name] == nil {
                    sink.error(at: path + ["guards", String(index)], "no loaded plugin provides guard '\(name)'\(Suggestion.hint(for: name, in: guards.names)); known guards: \(guards.names.joined(separator: ", "))")
                }
                for (index, name) in action.independentOf.enumerated() where flow.action(named: name) == nil {
                    sink.error(at: path + ["independent-of", String(index)], "'independent-of' names action '\(name)', which this flow does not define")
                }
                for input in action.inputs {
                    checkInput(input, path: path + ["inputs", input.name], on: &sink)
                }
            }
        }
        for (index, name) in (flow.assignedReviewers ?? []).enumerated() {
            let path = ["assigned-reviewers", String(index)]
            guard let stage = flow.stages[name] else {
                sink.error(at: path, "'assigned-reviewers' names stage '\(name)', which is not defined\(Suggestion.hint(for: name, in: stageNames))")
                continue
            }
            if !stage.actions.contains(where: { $0.permission != nil }) {
                sink.error(at: path, "stage '\(name)' has no action a role takes, so no reviewer acts there; name a review stage")
            }
        }
        if flow.assignedReviewers?.isEmpty == false, guards[FlowDefinition.assignedReviewerGuard] == nil {
            sink.error(atKey: ["assigned-reviewers"], "no loaded plugin provides guard '\(FlowDefinition.assignedReviewerGuard)', which 'assigned-reviewers' needs; the coordinators plugin provides it")
        }
        for role in flow.roles where !usedRoles.contains(role.name) {
            sink.warning(atKey: ["roles", role.name], "role '\(role.name)' is declared but no action is for it")
        }
    }

    private static func checkInput(_ input: InputSpec, path: [String], on sink: inout DiagnosticSink) {
        switch input.kind {
        case .choice where (input.options ?? []).isEmpty:
            sink.error(at: path, "choice input '\(input.name)' lists no options; add 'options: [...]'")
        case .text, .number:
            if input.options != nil {
                sink.error(at: path + ["options"], "only choice inputs take options; '\(input.name)' is \(input.kind.rawValue)")
            }
        default:
            break
        }
    }
}
