/// A source of named guards: the core's standard guards now, plugins later.
public protocol GuardProvider: Sendable {
    /// Identifies the provider in errors, such as `core` or a plugin's id.
    var id: String { get }
    var guards: [Guard] { get }
}

/// The guards every flow can use: decisions recorded as a `decision` input.
public struct StandardGuards: GuardProvider {
    public init() {}

    public var id: String { "core" }

    public var guards: [Guard] {
        [Self.decision(is: "pass"), Self.decision(is: "fail")]
    }

    /// A guard that holds when the action's `decision` input equals `expected`.
    static func decision(is expected: String) -> Guard {
        let held = GuardVerdict.pass("the decision is \(expected)")
        return Guard(name: "decision-is-\(expected)", summary: "the decision input equals \(expected)", readsInputs: true) { context in
            guard let decision = context.inputs["decision"] else {
                return .fail("no decision was recorded")
            }
            return decision == expected ? held : .fail("the decision is \(decision), not \(expected)")
        }
    }
}
