/// Whether an actor may take one action of a case's current stage now, and if not, why.
///
/// It is decided by the checks taking the action makes, on the same plugin state: the role,
/// the level and jurisdiction, independence from earlier decisions, whether only a deadline
/// takes it, and every guard that does not read the inputs (a registration audited and
/// compliant, a group's scored checklist, who leads the group). Inputs, and the guards that read
/// them, are checked when the action is taken.
public struct ActionAvailability: Sendable, Equatable {
    public var action: Action
    /// Nil when the actor may take the action (given valid inputs and guards on them that hold).
    public var refusal: TransitionError?

    public var isAllowed: Bool { refusal == nil }
}

extension Transition {
    /// For each action of the case's current stage, in the flow's order, whether `actor` may
    /// take it at `at`, with the plugins in `plugins` (their state folded from the log).
    public func availability(on state: CaseState, for actor: Actor, at: Timestamp, plugins: PluginStates) -> [ActionAvailability] {
        guard let stage = definition.stages[state.stage] else { return [] }
        return stage.actions.map { action in
            do throws(TransitionError) {
                if let rule = rule(action.name, in: stage.name) {
                    try checkPermission(rule, actor: actor, state: state)
                    let known = rule.guards.filter { $0.found?.readsInputs != true }
                    if !known.isEmpty {
                        _ = try evaluateGuards(ActionRule(stage: rule.stage, action: rule.action, guards: known),
                                           GuardContext(state: state, rule: rule, actor: actor, inputs: [:], at: at, plugins: plugins))
                    }
                }
                return ActionAvailability(action: action, refusal: nil)
            } catch {
                return ActionAvailability(action: action, refusal: error)
            }
        }
    }
}
