import AssayYAML
/// Checks stage deadlines: each names an action of its own stage that the engine can take alone,
/// and every action without a `by` is some deadline's action (otherwise nobody can take it).
enum DeadlineChecks {
    static func run(on sink: inout DiagnosticSink) {
        var deadlineActions: Set<String> = []
        for stage in sink.flow.stages {
            guard let deadline = stage.deadline else { continue }
            let path = DefinitionPath.stage(stage.name) + ["deadline"]
            guard let name = deadline.action else {
                sink.error(at: path, "the deadline of stage '\(stage.name)' names no action to take when it passes; add 'action:' with one of the stage's actions")
                continue
            }
            guard let action = stage.actions[name] else {
                sink.error(at: path + ["action"], "the deadline of stage '\(stage.name)' names action '\(name)', which the stage does not offer\(Suggestion.hint(for: name, in: stage.actions.names))")
                continue
            }
            deadlineActions.insert(name)
            for input in action.inputs where input.required {
                sink.error(at: DefinitionPath.action(stage.name, name) + ["inputs", input.name], "deadline action '\(name)' requires input '\(input.name)', which nobody gives when a deadline passes; make it optional")
            }
        }
        for stage in sink.flow.stages {
            for action in stage.actions where action.permission == nil && !deadlineActions.contains(action.name) {
                sink.error(atKey: DefinitionPath.action(stage.name, action.name), "nobody can take action '\(action.name)': it has no 'by' and no deadline takes it; add 'by: { role: ..., level: ... }'")
            }
        }
    }
}
