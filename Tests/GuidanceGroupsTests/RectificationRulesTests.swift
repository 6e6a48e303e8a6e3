import AssayCore
import AssayDemo
import GuidanceGroups
import Testing

@Suite("A rectification is earned: the institution plans it, an expert closes it, each once")
struct RectificationRulesTests {
    @Test("plans, progress and verifications name an open item of the archive and come from the institution, then an expert")
    func rectificationRules() async throws {
        let review = try await ReviewUnderRules()
        let finding = try #require(review.checklist.items.first { !$0.critical && $0.kind == .yesNo && $0.applies(to: review.institution.type) })
        try await review.form([ReviewUnderRules.leader, ReviewUnderRules.member])
        try await review.answerAll(by: ReviewUnderRules.leader, except: [finding.id: "no"])
        try await review.answerAll(by: ReviewUnderRules.member, except: [finding.id: "no"])
        let staff = DemoCast.institution(review.institution)
        let plan = RectificationPlan(round: 1, item: finding.id, measure: "建立台账", responsible: "院长", deadline: "2022-06-30")

        try await review.expectRefusal("case bs/1 has no rectification item 9.9 in round 1; it has: \(finding.id) (round 1)") {
            try await review.record("rectification-plan", RectificationPlan(round: 1, item: "9.9", measure: "m", responsible: "r", deadline: "2022-06-30"), by: staff, day: 5)
        }
        try await review.expectRefusal("the institution \(review.institution.id) plans its rectification and reports progress; \(ReviewUnderRules.leader.id) does not act for it") {
            try await review.record("rectification-plan", plan, by: ReviewUnderRules.leader, day: 5)
        }
        try await review.expectRefusal("item \(finding.id) of round 1 has no plan yet; the institution plans it first") {
            try await review.record("rectification-progress", RectificationNote(round: 1, item: finding.id, note: "已开始"), by: staff, day: 5)
        }
        try await review.expectRefusal("item \(finding.id) of round 1 has no plan to verify yet") {
            try await review.record("rectification-verified", RectificationNote(round: 1, item: finding.id, note: "已核实"), by: ReviewUnderRules.member, day: 5)
        }
        try await review.record("rectification-plan", plan, by: staff, day: 5)
        try await review.record("rectification-progress", RectificationNote(round: 1, item: finding.id, note: "台账已建立"), by: staff, day: 6)
        try await review.expectRefusal("an expert verifies a rectification; institution is not an expert role") {
            try await review.record("rectification-verified", RectificationNote(round: 1, item: finding.id, note: "自查已整改"), by: staff, day: 7)
        }
        try await review.record("rectification-verified", RectificationNote(round: 1, item: finding.id, note: "抽查台账，已整改"), by: ReviewUnderRules.member, day: 8)
        try await review.expectRefusal("item \(finding.id) of round 1 is already closed") {
            try await review.record("rectification-progress", RectificationNote(round: 1, item: finding.id, note: "再次报告"), by: staff, day: 9)
        }
        let guidance = try #require(try await review.reviewed.engine.currentPluginStates().state(of: GuidanceGroups.self))
        #expect(guidance.archive(of: "bs/1", for: review.institution.type).map(\.isClosed) == [true])
        #expect(try await review.replay().isConsistent)
    }
}

@Suite("An institution's figures are its own")
struct FigureRulesTests {
    @Test("only the case's institution reports figures for the prerequisites")
    func onlyTheInstitutionReports() async throws {
        let review = try await ReviewUnderRules()
        let figures = InstitutionFigures(figures: ["annual-visits": 61_200])
        try await review.expectRefusal("the institution \(review.institution.id) reports its own figures; \(DemoCast.cityCommission.id) does not act for it") {
            try await review.record("figures", figures, by: DemoCast.cityCommission, day: 5)
        }
        try await review.record("figures", figures, by: DemoCast.institution(review.institution), day: 5)
        let guidance = try #require(try await review.reviewed.engine.currentPluginStates().state(of: GuidanceGroups.self))
        #expect(guidance.figures["bs/1"] == ["annual-visits": 61_200])
    }

    @Test("assay prerequisites report stores the prerequisites with the figures or not at all")
    func reportIsOneWrite() async throws {
        let review = try await ReviewUnderRules()
        let commands = PluginCommands(reviewed: review.reviewed)
        let before = review.reviewed.store.logSize()
        await #expect(throws: RecordError.self) {
            try await commands.run("prerequisites", ["report", "bs/1", "annual-visits=61200"] + PluginCommands.coordinator)
        }
        #expect(review.reviewed.store.logSize() == before, "a refused report stores nothing, the prerequisites included")
        let staff = ["--actor", "staff@\(review.institution.id)", "--role", "institution", "--for", "institution:\(review.institution.id)", "--at", "2022-03-05T09:00:00+08:00"]
        #expect(try await commands.run("prerequisites", ["report", "bs/1", "annual-visits=61200"] + staff) == "recorded 1 figure for case bs/1")
        #expect(review.reviewed.store.logSize() == before + 2)
        let guidance = try #require(try await review.reviewed.engine.currentPluginStates().state(of: GuidanceGroups.self))
        #expect(guidance.prerequisites[GuidanceGroupsState.recommendedPrerequisites] != nil && guidance.figures["bs/1"] == ["annual-visits": 61_200])
    }
}
