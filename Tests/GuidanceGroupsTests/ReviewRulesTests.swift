import AssayCore
import AssayDemo
import AssayHistory
import AssayTestSupport
import Coordinators
import Foundation
import GuidanceGroups
import IntegrityRecords
import Testing

/// A case at on-site review with its checklist stored, and the records the experts write on it.
struct ReviewUnderRules {
    let reviewed: ReviewedEngine
    let institution: Institution
    let checklist: Checklist
    let hash: String
    static let leader = DemoCast.cityExpert(group: 2)
    static let member = DemoCast.cityExpert(group: 2, 2)
    static let outsider = DemoCast.cityExpert(group: 2, 3)

    init() async throws {
        reviewed = try ReviewedEngine()
        (_, institution) = try await reviewed.caseAtOnsiteReview()
        let file = try BuiltInData.file(kind: "checklist", id: "community-health-service-centre")
        checklist = try file.content.decode(as: Checklist.self)
        hash = try await reviewed.engine.storeDataFile(file, by: DemoCast.cityCommission, at: ReviewedEngine.date(day: 3)).hex
    }

    /// Writes one of the plugin's records about the case on `day`, through the engine.
    @discardableResult
    func record(_ type: String, _ value: some Encodable, by actor: Actor, day: Double) async throws -> Event {
        try await reviewed.engine.record(PluginRecord(plugin: GuidanceGroups.name, type: type, by: actor, value: try RecordValue(encoding: value)),
                                         about: "bs/1", at: ReviewedEngine.date(day: 0).addingTimeInterval(day * 86_400))
    }

    func form(_ members: [Actor], leader: Actor = Self.leader, reason: String? = nil, day: Double = 4) async throws {
        try await record("group", GroupFormed(checklist: hash, members: members.map(\.id), leader: leader.id, reason: reason), by: DemoCast.cityCommission, day: day)
    }

    /// `actor` answers every applicable item as met, except `findings` (item → value).
    func answerAll(by actor: Actor, except findings: [String: String] = [:], day: Double = 4.1) async throws {
        let records = try checklist.items.filter { $0.applies(to: institution.type) }.map { item in
            let answer = findings[item.id].map { DemoReview.answer($0, note: "现场核查", for: item) } ?? DemoReview.met(item)
            return PluginRecord(plugin: GuidanceGroups.name, type: "answer", by: actor, value: try RecordValue(encoding: ItemAnswer(item: item.id, answer: answer)))
        }
        try await reviewed.engine.record(records, about: "bs/1", at: ReviewedEngine.date(day: 0).addingTimeInterval(day * 86_400))
    }

