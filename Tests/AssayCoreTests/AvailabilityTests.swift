import AssayCore
import AssayDemo
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
        let available = transition.availability(on: state, for: institution)
        #expect(available.map(\.action.name) == ["appeal", "accept-decision", "appeal-window-closed"])
        #expect(available.map(\.isAllowed) == [true, true, false])
        #expect(available[2].refusal == .deadlineOnly(action: "appeal-window-closed"))

        let expert = harness.actor(for: "onsite-fail", in: "basic-standard")
        for item in transition.availability(on: state, for: expert) {
            // Taking a refused action fails for the same reason, and writes nothing.
            guard let refusal = item.refusal else { continue }
            await #expect(throws: refusal) {
                try await harness.engine.take(item.action.name, on: state.id, by: expert, at: harness.date(day: 6))
            }
        }
        #expect(try await harness.engine.state(of: state.id).version == state.version)
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
