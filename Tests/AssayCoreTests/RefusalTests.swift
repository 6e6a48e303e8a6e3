import AssayCore
import AssayDemo
import Foundation
import Testing

@Suite("Refused actions are typed errors and write nothing")
struct RefusalTests {
    /// A harness with a basic-standard case waiting for its initial review.
    func caseInInitialReview() async throws -> EngineHarness {
        let harness = try EngineHarness()
        try await harness.tour("basic-standard", ["submit"])
        return harness
    }

    /// Takes `action` and expects `expected`, with the store unchanged.
    func expectRefusal(
        _ harness: EngineHarness, _ action: String, by actor: Actor, inputs: [String: String] = ["decision": "pass"],
        day: Int = 5, _ expected: TransitionError, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let before = harness.store.count
        await #expect(throws: expected, sourceLocation: sourceLocation) {
            try await harness.engine.take(action, on: "case-1", by: actor, inputs: inputs, at: harness.date(day: day))
        }
        #expect(harness.store.count == before, "a refused action wrote an event", sourceLocation: sourceLocation)
    }

    @Test("the wrong role is refused")
    func wrongRole() async throws {
        let harness = try await caseInInitialReview()
        let commission = DemoCast.countyCommission(harness.institution.region)
        try await expectRefusal(harness, "initial-pass", by: commission,
                                .roleNotPermitted(action: "initial-pass", role: "county-coordinator", required: "county-expert"))
    }

    @Test("an expert of another county is refused")
    func wrongRegion() async throws {
        let harness = try await caseInInitialReview()
        let stranger = DemoCast.countyExpert(RegionCode("410882")!)
        try await expectRefusal(harness, "initial-pass", by: stranger,
                                .outsideJurisdiction(action: "initial-pass", actor: stranger, level: .county, institution: harness.institution))
    }

    @Test("an expert of the right role acting at the wrong level is refused")
    func wrongLevel() async throws {
        let harness = try await caseInInitialReview()
        let cityLevel = Actor(id: "someone", role: "county-expert", jurisdiction: .region(Jiaozuo.city))
        try await expectRefusal(harness, "initial-pass", by: cityLevel,
                                .outsideJurisdiction(action: "initial-pass", actor: cityLevel, level: .county, institution: harness.institution))
    }

    @Test("an action of another stage is refused, listing what is available")
    func wrongStage() async throws {
        let harness = try await caseInInitialReview()
        try await expectRefusal(harness, "onsite-pass", by: DemoCast.cityExpert(group: 1),
                                .actionNotInStage(action: "onsite-pass", stage: "initial-review", available: ["initial-pass", "initial-return"]))
    }

    @Test("a failed guard is refused with the guard's reason")
    func failedGuard() async throws {
        let harness = try await caseInInitialReview()
        let expert = DemoCast.countyExpert(harness.institution.region)
        let results = [GuardResult(name: "reviewer-eligible", verdict: .pass("\(expert.id) has no suspension, bar or conflict with \(harness.institution.id)")),
                       GuardResult(name: "decision-is-pass", verdict: .fail("the decision is fail, not pass"))]
        try await expectRefusal(harness, "initial-pass", by: expert, inputs: ["decision": "fail"], .guardFailed(action: "initial-pass", results: results))
    }

    @Test("inputs are checked against the action's declaration", arguments: [
        (["opinion": "好"], TransitionError.missingInput(action: "initial-pass", input: "decision")),
        (["decision": "maybe"], .invalidInput(action: "initial-pass", input: "decision", value: "maybe", reason: "choose one of pass, fail")),
        (["decision": "pass", "score": "9"], .unexpectedInput(action: "initial-pass", input: "score", expected: ["decision", "opinion"])),
    ])
    func invalidInputs(inputs: [String: String], expected: TransitionError) async throws {
        let harness = try await caseInInitialReview()
        try await expectRefusal(harness, "initial-pass", by: DemoCast.countyExpert(harness.institution.region), inputs: inputs, expected)
    }

    @Test("an appeal is decided by someone other than who made the decision")
    func appealNeedsAnotherPerson() async throws {
        let harness = try EngineHarness()
        try await harness.tour("basic-standard", ["submit", "initial-pass", "refer-to-city", "onsite-fail", "appeal"])
        try await expectRefusal(harness, "appeal-upheld", by: DemoCast.cityExpert(group: 1), inputs: ["decision": "pass", "opinion": "x"], day: 9,
                                .notIndependent(action: "appeal-upheld", actorID: DemoCast.cityExpert(group: 1).id, earlierAction: "onsite-fail"))
    }

    @Test("only a deadline takes a deadline action")
    func deadlineActionsAreNotForPeople() async throws {
        let harness = try EngineHarness()
        try await harness.tour("basic-standard", ["submit", "initial-return"])
        try await expectRefusal(harness, "rectification-lapsed", by: DemoCast.institution(harness.institution), inputs: [:],
                                .deadlineOnly(action: "rectification-lapsed"))
    }

    @Test("an action dated before the case's last event is refused")
    func timeOnlyMovesForward() async throws {
        let harness = try await caseInInitialReview()
        try await expectRefusal(harness, "initial-pass", by: DemoCast.countyExpert(harness.institution.region), day: 0,
                                .timeBeforeLastEvent(at: Timestamp(harness.date(day: 0)), last: Timestamp(harness.date(day: 1))))
    }

    @Test("an unknown case, a taken case id and an unknown flow are refused")
    func unknownThings() async throws {
        let harness = try await caseInInitialReview()
        let me = DemoCast.institution(harness.institution)
        await #expect(throws: TransitionError.unknownCase("nope")) {
            try await harness.engine.take("submit", on: "nope", by: me, at: harness.date(day: 3))
        }
        await #expect(throws: TransitionError.caseAlreadyExists("case-1")) {
            try await harness.engine.open("case-1", institution: harness.institution, flow: "basic-standard", by: me, at: harness.date(day: 3))
        }
        await #expect(throws: TransitionError.unknownFlow("gold-standard", known: ["basic-standard", "community-hospital", "recommended-standard"])) {
            try await harness.engine.open("case-2", institution: harness.institution, flow: "gold-standard", by: me, at: harness.date(day: 3))
        }
        #expect(harness.store.caseIDs() == ["case-1"] && harness.store.events(of: "case-1").count == 2)
    }

    @Test("nobody opens a case for an institution outside their jurisdiction")
    func openingNeedsJurisdiction() async throws {
        let harness = try EngineHarness()
        let stranger = DemoCast.countyCommission(RegionCode("410882")!)
        await #expect(throws: TransitionError.notActingFor(harness.institution, actor: stranger)) {
            try await harness.engine.open("case-1", institution: harness.institution, flow: "basic-standard", by: stranger, at: harness.date(day: 0))
        }
        #expect(harness.store.count == 0)
    }

    @Test("every refusal explains itself in a sentence")
    func refusalsExplainThemselves() {
        let error = TransitionError.actionNotInStage(action: "onsite-pass", stage: "initial-review", available: ["initial-pass", "initial-return"])
        #expect(error.description == "action 'onsite-pass' cannot be taken in stage 'initial-review'; available there: initial-pass, initial-return")
    }
}