    func answer(_ item: String, _ value: String, by actor: Actor, day: Double) async throws {
        try await record("answer", ItemAnswer(item: item, answer: DemoReview.answer(value, note: "现场核查", for: try #require(checklist.item(item)))), by: actor, day: day)
    }

    func resolve(_ item: String, _ value: String, by actor: Actor = Self.leader, day: Double) async throws {
        let answer = DemoReview.answer(value, note: "组长裁定", for: try #require(checklist.item(item)))
        try await record("resolution", ItemResolution(item: item, answer: answer, reason: "组长裁定"), by: actor, day: day)
    }

    func score() async throws -> GroupScore {
        let states = try await reviewed.engine.currentPluginStates()
        let guidance = try #require(states.state(of: GuidanceGroups.self))
        let round = try #require(guidance.currentRound(of: "bs/1"))
        return try #require(guidance.score(round, of: institution, integrity: states.state(of: IntegrityRecords.self)))
    }

    /// Records an integrity record about `expert`.
    func declare(_ record: IntegrityRecord, about expert: Actor, day: Double) async throws {
        try await reviewed.engine.record(PluginRecord(plugin: IntegrityRecords.name, type: "expert-record", by: expert, value: try RecordValue(encoding: record)),
                                         about: Subject(kind: "expert", id: expert.id), at: ReviewedEngine.date(day: 0).addingTimeInterval(day * 86_400))
    }

    /// Expects `write` to be refused in these words, writing nothing.
    func expectRefusal(_ reason: String, sourceLocation: SourceLocation = #_sourceLocation, _ write: () async throws -> Void) async throws {
        let before = reviewed.store.logSize()
        let error = await #expect(throws: RecordError.self, sourceLocation: sourceLocation) { try await write() }
        #expect(error?.description == "refused: " + reason, sourceLocation: sourceLocation)
        #expect(reviewed.store.logSize() == before, sourceLocation: sourceLocation)
    }

    func replay() async throws -> Replayer.Report {
        try await Replayer(store: reviewed.store, plugins: reviewed.host).run()
    }
}

@Suite("The group's finding is earned: who may form, answer and resolve, and when")
struct ReviewRulesTests {
    @Test("a leader resolves only a disagreement that stands; a member's later answer reopens the item and the critical failure decides")
    func resolutionOnlyOfAStandingDisagreement() async throws {
        let review = try await ReviewUnderRules()
        try await review.form([ReviewUnderRules.leader, ReviewUnderRules.member])
        try await review.answerAll(by: ReviewUnderRules.leader)
        try await review.answerAll(by: ReviewUnderRules.member)
        try await review.expectRefusal("nobody disagrees on item 2.9 (answers: yes by \(ReviewUnderRules.leader.id), yes by \(ReviewUnderRules.member.id)); a leader resolves only a disagreement that stands") {
            try await review.resolve("2.9", "yes", day: 4.2)
        }
        try await review.answer("2.9", "no", by: ReviewUnderRules.member, day: 4.3)
        try await review.resolve("2.9", "yes", day: 4.4)
        #expect(try await review.score().group.meets(.basic) == true)
        // Both now find the critical item not met: the resolution no longer applies.
        try await review.answer("2.9", "no", by: ReviewUnderRules.leader, day: 4.5)
        let score = try await review.score()
        #expect(score.round.reopened.map(\.resolution.item) == ["2.9"])
        #expect(score.group.meets(.basic) == false)
        #expect(score.group.reasons(for: .basic).contains("critical item 2.9 not met"))
        await #expect(throws: TransitionError.self) {
            try await review.reviewed.engine.take("onsite-pass", on: "bs/1", by: ReviewUnderRules.leader, at: ReviewedEngine.date(day: 5))
        }
        let shown = try await PluginCommands(reviewed: review.reviewed).run("review", ["show", "bs/1"])
        #expect(shown.contains("★ basic: not met — critical item 2.9 not met"), "\(shown)")
        #expect(shown.contains("  2.9: resolved yes (组长裁定); reopened by \(ReviewUnderRules.leader.id)'s answer"), "\(shown)")
        #expect(try await review.replay().isConsistent)
    }

    @Test("experts reviewer-eligible would refuse cannot form, answer or resolve, in the guard's words; a conflict declared later sets their answers aside")
    func eligibility() async throws {
        let review = try await ReviewUnderRules()
        let conflicted = DemoCast.cityExpert(group: 2, 4)
        let conflict = IntegrityRecord(id: "C-1", kind: .conflict, description: "亲属任职", date: "2022-03-01", institution: review.institution.id)
        try await review.declare(conflict, about: conflicted, day: 3.1)
        let suspended = DemoCast.cityExpert(group: 2, 5)
        try await review.declare(IntegrityRecord(id: "S-1", kind: .suspension, description: "暂停评审资格", date: "2022-01-01"), about: suspended, day: 3.2)
        let words = "\(conflicted.id) declared a conflict of interest with \(review.institution.id): C-1 (亲属任职)"
        try await review.expectRefusal("the group cannot be formed: " + words) {
            try await review.form([conflicted, ReviewUnderRules.member], leader: conflicted)
        }
        try await review.expectRefusal("the group cannot be formed: \(suspended.id) is suspended: S-1 from 2022-01-01 (暂停评审资格)") {
            try await review.form([ReviewUnderRules.leader, suspended])
        }

        try await review.form([ReviewUnderRules.leader, ReviewUnderRules.member])
        try await review.answerAll(by: ReviewUnderRules.leader)
        try await review.answerAll(by: ReviewUnderRules.member, except: ["2.9": "no"])
        #expect(try await review.score().unresolved.map(\.item) == ["2.9"])
        // The member declares a conflict: their answers stop counting, and they may answer no more.
        try await review.declare(IntegrityRecord(id: "C-2", kind: .conflict, description: "曾在该院兼职", date: "2022-03-05", institution: review.institution.id),
                                 about: ReviewUnderRules.member, day: 4.5)
        let score = try await review.score()
        #expect(score.setAside.map(\.member) == [ReviewUnderRules.member.id])
        #expect(score.unresolved.isEmpty)
        try await review.expectRefusal("\(ReviewUnderRules.member.id) declared a conflict of interest with \(review.institution.id): C-2 (曾在该院兼职)") {
            try await review.answer("1.1", "yes", by: ReviewUnderRules.member, day: 4.6)
        }
        try await review.expectRefusal("nobody disagrees on item 2.9 (answers: yes by \(ReviewUnderRules.leader.id)); a leader resolves only a disagreement that stands") {
            try await review.resolve("2.9", "no", day: 4.7)
        }
        // The guard refuses the conflicted expert in the same words.
        let refused = await #expect(throws: TransitionError.self) {
            try await review.reviewed.engine.take("onsite-pass", on: "bs/1", by: ReviewUnderRules.member, at: ReviewedEngine.date(day: 5))
        }
        #expect(refused?.description.contains("reviewer-eligible failed: " + "\(ReviewUnderRules.member.id) declared a conflict of interest with \(review.institution.id): C-2 (曾在该院兼职)") == true)
        #expect(try await review.replay().isConsistent)
    }

    @Test("only members answer, only the group's leader takes the on-site decision")
    func membershipAndLeadership() async throws {
        let review = try await ReviewUnderRules()
        try await review.form([ReviewUnderRules.leader, ReviewUnderRules.member])
        try await review.expectRefusal("\(ReviewUnderRules.outsider.id) is not in the group of case bs/1 (round 1): \(ReviewUnderRules.leader.id), \(ReviewUnderRules.member.id)") {
            try await review.answer("1.1", "yes", by: ReviewUnderRules.outsider, day: 4.1)
        }
        try await review.answerAll(by: ReviewUnderRules.leader)
        try await review.answerAll(by: ReviewUnderRules.member)
        let refused = await #expect(throws: TransitionError.self) {
            try await review.reviewed.engine.take("onsite-pass", on: "bs/1", by: ReviewUnderRules.outsider, at: ReviewedEngine.date(day: 5))
        }
        #expect(refused?.description == "action 'onsite-pass' is not allowed: assigned-reviewer failed: \(ReviewUnderRules.outsider.id) is not one of the reviewers assigned to case bs/1 (\(ReviewUnderRules.leader.id), assignment test-bs/1); group-leader failed: \(ReviewUnderRules.outsider.id) does not lead the group of case bs/1 (round 1); its leader is \(ReviewUnderRules.leader.id)")
        let passed = try await review.reviewed.engine.take("onsite-pass", on: "bs/1", by: ReviewUnderRules.leader, at: ReviewedEngine.date(day: 5))
        #expect(passed.stage == "achieved")
        // After the decision the stage scores no checklist: no more answers.
        try await review.expectRefusal("case bs/1 is in stage achieved, which scores no checklist; groups are formed and answer during an on-site review or a recheck") {
            try await review.answer("1.1", "no", by: ReviewUnderRules.leader, day: 6)
        }
    }

    @Test("a new round needs a reason and says what it supersedes")
    func newRoundNeedsAReason() async throws {
        let review = try await ReviewUnderRules()
        try await review.form([ReviewUnderRules.leader, ReviewUnderRules.member])
        try await review.answerAll(by: ReviewUnderRules.leader, day: 4.1)
        try await review.expectRefusal("case bs/1 already has round 1 (leader \(ReviewUnderRules.leader.id)); a new group supersedes it and needs a reason: an appeal, a recheck, a member replaced") {
            try await review.form([ReviewUnderRules.leader, ReviewUnderRules.outsider], day: 4.2)
        }
        let output = try await PluginCommands(reviewed: review.reviewed).run("review", [
            "form", "bs/1", "--checklist", "community-health-service-centre", "--leader", ReviewUnderRules.leader.id, "--member", ReviewUnderRules.outsider.id,
            "--reason", "组员更换", "--actor", "commission@410800", "--role", "city-coordinator", "--for", "region:410800", "--at", "2022-03-05T12:00:00+08:00"])
        #expect(output.contains("round 2"))
        #expect(output.contains("it supersedes round 1 (leader \(ReviewUnderRules.leader.id); \(review.checklist.items.filter { $0.applies(to: review.institution.type) }.count) answers set aside): 组员更换"), "\(output)")
    }

    @Test("the shipped flows have assigned reviewers at the on-site review, and the group must include the team assigned to the case")
    func groupIncludesTheAssignedTeam() async throws {
        let text = try String(contentsOfFile: Repository.workflows + "/basic-standard.yaml", encoding: .utf8)
        let flow = try DefinitionLoader().load(Array(text.utf8), file: "basic-standard.yaml").definition
        #expect(flow.assignedReviewers == ["onsite-review", "recheck"])
        let host = try ChecklistReviews.host()
        let store = InMemoryEventStore()
        let engine = Engine(library: FlowLibrary([flow]), plugins: host, store: store)
        let institution = try #require(Jiaozuo.institution(named: "焦西社区卫生服务中心"))
        let day = { (n: Double) in ReviewedEngine.date(day: 0).addingTimeInterval(n * 86_400) }
        try await engine.open("bs/1", institution: institution, flow: "basic-standard", by: DemoCast.institution(institution), at: day(0))
        try await ChecklistReviews.register(institution, engine: engine, at: day(0))
        try await engine.take("submit", on: "bs/1", by: DemoCast.institution(institution), inputs: ["self-assessment": "s"], at: day(1))
        try await engine.take("initial-pass", on: "bs/1", by: DemoCast.countyExpert(institution.region), inputs: ["decision": "pass"], at: day(2))
        try await engine.take("refer-to-city", on: "bs/1", by: DemoCast.countyCommission(institution.region), at: day(3))
        let checklist = try BuiltInData.file(kind: "checklist", id: "community-health-service-centre")
        let hash = try await engine.storeDataFile(checklist, by: DemoCast.cityCommission, at: day(3)).hex
        let leader = ReviewUnderRules.leader, member = ReviewUnderRules.member, assigned = DemoCast.countyExpert(RegionCode("410882")!, 2)
        func form(_ members: [Actor]) async throws {
            try await engine.record(PluginRecord(plugin: GuidanceGroups.name, type: "group", by: DemoCast.cityCommission,
                                                 value: try RecordValue(encoding: GroupFormed(checklist: hash, members: members.map(\.id), leader: leader.id))),
                                    about: "bs/1", at: day(4))
        }
        let unassigned = await #expect(throws: RecordError.self) { try await form([leader, member]) }
        #expect(unassigned?.description == "refused: only the reviewers assigned to case bs/1 act in stage onsite-review, and none are assigned for this stay; a coordinator assigns the team with `assay assign` before the group is formed")
        let team = TeamAssigned(assignment: "2022-03-1", stage: "onsite-review", seats: [.init(seat: "clinical", expert: leader.id), .init(seat: "care", expert: assigned.id)])
        try await engine.record(PluginRecord(plugin: Coordinators.name, type: AssignmentRecords.team, by: DemoCast.cityCommission, value: try RecordValue(encoding: team)),
                                about: "bs/1", at: day(3.5))
        let partial = await #expect(throws: RecordError.self) { try await form([leader, member]) }
        #expect(partial?.description == "refused: the group of case bs/1 must include the team assigned to it (assignment 2022-03-1); it leaves out \(assigned.id)")
        try await form([leader, assigned, member])
        #expect(try await Replayer(store: store, plugins: host).run().isConsistent)
    }

    @Test("replay re-checks every record: one the rules forbid, written straight to the store, is a divergence")
    func replayRefusesForbiddenRecords() async throws {
        let review = try await ReviewUnderRules()
        try await review.form([ReviewUnderRules.leader, ReviewUnderRules.member])
        try await review.answerAll(by: ReviewUnderRules.leader)
        let state = try await review.reviewed.engine.state(of: "bs/1")
        let answer = ItemAnswer(item: "1.1", answer: AnswerValue(value: "yes"))
        let forged = Event(subject: "bs/1", sequence: state.version + 1, at: Timestamp(ReviewedEngine.date(day: 4).addingTimeInterval(7200)), body: .recorded(PluginRecord(
            plugin: GuidanceGroups.name, type: "answer", by: ReviewUnderRules.outsider, value: try RecordValue(encoding: answer))))
        try await review.reviewed.store.append([forged], expectedVersion: state.version)
        let report = try await review.replay()
        #expect(report.divergences.map(\.sequence) == [forged.sequence])
        #expect(report.divergences.first?.reason == "the record does not hold: refused: \(ReviewUnderRules.outsider.id) is not in the group of case bs/1 (round 1): \(ReviewUnderRules.leader.id), \(ReviewUnderRules.member.id)")
    }
}
