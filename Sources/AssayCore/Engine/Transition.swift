/// The engine's pure decision: given a case, an action and who takes it, the event to record or
/// the reason to refuse. No I/O, no clock: the time is an argument. A class, made once per
/// definition and shared by every case that pins it, with each stage's actions read into rules.
public final class Transition: Sendable {
    public let definition: FlowDefinition
    public let guards: GuardRegistry

    /// Each stage's actions, by stage name, read once: every decision asks. A stage has a few
    /// actions, so they are scanned: comparing short names costs less than hashing one.
    private let rules: [String: [ActionRule]]
    /// The stages whose deadline names its action, read once: every append asks for one. A flow
    /// has a few, so they are scanned: comparing short names costs less than hashing one.
    private let deadlines: [(stage: String, action: String, after: DeadlineDuration)]

    public init(definition: FlowDefinition, guards: GuardRegistry) {
        self.definition = definition
        self.guards = guards
        var rules: [String: [ActionRule]] = [:]
        var deadlines: [(stage: String, action: String, after: DeadlineDuration)] = []
        for stage in definition.stages {
            rules[stage.name] = stage.actions.map { action in
                let names = definition.guards(of: action, in: stage.name)
                return ActionRule(stage: stage, action: action, guards: names.map { ($0, guards[$0]) })
            }
            if let deadline = stage.deadline, let action = deadline.action { deadlines.append((stage.name, action, deadline.after)) }
        }
        self.rules = rules
        self.deadlines = deadlines
    }

    /// The event for `actor` taking `actionName` on `state` at `at`, or why it is refused;
    /// plugin guards read `plugins`, the plugins' state folded from the log before the decision.
    public func decide(
        _ actionName: String, on state: CaseState, by actor: Actor,
        inputs: [String: String], at: Timestamp, trigger: ActionTaken.Trigger = .actor, plugins: PluginStates = .empty
    ) throws(TransitionError) -> Event {
        let (target, results) = try judge(actionName, on: state, by: actor, inputs: inputs, at: at, trigger: trigger, plugins: plugins)
        let taken = ActionTaken(action: actionName, from: state.stage, to: target, actor: actor,
                                trigger: trigger, inputs: inputs, guards: results)
        return Event(subject: state.id, sequence: state.version + 1, at: at, body: .actionTaken(taken))
    }

    /// What `decide` decides, without making the event: the stage the action leads to and the
    /// guards' verdicts, or why it is refused. Replay compares these with what was recorded.
    public func judge(
        _ actionName: String, on state: CaseState, by actor: Actor,
        inputs: [String: String], at: Timestamp, trigger: ActionTaken.Trigger = .actor, plugins: PluginStates = .empty
    ) throws(TransitionError) -> (target: String, guards: [GuardResult]) {
        guard at >= state.enteredStageAt else {
            throw .timeBeforeLastEvent(at: at, last: state.enteredStageAt)
        }
        guard let rule = rule(actionName, in: state.stage) else {
            guard definition.action(named: actionName) != nil else {
                throw .unknownAction(actionName, flow: definition.id)
            }
            throw .actionNotInStage(action: actionName, stage: state.stage,
                                    available: definition.stages[state.stage]?.actions.names ?? [])
        }
        if trigger == .actor {
            try checkPermission(rule, actor: actor, state: state)
        }
        try checkInputs(rule, inputs)
        // Most actions have no guard: then no context is made for them (it copies the state).
        guard !rule.guards.isEmpty else { return (rule.action.target, []) }
        let results = try evaluateGuards(rule, GuardContext(state: state, rule: rule, actor: actor, inputs: inputs, at: at, plugins: plugins))
        return (rule.action.target, results)
    }

    /// The rule of action `name` of stage `stage`.
    func rule(_ name: String, in stage: String) -> ActionRule? {
        rules[stage]?.first { $0.action.name == name }
    }

    /// The deadline of the case's current stage: the action it takes and when it is due.
    public func deadline(of state: CaseState) -> (action: String, due: Timestamp)? {
        guard let deadline = deadlines.first(where: { $0.stage == state.stage }) else { return nil }
        return (deadline.action, state.enteredStageAt + deadline.after)
    }

    /// Checks who may take the rule's action: role, level and jurisdiction, independence, deadline-only.
    func checkPermission(_ rule: ActionRule, actor: Actor, state: CaseState) throws(TransitionError) {
        // Read through the rule: passing its action by value would copy every field of it.
        guard let permission = rule.action.permission else { throw .deadlineOnly(action: rule.action.name) }
        guard actor.role == permission.role else {
            throw .roleNotPermitted(action: rule.action.name, role: actor.role, required: permission.role)
        }
        guard actor.acts(at: permission.level, over: state.institution) else {
            throw .outsideJurisdiction(action: rule.action.name, actor: actor, level: permission.level, institution: state.institution)
        }
        for earlier in rule.action.independentOf where state.hasTaken(earlier, actorID: actor.id) {
            throw .notIndependent(action: rule.action.name, actorID: actor.id, earlierAction: earlier)
        }
    }

    private func checkInputs(_ rule: ActionRule, _ inputs: [String: String]) throws(TransitionError) {
        // An action has a few inputs: each is found by scanning them, not by hashing its name,
        // and the required ones are counted as they are met, looked for only when one is missing.
        var requiredGiven = 0
        for (name, value) in inputs {
            guard let spec = rule.action.inputs.first(where: { $0.name == name }) else {
                throw .unexpectedInput(action: rule.action.name, input: name, expected: rule.action.inputs.names)
            }
            if spec.required { requiredGiven += 1 }
            switch spec.kind {
            case .text:
                break
            case .choice:
                let options = spec.options ?? []
                guard options.contains(value) else {
                    throw .invalidInput(action: rule.action.name, input: name, value: value,
                                        reason: "choose one of \(options.joined(separator: ", "))")
                }
            case .number:
                guard Double(value) != nil else {
                    throw .invalidInput(action: rule.action.name, input: name, value: value, reason: "it must be a number")
                }
            }
        }
        guard requiredGiven < rule.requiredInputs else { return }
        for spec in rule.action.inputs where spec.required && inputs[spec.name] == nil {
            throw .missingInput(action: rule.action.name, input: spec.name)
        }
    }

    func evaluateGuards(_ rule: ActionRule, _ context: GuardContext) throws(TransitionError) -> [GuardResult] {
        var results: [GuardResult] = []
        results.reserveCapacity(rule.guards.count)
        for (name, found) in rule.guards {
            guard let found else { throw .unknownGuard(name, action: rule.action.name) }
            results.append(GuardResult(name: name, verdict: found.evaluate(context)))
        }
        if results.contains(where: { !$0.passed }) {
            throw .guardFailed(action: rule.action.name, results: results)
        }
        return results
    }
}
