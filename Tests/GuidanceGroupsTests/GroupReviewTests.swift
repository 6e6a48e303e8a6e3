import AssayCore
import GuidanceGroups
import Testing

/// The plugin's state folded from records written one by one, as the log holds them.
struct FoldedLog {
    let plugin = GuidanceGroups()
    var state = GuidanceGroupsState()
    var at = Timestamp(milliseconds: 1_650_000_000_000)
    let caseID: CaseID = "bs/1"

    /// Stores `checklist` as the log does; its hash.
    mutating func store(_ checklist: Checklist) throws -> String {
        let file = StoredDataFile(plugin: GuidanceGroups.name, kind: "checklist", file: "small.yaml", content: try RecordValue(encoding: checklist))
        plugin.fold(&state, try CheckedRecord(storing: file), about: Subject(kind: DataFileKind.recordType, id: file.hash.hex), at: at)
        return file.hash.hex
    }

    mutating func record(_ type: String, _ value: some Encodable, by expert: String) throws {
        at = Timestamp(milliseconds: at.milliseconds + 1000)
        let record = PluginRecord(plugin: GuidanceGroups.name, type: type, by: Actor(id: expert, role: "city-expert", jurisdiction: .region(RegionCode("410800")!)),
                                  value: try RecordValue(encoding: value))
        plugin.fold(&state, try PluginHost([plugin]).check(record, about: caseID), about: caseID, at: at)
    }

    /// `expert` answers every item of `answers`.
    mutating func answer(_ answers: [String: AnswerValue], by expert: String) throws {
        for (item, answer) in answers.sorted(by: { $0.key < $1.key }) {
            try record("answer", ItemAnswer(item: item, answer: answer), by: expert)
        }
    }

    func score() throws -> GroupScore {
        let round = try #require(state.currentRound(of: caseID))
        return try #require(state.score(round, for: .townshipHealthCentre))
    }
}

@Suite("An expert group scores one case")
struct GroupReviewTests {
    @Test("members who disagree leave the item open until the leader resolves it, with a reason")
    func disagreementAndResolution() throws {
        var log = FoldedLog()
        let hash = try log.store(SmallChecklist.checklist)
        try log.record("group", GroupFormed(checklist: hash, members: ["lead", "m2"], leader: "lead"), by: "coordinator")
        try log.answer(SmallChecklist.allMet, by: "lead")
        try log.answer(SmallChecklist.answers(["a2": .init(value: "B")]), by: "m2")

        var score = try log.score()
        #expect(!score.group.isComplete)
        #expect(score.unresolved.map(\.description) == ["a2: A by lead, B by m2"])
        #expect(score.members.map(\.id) == ["lead", "m2"])
        #expect(score.members.map { $0.score.tiers[0].overall.description } == ["100.0%", "77.7%"])

        // Only the leader's resolution counts.
        try log.record("resolution", ItemResolution(item: "a2", answer: .init(value: "C"), reason: "我说了算"), by: "m2")
        #expect(try log.score().unresolved.count == 1)
        try log.record("resolution", ItemResolution(item: "a2", answer: .init(value: "B"), reason: "抽查两个病区，护理记录部分缺失"), by: "lead")
        score = try log.score()
        #expect(score.group.isComplete)
        #expect(score.unresolved.isEmpty)
        #expect(score.disagreements.first?.resolution?.reason == "抽查两个病区，护理记录部分缺失")
        #expect(score.group.tiers[0].overall.description == "77.7%")
        #expect(score.group.meets(.basic) == true)
    }

    @Test("a changed answer replaces the member's earlier one; answers from outside the group are not counted")
    func laterAnswersReplace() throws {
        var log = FoldedLog()
        let hash = try log.store(SmallChecklist.checklist)
        try log.record("group", GroupFormed(checklist: hash, members: ["lead", "m2"], leader: "lead"), by: "coordinator")
        try log.answer(SmallChecklist.allMet, by: "lead")
        try log.answer(SmallChecklist.allMet, by: "outsider")
        try log.record("answer", ItemAnswer(item: "a1", answer: .init(value: "no", note: "执照过期")), by: "lead")
        let score = try log.score()
        #expect(score.members[1].score.items.allSatisfy { $0.answer == nil })
        #expect(score.group.meets(.basic) == false)
        #expect(score.group.reasons(for: .basic) == ["critical item a1 not met"])
    }

    @Test("a new group starts a new round; the archive keeps the shortfalls of each completed round")
    func roundsAndArchive() throws {
        var log = FoldedLog()
        let hash = try log.store(SmallChecklist.checklist)
        try log.record("group", GroupFormed(checklist: hash, members: ["lead", "m2"], leader: "lead"), by: "coordinator")
        try log.answer(SmallChecklist.answers(["b2": .init(value: "no")]), by: "lead")
        #expect(log.state.archive(of: log.caseID, for: .townshipHealthCentre).map(\.item.id) == ["b2"])
        try log.record("rectification-plan", RectificationPlan(round: 1, item: "b2", measure: "签订一体化管理协议", responsible: "院长", deadline: "2022-06-30"), by: "staff")
        #expect(log.state.archive(of: log.caseID, for: .townshipHealthCentre).first?.status == "planned, due 2022-06-30, not yet verified")
        try log.record("rectification-verified", RectificationNote(round: 1, item: "b2", note: "协议已签订"), by: "m2")
        #expect(log.state.archive(of: log.caseID, for: .townshipHealthCentre).allSatisfy { $0.isClosed })

        try log.record("group", GroupFormed(checklist: hash, members: ["lead2", "m3"], leader: "lead2"), by: "coordinator")
        #expect(try log.score().round.number == 2)
        #expect(try log.score().group.open.count == 8)
        // The first round's shortfall stays in the archive, closed; the open round adds none yet.
        #expect(log.state.archive(of: log.caseID, for: .townshipHealthCentre).map { "\($0.round) \($0.item.id) \($0.isClosed)" } == ["1 b2 true"])
    }
}

@Suite("The plugin lets go of a finished case")
struct ForgettingTests {
    @Test("forgetting a case drops its rounds and figures, and no other case's; the stored checklist stays")
    func forgetDropsOneCase() throws {
        var log = FoldedLog()
        let hash = try log.store(SmallChecklist.checklist)
        try log.record("group", GroupFormed(checklist: hash, members: ["lead", "m2"], leader: "lead"), by: "coordinator")
        try log.answer(SmallChecklist.answers(["b2": .init(value: "no")]), by: "lead")
        try log.record("rectification-plan", RectificationPlan(round: 1, item: "b2", measure: "签订一体化管理协议", responsible: "院长", deadline: "2022-06-30"), by: "staff")
        try log.record("figures", InstitutionFigures(figures: ["beds": 20]), by: "staff")
        #expect(log.state.archive(of: log.caseID, for: .townshipHealthCentre).map(\.item.id) == ["b2"])

        var another = log.state
        log.plugin.forget("bs/2", in: &another)
        #expect(another.currentRound(of: log.caseID) != nil)
        #expect(another.figures[log.caseID] == ["beds": 20])

        log.plugin.forget(log.caseID, in: &log.state)
        #expect(log.state.currentRound(of: log.caseID) == nil)
        #expect(log.state.figures[log.caseID] == nil)
        #expect(log.state.archive(of: log.caseID, for: .townshipHealthCentre).isEmpty)
        #expect(log.state.checklists[hash] != nil)
    }
}
