/// A named condition an action requires, such as `decision-is-pass`.
///
/// A guard decides only from its context (the case, the action, its inputs, the actor, and the
/// plugins' state folded from the records written before the decision), so replaying the log
/// reproduces every verdict.
public struct Guard: Sendable {
    public let name: String
    /// One sentence saying what must hold.
    public let summary: String
    /// Whether the verdict depends on the action's inputs (such as `decision-is-pass`): such a
    /// guard cannot be judged before the inputs are given, so availability leaves it out.
    public let readsInputs: Bool
    private let evaluation: @Sendable (GuardContext) -> GuardVerdict

    public init(name: String, summary: String, readsInputs: Bool = false, evaluate: @escaping @Sendable (GuardContext) -> GuardVerdict) {
        self.name = name
        self.summary = summary
        self.readsInputs = readsInputs
        self.evaluation = evaluate
    }

    public func evaluate(_ context: GuardContext) -> GuardVerdict {
        evaluation(context)
    }
}

/// What a guard sees when it decides.
public struct GuardContext: Sendable {
    public let state: CaseState
    /// The action and the stage it leaves, shared with the decision.
    let rule: ActionRule
    /// The stage the action leaves: its `uses` names the data files its guards read.
    public var stage: Stage { rule.stage }
    public var action: Action { rule.action }
    public let actor: Actor
    public let inputs: [String: String]
    public let at: Timestamp
    /// Every plugin's state, folded from the log up to the decision.
    public let plugins: PluginStates
}

/// A guard's decision and the reason a person can read.
public struct GuardVerdict: Sendable, Equatable {
    public var passed: Bool
    public var reason: String

    public static func pass(_ reason: String) -> GuardVerdict { GuardVerdict(passed: true, reason: reason) }
    public static func fail(_ reason: String) -> GuardVerdict { GuardVerdict(passed: false, reason: reason) }
}

/// A guard's verdict as recorded in an event.
public struct GuardResult: Sendable, Equatable, Codable, CustomStringConvertible {
    public var name: String
    public var passed: Bool
    public var reason: String

    public init(name: String, verdict: GuardVerdict) {
        self.name = name
        self.passed = verdict.passed
        self.reason = verdict.reason
    }

    public var description: String { "\(name) \(passed ? "held" : "failed"): \(reason)" }
}
