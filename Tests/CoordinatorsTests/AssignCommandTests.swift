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

        // A commission assigns the cases of its own region: a county's dry run plans its one case.
        let county = try await run("assign", ["--dry-run", "--actor", "commission@410883", "--role", "county-coordinator", "--for", "region:410883",
                                              "--at", "2023-03-02T09:00:00+08:00"])
        #expect(county.contains(": 1 team under") && county.contains("basic-standard/410883-001") && !county.contains("410882-003"), "\(county)")

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

    @Test("a team rule given as a file stands in for the built-in rule of its id: the teams have its seats, the assignment records it and verifies; a malformed file is refused at its line and column")
    func ruleFromFile() async throws {
        let (_, engine, host) = try DirectoryTests.engine()
        _ = try await DemoScenario(engine: engine).run()
        let run = { (name: String, arguments: [String]) in try await DirectoryTests.run(name, arguments, engine: engine, host: host) }
        _ = try await engine.take("open-recheck", on: "basic-standard/410883-001", by: DemoCast.cityCommission, inputs: ["reason": "回头看"],
                                  at: ISO8601DateFormatter().date(from: "2023-03-01T09:00:00+08:00")!)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-rule-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let lean = folder.appendingPathComponent("lean.yaml"), malformed = folder.appendingPathComponent("malformed.yaml")
        try Data(#"""
            id: city-on-site
            version: "2"
            title: { zh: 市级复查评审组（单人）, en: City recheck team (one seat) }
            seats:
              - { name: clinical, specialties: [clinical] }
            group-levels: [city]
            expert-levels: [county, city, province]
            avoid-home-county: true
            """#.utf8).write(to: lean)
        try Data("id: city-on-site\nversion: \"2\"\nseats: 3\n".utf8).write(to: malformed)

        let size = try await engine.store.logSize()
        do {
            _ = try await run("assign", ["--rule", malformed.path] + Self.acting("2023-03-02"))
            Issue.record("a malformed rule file is refused")
        } catch {
            #expect("\(error)".contains("malformed.yaml:3:8: seats: expected a list"), "\(error)")
        }
        #expect(try await engine.store.logSize() == size, "a refused rule writes nothing")

        let output = try await run("assign", ["--rule", lean.path] + Self.acting("2023-03-02"))
        #expect(output.hasPrefix("assignment 2023-03-1: 1 team under city-on-site"), "\(output)")
        let states = try await engine.currentPluginStates().state(of: Coordinators.self)!
        #expect(states.teams["basic-standard/410883-001"]?.seats.map(\.seat) == ["clinical"])
        #expect(states.assignments["2023-03-1"]?.rule.version == "2", "the assignment records the rule it used")
        #expect(try await run("assign", ["verify", "2023-03-1"]).contains("assignment 2023-03-1 verifies"))
    }
}
