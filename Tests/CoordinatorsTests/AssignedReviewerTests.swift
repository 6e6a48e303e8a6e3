import AssayCore
import Coordinators
import Foundation
import Testing

@Suite("Assigned reviewers only")
struct AssignedReviewerTests {
    static func flow(assignedReviewers: String) -> String {
        """
        id: assigned
        version: 1
        title: { zh: 名, en: Assigned reviewers }
        roles:
          institution: { title: { zh: 名, en: Institution } }
          city-expert: { title: { zh: 名, en: City expert } }
        start: application
        \(assignedReviewers)
        stages:
          application:
            title: { zh: 名, en: Application }
            actions:
              submit: { title: { zh: 名, en: Submit }, by: { role: institution, level: institution }, to: onsite-review }
          onsite-review:
            title: { zh: 名, en: On-site review }
            actions:
              onsite-pass: { title: { zh: 名, en: Pass }, by: { role: city-expert, level: city }, to: achieved }
              send-back: { title: { zh: 名, en: Send back }, by: { role: city-expert, level: city }, to: application }
          achieved: { title: { zh: 名, en: Achieved }, terminal: true }
        """
    }

    static let institution = Institution(id: "410882-001", name: "常平乡卫生院", region: RegionCode("410882")!)
    static let staff = Actor(id: "staff", role: "institution", jurisdiction: .institution("410882-001"))
    static func expert(_ id: String) -> Actor { Actor(id: id, role: "city-expert", jurisdiction: .region(RegionCode("410800")!)) }
    static let coordinator = Actor(id: "commission@410800", role: "city-coordinator", jurisdiction: .region(RegionCode("410800")!))

    @Test("with assigned-reviewers, the engine refuses anyone but the case's assigned reviewers, and a reviewer who declined")
    func engineRefusesOthers() async throws {
        let loaded = try DefinitionLoader().load(Array(Self.flow(assignedReviewers: "assigned-reviewers: [onsite-review]").utf8), file: "assigned.yaml")
        let host = try PluginHost([Coordinators()])
        #expect(Validator(plugins: host).validate(loaded).filter { $0.severity == .error }.isEmpty)
        let engine = Engine(library: FlowLibrary([loaded.definition]), plugins: host, store: InMemoryEventStore())
        let id = CaseID("assigned/410882-001")
        let day = Date(timeIntervalSince1970: 1_677_632_400)
        _ = try await engine.open(id, institution: Self.institution, flow: "assigned", by: Self.staff, at: day)
        _ = try await engine.take("submit", on: id, by: Self.staff, at: day)
        await #expect { try await engine.take("onsite-pass", on: id, by: Self.expert("E1"), at: day) } throws: { "\($0)".contains("has no review team assigned") }
        let team = TeamAssigned(assignment: "2023-03-1", stage: "onsite-review", seats: [.init(seat: "clinical", expert: "E1"), .init(seat: "care", expert: "E2")])
        _ = try await engine.record(PluginRecord(plugin: Coordinators.name, type: AssignmentRecords.team, by: Self.coordinator, value: try RecordValue(encoding: team)), about: id, at: day)
        _ = try await engine.record(PluginRecord(plugin: Coordinators.name, type: AssignmentRecords.declined, by: Self.coordinator,
                                                 value: try RecordValue(encoding: TeamDeclined(expert: "E1", reason: "illness"))), about: id, at: day)
        await #expect { try await engine.take("onsite-pass", on: id, by: Self.expert("E3"), at: day) } throws: { "\($0)".contains("E3 is not one of the reviewers assigned") }
        await #expect { try await engine.take("onsite-pass", on: id, by: Self.expert("E1"), at: day) } throws: { "\($0)".contains("E1 is not one of the reviewers assigned") }
        let state = try await engine.take("onsite-pass", on: id, by: Self.expert("E2"), at: day)
        #expect(state.stage == "achieved")
    }

