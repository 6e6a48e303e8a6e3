import AssayCore
import AssayDemo
import AssayTestSupport
import Coordinators
import Foundation
import Testing

@Suite("assay assign on the demo data")
struct AssignCommandTests {
    static func acting(_ day: String) -> [String] {
        ["--actor", "commission@410800", "--role", "city-coordinator", "--for", "region:410800", "--at", "\(day)T09:00:00+08:00"]
    }

    @Test("teams for opened rechecks honour suspensions and declared conflicts, verify, refill a declined seat, and a forged figure fails")
    func assignOnDemo() async throws {
        let (_, engine, host) = try DirectoryTests.engine()
        _ = try await DemoScenario(engine: engine).run()
        let run = { (name: String, arguments: [String]) in try await DirectoryTests.run(name, arguments, engine: engine, host: host) }
        #expect(try await run("assign", Self.acting("2023-02-28")).contains("no case waits"))

        // 木楼卫生院 (410882-003) is the institution city-group-1-member-4 declared a conflict with.
        let cases = ["basic-standard/410882-003", "basic-standard/410883-001", "basic-standard/410821-002"].map { CaseID($0) }
        for id in cases {
            _ = try await engine.take("open-recheck", on: id, by: DemoCast.cityCommission, inputs: ["reason": "回头看"], at: ISO8601DateFormatter().date(from: "2023-03-01T09:00:00+08:00")!)
        }
        let suspended = DemoCast.countyExpert(RegionCode("410825")!, 1).id
        _ = try await run("integrity", ["record", "expert:\(suspended)", "--kind", "suspension", "--id", "S-2023-1", "--description", "under investigation",
                                        "--date", "2023-02-01", "--until", "2023-06-30"] + Self.acting("2023-03-01"))

        let output = try await run("assign", Self.acting("2023-03-02"))
        #expect(output.hasPrefix("assignment 2023-03-1: 3 teams under city-on-site"), "\(output)")
        let states = try await engine.currentPluginStates().state(of: Coordinators.self)!
        let teams = cases.map { states.teams[$0]! }
        #expect(teams.allSatisfy { $0.stage == "recheck" && $0.seats.map(\.seat) == ["clinical", "care"] })
        let members = teams.flatMap { $0.seats.compactMap(\.expert) }
        #expect(!members.contains(suspended))
        #expect(!teams[0].seats.contains { $0.expert == DemoCast.cityExpert(group: 1, 4).id })
        #expect(try await run("assign", ["verify", "2023-03-1"]).contains("assignment 2023-03-1 verifies"))

        let leaving = try #require(teams[1].seats[0].expert)
        _ = try await run("assign", ["decline", cases[1].value, "--expert", leaving, "--reason", "a conflict found late"] + Self.acting("2023-03-03"))
        let refill = try await run("assign", Self.acting("2023-03-04"))
        #expect(refill.contains("assignment 2023-03-2: 1 team") && refill.contains("(replacing \(leaving))"), "\(refill)")
        let refilled = try await engine.currentPluginStates().state(of: Coordinators.self)!.teams[cases[1]]!
        #expect(refilled.seats[1].expert == teams[1].seats[1].expert)
        #expect(refilled.seats[0].expert != nil && refilled.seats[0].expert != leaving)
        #expect(try await run("assign", ["verify", "2023-03-2"]).contains("verifies"))

        // The same assignment with one figure changed, recorded under another id, does not verify.
        var forged = try #require(states.assignments["2023-03-1"])
        forged.travel += 1
        let record = { (type: String, value: any Encodable) in
            PluginRecord(plugin: Coordinators.name, type: type, by: DemoCast.cityCommission, value: try RecordValue(encoding: value))
        }
        var entries = [SubjectRecord(subject: Subject(kind: "assignment", id: "forged"), record: try record(AssignmentRecords.made, forged))]
        for (id, team) in zip(cases, teams) {
            let seats = team.seats.map { TeamAssigned.Seat(seat: $0.seat, expert: $0.expert!) }
            entries.append(SubjectRecord(subject: id, record: try record(AssignmentRecords.team, TeamAssigned(assignment: "forged", stage: "recheck", seats: seats))))
        }
        _ = try await engine.record(entries, at: ISO8601DateFormatter().date(from: "2023-03-01T10:00:00+08:00")!)
        let refused = await #expect(throws: (any Error).self) { try await run("assign", ["verify", "forged"]) }
        #expect(String(describing: try #require(refused)).contains("FAIL travel"))
    }
}
