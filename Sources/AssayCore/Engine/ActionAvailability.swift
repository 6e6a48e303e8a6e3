/// Whether an actor may take one action of a case's current stage now, and if not, why.
///
/// Only what can be known before the action is taken is checked: the role, the level and
/// jurisdiction, independence from earlier decisions, and whether only a deadline takes it.
/// Inputs and guards are checked when the action is taken.
public struct ActionAvailability: Sendable, Equatable {
    public var action: Action
    /// Nil when the actor may take the action (given valid inputs and passing guards).
    public var refusal: TransitionError?

    public var isAllowed: Bool { refusal == nil }
}

extension Transition {
    /// For each action of the case's current stage, in the flow's order, whether `actor` may
    /// take it now.
    public func availability(on state: CaseState, for actor: Actor) -> [ActionAvailability] {
        guard let stage = definition.stages[state.stage] else { return [] }
        return stage.actions.map { action in
            do throws(TransitionError) {
                if let rule = rule(action.name, in: stage.name) { try checkPermission(rule, actor: actor, state: state) }
                return ActionAvailability(action: action, refusal: nil)
            } catch {
                return ActionAvailability(action: action, refusal: error)
            }
        }
    }
}