    @Test("a team assigned for an earlier stay in the stage does not act in a later one: the new review needs a new assignment")
    func teamOfAnEarlierStay() async throws {
        let loaded = try DefinitionLoader().load(Array(Self.flow(assignedReviewers: "assigned-reviewers: [onsite-review]").utf8), file: "assigned.yaml")
        let engine = Engine(library: FlowLibrary([loaded.definition]), plugins: try PluginHost([Coordinators()]), store: InMemoryEventStore())
        let id = CaseID("assigned/410882-001")
        let hour = { (n: Double) in Date(timeIntervalSince1970: 1_677_632_400 + n * 3_600) }
        func assign(_ experts: [String], _ assignment: String, at time: Date) async throws {
            let team = TeamAssigned(assignment: assignment, stage: "onsite-review", seats: zip(["clinical", "care"], experts).map { .init(seat: $0, expert: $1) })
            _ = try await engine.record(PluginRecord(plugin: Coordinators.name, type: AssignmentRecords.team, by: Self.coordinator, value: try RecordValue(encoding: team)),
                                        about: id, at: time)
        }
        _ = try await engine.open(id, institution: Self.institution, flow: "assigned", by: Self.staff, at: hour(0))
        _ = try await engine.take("submit", on: id, by: Self.staff, at: hour(0))
        try await assign(["E1", "E2"], "2023-03-1", at: hour(1))
        _ = try await engine.take("send-back", on: id, by: Self.expert("E2"), at: hour(2))
        _ = try await engine.take("submit", on: id, by: Self.staff, at: hour(3))
        await #expect { try await engine.take("onsite-pass", on: id, by: Self.expert("E2"), at: hour(4)) } throws: {
            "\($0)".contains("case \(id) has no review team assigned for its stay at onsite-review")
        }
        try await assign(["E3", "E4"], "2023-03-2", at: hour(5))
        #expect(try await engine.take("onsite-pass", on: id, by: Self.expert("E3"), at: hour(6)).stage == "achieved")
    }

    @Test("a commission none of whose cases waits for a team is told so without a directory being read; a case waiting without one is refused with what to import")
    func nothingWaitingReadsNoDirectory() async throws {
        let text = Self.flow(assignedReviewers: "").replacingOccurrences(of: "title: { zh: 名, en: On-site review }",
                                                                      with: "title: { zh: 名, en: On-site review }\n    uses: { team-rule: [city-on-site] }")
        let loaded = try DefinitionLoader().load(Array(text.utf8), file: "assigned.yaml")
        let engine = Engine(library: FlowLibrary([loaded.definition]), plugins: try PluginHost([Coordinators()]), store: InMemoryEventStore())
        let (id, city) = (CaseID("assigned/410882-001"), RegionCode("410800")!)
        let day = Date(timeIntervalSince1970: 1_677_632_400)
        _ = try await engine.open(id, institution: Self.institution, flow: "assigned", by: Self.staff, at: day)
        let applying = try await TeamAssigner(engine: engine, inside: city, at: day)
        #expect(applying.assignments.isEmpty && applying.directory == nil)
        _ = try await engine.take("submit", on: id, by: Self.staff, at: day)
        await #expect { try await TeamAssigner(engine: engine, inside: city, at: day) } throws: { "\($0)".contains("the log holds no directory snapshot; import one") }
        let team = TeamAssigned(assignment: "2023-03-1", stage: "onsite-review", seats: [.init(seat: "clinical", expert: "E1"), .init(seat: "care", expert: "E2")])
        _ = try await engine.record(PluginRecord(plugin: Coordinators.name, type: AssignmentRecords.team, by: Self.coordinator, value: try RecordValue(encoding: team)),
                                    about: id, at: day)
        let staffed = try await TeamAssigner(engine: engine, inside: city, at: day)
        #expect(staffed.assignments.isEmpty && staffed.directory == nil)
    }

    @Test("assigned-reviewers is validated: its stages exist, have a reviewer's action, and a plugin provides the guard")
    func validated() throws {
        let missing = try DefinitionLoader().load(Array(Self.flow(assignedReviewers: "assigned-reviewers: [onsite-reveiw, achieved]").utf8), file: "assigned.yaml")
        let messages = Validator(plugins: try PluginHost([Coordinators()])).validate(missing).map(\.message)
        #expect(messages.contains { $0.contains("'onsite-reveiw', which is not defined") && $0.contains("onsite-review") })
        #expect(messages.contains { $0.contains("stage 'achieved' has no action a role takes") })
        let valid = try DefinitionLoader().load(Array(Self.flow(assignedReviewers: "assigned-reviewers: [onsite-review]").utf8), file: "assigned.yaml")
        #expect(Validator(plugins: try PluginHost([])).validate(valid).contains { $0.message.contains("no loaded plugin provides guard 'assigned-reviewer'") })
    }
}
