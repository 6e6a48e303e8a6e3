import AssayCore
import AssayDemo
import AssayTestSupport
import Testing

/// What `case show` and the server offer an actor: the actions of the stage they may take, and
/// why each other is refused, decided by the same checks as taking them.
@Suite("What an actor may do now")
struct AvailabilityTests {
    @Test("each action of the stage is allowed or refused with the reason taking it would give")
    func availabilityMatchesTaking() async throws {
        let harness = try EngineHarness()
        let state = try await harness.tour("basic-standard", ["submit", "initial-pass", "refer-to-city", "onsite-fail"])
        let transition = try harness.engine.transition(for: state)
        let institution = DemoCast.institution(harness.institution)
        let plugins = try await harness.engine.currentPluginStates()
        let now = Timestamp(harness.date(day: 6))
        let available = transition.availability(on: state, for: institution, at: now, plugins: plugins)
        #expect(available.map(\.action.name) == ["appeal", "accept-decision", "appeal-window-closed"])
        #expect(available.map(\.isAllowed) == [true, true, false])
        #expect(available[2].refusal == .deadlineOnly(action: "appeal-window-closed"))

        let expert = harness.actor(for: "onsite-fail", in: "basic-standard")
        for item in transition.availability(on: state, for: expert, at: now, plugins: plugins) {
            // Taking a refused action fails for the same reason, and writes nothing.
            guard let refusal = item.refusal else { continue }
            await #expect(throws: refusal) {
                try await harness.engine.take(item.action.name, on: state.id, by: expert, at: harness.date(day: 6))
            }
        }
        #expect(try await harness.engine.state(of: state.id).version == state.version)
    }

    @Test("✓ means taking the action would be allowed now: its guards run on the plugins' state, except those that read the inputs")
    func availabilityRunsTheGuards() async throws {
        let harness = try EngineHarness()
        let opened = try await harness.tour("basic-standard", [])
        let institution = DemoCast.institution(harness.institution)
        let transition = try harness.engine.transition(for: opened)
        let now = Timestamp(harness.date(day: 1))
        let before = transition.availability(on: opened, for: institution, at: now, plugins: try await harness.engine.currentPluginStates())
        let submit = try #require(before.first { $0.action.name == "submit" })
        #expect(!submit.isAllowed)
        #expect(submit.refusal?.description.contains("registration-compliant failed") == true, "\(String(describing: submit.refusal))")
        await #expect(throws: TransitionError.self) {
            try await harness.engine.take("submit", on: opened.id, by: institution, inputs: ["self-assessment": "s"], at: harness.date(day: 1))
        }
        try await ChecklistReviews.register(harness.institution, engine: harness.engine, at: harness.date(day: 1))
        let after = transition.availability(on: opened, for: institution, at: now, plugins: try await harness.engine.currentPluginStates())
        #expect(after.first { $0.action.name == "submit" }?.isAllowed == true)

        // A guard on the inputs (decision-is-pass) is left to the taking: initial-pass is offered.
        let submitted = try await harness.tour("basic-standard", ["submit"], id: "case-2")
        let expert = harness.actor(for: "initial-pass", in: "basic-standard")
        let offered = transition.availability(on: submitted, for: expert, at: Timestamp(harness.date(day: 2)), plugins: try await harness.engine.currentPluginStates())
        #expect(offered.first { $0.action.name == "initial-pass" }?.isAllowed == true)
    }

    @Test("a stage's deadline is due the stated time after the case entered it")
    func deadlines() async throws {
        let harness = try EngineHarness()
        let state = try await harness.tour("basic-standard", ["submit", "initial-pass", "refer-to-city", "onsite-fail"])
        let transition = try harness.engine.transition(for: state)
        let deadline = try #require(transition.deadline(of: state))
        #expect(deadline.action == "appeal-window-closed")
        #expect(deadline.due == state.enteredStageAt + DeadlineDuration.days(15))
        let opened = try await harness.tour("basic-standard", [], id: "case-2")
        #expect(transition.deadline(of: opened) == nil)
    }
}
