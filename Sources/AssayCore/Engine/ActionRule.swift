/// One action of one stage as a decision reads it, made once per definition by `Transition`:
/// a decision and its guards share it instead of copying the stage and the action.
final class ActionRule: Sendable {
    /// The stage the action leaves.
    let stage: Stage
    let action: Action
    /// The guards taking it must pass, with what the registry offers under each name (nil for
    /// a name it lacks): the action's own, after the assigned-reviewer guard where the flow asks
    /// for it.
    let guards: [(name: String, found: Guard?)]
    /// How many of the action's inputs are required.
    let requiredInputs: Int

    init(stage: Stage, action: Action, guards: [(name: String, found: Guard?)]) {
        self.stage = stage
        self.action = action
        self.guards = guards
        requiredInputs = action.inputs.count { $0.required }
    }
}
