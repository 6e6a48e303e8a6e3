import AssayCore
import AssayTestSupport
import Coordinators
import Foundation
import Testing

@Suite("Review-team assignment")
struct AssignmentTests {
    /// Two counties of one city (A = 110101, B = 110102) and one of another city (110201);
    /// institution I1 in A. C1 (clinical, from B) is always eligible; X (nursing) is the only
    /// candidate for the care seat, unless a row's change makes a rule exclude them.
    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var x = "X,110102,,city,nursing,2"
        var c1 = "C1,110102,,city,clinical,2"
        var groups = "G1101,city,110101;110102,C1;X"
        var conflicts = ""
        var rule = TeamRule.sharedAssignment
        var constraints = AssignmentProblem.Constraints()
        var feasible = false
        /// What `objections` says of X on the care seat; nil where no single seat rule excludes X.
        var objection: String?
    }

    static func problem(_ row: Case) throws -> AssignmentProblem {
        let files = Directory.Files(
            regions: "code,level,name,parent_code\n110000,province,P,\n110100,city,C,110000\n110200,city,D,110000\n110101,county,A,110100\n110102,county,B,110100\n110201,county,E,110200\n",
            institutions: "institution_id,county_code\nI1,110101\nI2,110102\n",
            experts: "expert_id,home_county,home_institution,level,specialties,capacity\n\(row.c1)\n\(row.x)\n",
            groups: "group_id,level,covers,members\n\(row.groups)\n",
            conflicts: "expert_id,institution_id\n\(row.conflicts)")
        let directory = try #require(Directory.read(files).directory, "\(Directory.read(files).problems)")
        return AssignmentProblem(directory: directory, rule: row.rule, teams: [.init(institution: 0, seated: [nil, nil])], constraints: row.constraints)
    }

    static let rules: [Case] = {
        var rows: [Case] = [Case(description: "no rule excludes X", feasible: true)]
        rows.append(Case(description: "jurisdiction: no group of X covers A", groups: "G1101,city,110101;110102,C1\nG1102,city,110102,X", objection: "no city or province group of theirs covers county 110101"))
        rows.append(Case(description: "jurisdiction: X's group is provincial, the rule takes city groups", groups: "G1101,city,110101;110102,C1\nG11,province,110101;110102,X",
                         rule: TeamRule(id: "city", seats: TeamRule.sharedAssignment.seats, groupLevels: ["city"], expertLevels: ["county", "city", "province"], avoidHomeCounty: true),
                         objection: "no city group of theirs covers county 110101"))
        rows.append(Case(description: "home county avoided", x: "X,110101,,city,nursing,2", objection: "home county"))
        rows.append(Case(description: "home county allowed when the rule says so", x: "X,110101,,city,nursing,2",
                         rule: TeamRule(id: "near", seats: TeamRule.sharedAssignment.seats, groupLevels: ["city"], expertLevels: ["city"], avoidHomeCounty: false), feasible: true))
        rows.append(Case(description: "own institution, even without county avoidance", x: "X,110101,I1,city,nursing,2",
                         rule: TeamRule(id: "near", seats: TeamRule.sharedAssignment.seats, groupLevels: ["city"], expertLevels: ["city"], avoidHomeCounty: false), objection: "own institution"))
        rows.append(Case(description: "declared conflict in the directory", conflicts: "X,I1\n", objection: "declared conflict"))
        var conflict = AssignmentProblem.Constraints()
        conflict.conflicts = [("X", "I1")]
        rows.append(Case(description: "declared conflict in the integrity records", constraints: conflict, objection: "declared conflict"))
        var county = AssignmentProblem.Constraints()
        county.countyConflicts = [("X", "110101")]
        rows.append(Case(description: "conflict with the whole county", constraints: county, objection: "declared conflict with the county"))
        var suspended = AssignmentProblem.Constraints()
        suspended.unavailable = ["X"]
        rows.append(Case(description: "suspension", constraints: suspended, objection: "suspended or barred by the integrity records"))
        rows.append(Case(description: "no capacity", x: "X,110102,,city,nursing,0"))
        var loaded = AssignmentProblem.Constraints()
        loaded.loads = ["X": 2]
        rows.append(Case(description: "capacity used by earlier assignments in the period", constraints: loaded))
        rows.append(Case(description: "level the rule does not take", rule: TeamRule(id: "senior", seats: TeamRule.sharedAssignment.seats, groupLevels: ["city"],
                                                                                      expertLevels: ["province"], avoidHomeCounty: true),
                         objection: "a city-level expert; the rule takes province"))
        rows.append(Case(description: "no specialty of the seat", x: "X,110102,,city,public-health,2", objection: "no specialty of the care seat (nursing or infection-control)"))
        rows.append(Case(description: "one expert never takes both seats", x: "X,110102,,city,clinical;nursing,2", c1: "C1,110102,,city,tcm,2"))
        return rows
    }()

    @Test("each rule is honoured: the one candidate it excludes leaves the seat empty", arguments: rules)
    func eachRule(_ row: Case) throws {
        let problem = try Self.problem(row)
        if row.feasible {
            let assignment = try TeamAssignment.solve(problem)
            #expect(assignment.teams == [["C1", "X"]])
            #expect(assignment.maxLoad == 1)
        } else {
            #expect(throws: AssignmentShortfall.self) { try TeamAssignment.solve(problem) }
            if let objection = row.objection { #expect(problem.objections(expert: "X", seat: 1, team: 0).contains(objection)) }
        }
    }

    @Test("a team rule's mistakes are reported at their line and column, and every built-in rule loads")
    func teamRuleErrors() throws {
        let text = """
            id: broken
            version: "1"
            title: { zh: 坏, en: Broken }
            seats:
              - { name: clinical, specialties: [clinical] }
              - { name: clinical, specialties: [nursing, dentistry] }
            group-levels: [county]
            expert-levels: [village]
            avoid-home-county: true

            """
        let host = try PluginHost([Coordinators()])
        let (file, errors) = try host.loadDataFile(plugin: Coordinators.name, kind: "team-rule", bytes: Array(text.utf8), file: "rule.yaml")
        #expect(file == nil)
        #expect(errors.map(\.description) == [
            "rule.yaml:6:13: seats[1].name: two seats are named 'clinical'",
            "rule.yaml:6:36: seats[1].specialties: 'dentistry' is not a specialty; specialties: clinical, nursing, infection-control, public-health, tcm, management",
            "rule.yaml:7:15: group-levels: groups are city or province, not 'county'",
            "rule.yaml:8:16: expert-levels: experts are county, city or province, not 'village'",
        ])
        #expect(try BuiltInTeamRules.rules().map(\.id).sorted() == ["city-on-site", "province-on-site"])
    }

    @Test("the least maximum load and the least travel equal a brute-force search on random small instances")
    func optimalOnSmallInstances() throws {
        var generator = SeededGenerator(seed: 20261130)
        var feasible = 0
        for round in 0..<60 {
            let problem = try Self.randomProblem(&generator)
            let best = Self.bruteForce(problem)
            if let best {
                feasible += 1
                let solved = try TeamAssignment.solve(problem)
                #expect(solved.maxLoad == best.maxLoad, "round \(round)")
                #expect(solved.travel == best.travel, "round \(round)")
                for (team, members) in solved.teams.enumerated() {
                    #expect(Set(members).count == members.count)
                    for (seat, expert) in members.enumerated() { #expect(problem.objections(expert: expert, seat: seat, team: team).isEmpty, "round \(round)") }
                }
            } else {
                #expect(throws: AssignmentShortfall.self, "round \(round)") { try TeamAssignment.solve(problem) }
            }
        }
        #expect(feasible >= 15 && feasible <= 45, "both kinds of instance are drawn: \(feasible) of 60 feasible")
    }

    @Test("an infeasible instance names the counties, seats, experts and capacity of the cut")
    func infeasibleExplained() throws {
        // Three institutions in A; the only care expert can take two.
        let files = Directory.Files(
            regions: "code,level,name,parent_code\n110000,province,P,\n110100,city,C,110000\n110101,county,A,110100\n110102,county,B,110100\n",
            institutions: "institution_id,county_code\nI1,110101\nI2,110101\nI3,110101\n",
            experts: "expert_id,home_county,home_institution,level,specialties,capacity\nC1,110102,,city,clinical,5\nN1,110102,,city,nursing,2\nN2,110101,,city,nursing,9\n",
            groups: "group_id,level,covers,members\nG1101,city,110101;110102,C1;N1;N2\n",
            conflicts: "expert_id,institution_id\n")
        let directory = try #require(Directory.read(files).directory)
        let problem = AssignmentProblem(directory: directory, rule: .sharedAssignment, teams: (0..<3).map { .init(institution: $0, seated: [nil, nil]) })
        let shortfall = try #require(throws: AssignmentShortfall.self) { try TeamAssignment.solve(problem) }
        #expect(shortfall.unfilled == 1)
        let seats = try #require(shortfall.seats.first)
        #expect(shortfall.seats.count == 1)
        #expect((seats.county, seats.seat, seats.count, seats.homeCountyExperts, seats.conflicts) == ("110101", "care", 3, 1, 0))
        #expect(shortfall.experts == ["N1"])
        #expect(shortfall.capacity == 2)
        #expect(shortfall.description.contains("110101 care (3)"))
        #expect(shortfall.description.contains("home-county avoidance keeps out 1 expert"))
    }

    @Test("a seat blocked by a decline is put down to the decline, not to a declared conflict")
    func shortfallOfDeclines() throws {
        // One institution; its only care expert declined it, and nobody declared a conflict.
        let files = Directory.Files(
            regions: "code,level,name,parent_code\n110000,province,P,\n110100,city,C,110000\n110101,county,A,110100\n110102,county,B,110100\n",
            institutions: "institution_id,county_code\nI1,110101\n",
            experts: "expert_id,home_county,home_institution,level,specialties,capacity\nC1,110102,,city,clinical,5\nN1,110102,,city,nursing,5\n",
            groups: "group_id,level,covers,members\nG1101,city,110101;110102,C1;N1\n",
            conflicts: "expert_id,institution_id\n")
        let directory = try #require(Directory.read(files).directory)
        var constraints = AssignmentProblem.Constraints()
        constraints.declines = [("N1", "I1")]
        let problem = AssignmentProblem(directory: directory, rule: .sharedAssignment, teams: [.init(institution: 0, seated: ["C1", nil])], constraints: constraints)
        #expect(problem.objections(expert: "N1", seat: 1, team: 0) == ["declined this case"])
        let shortfall = try #require(throws: AssignmentShortfall.self) { try TeamAssignment.solve(problem) }
        let seats = try #require(shortfall.seats.first)
        #expect((seats.conflicts, seats.declines) == (0, 1))
        #expect(shortfall.description.contains("declines keep out 1 expert-team pairs"), "\(shortfall.description)")
        #expect(!shortfall.description.contains("declared conflicts"), "\(shortfall.description)")
    }

    @Test("the committed small preset is what ../shared/assignment/generate.py makes of seed 7",
          .enabled(if: Repository.shared != nil, "../shared is not beside the project: the fixture is not compared with its generator"))
    func fixtureMatchesTheGenerator() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-preset-\(UUID().uuidString)")
        let generator = try #require(Repository.shared).appendingPathComponent("assignment/generate.py").path
        let generated = try Subprocess.run("/usr/bin/env", ["python3", generator, "--seed", "7", "--out", folder.path, "--preset", "small"])
        #expect(generated.status == 0, "\(generated.errors)")
        for name in ["regions.csv", "institutions.csv", "experts.csv", "groups.csv", "conflicts.csv", "instance.json"] {
            #expect(try Data(contentsOf: folder.appendingPathComponent(name)) == Data(contentsOf: DrawTests.fixture.appendingPathComponent(name)), "\(name)")
        }
    }

    @Test("the small preset: the assignment and its certificate pass the independent verify.py of ../shared/assignment",
          .enabled(if: Repository.shared != nil, "../shared is not beside the project: the cross-check with its independent verify.py is skipped"))
    func sharedVerifierAccepts() throws {
        let folder = try DrawTests.pool()
        let files = try Directory.Files(
            regions: String(contentsOf: folder.appendingPathComponent("regions.csv"), encoding: .utf8),
            institutions: String(contentsOf: folder.appendingPathComponent("institutions.csv"), encoding: .utf8),
            experts: String(contentsOf: folder.appendingPathComponent("experts.csv"), encoding: .utf8),
            groups: String(contentsOf: folder.appendingPathComponent("groups.csv"), encoding: .utf8),
            conflicts: String(contentsOf: folder.appendingPathComponent("conflicts.csv"), encoding: .utf8))
        let directory = try #require(Directory.read(files).directory)
        let problem = AssignmentProblem(directory: directory, rule: .sharedAssignment, teams: directory.institutions.indices.map { .init(institution: $0, seated: [nil, nil]) })
        let solved = try TeamAssignment.solve(problem)
        let certificate = try #require(solved.certificate)
        #expect(certificate.needed == 2 * directory.institutions.count)
        let solution = "institution_id,clinical_expert,care_expert\n" + zip(directory.institutions, solved.teams).map { "\($0.id),\($1[0]),\($1[1])\n" }.joined()
        try solution.write(to: folder.appendingPathComponent("solution.csv"), atomically: true, encoding: .utf8)
        let cut: [String: Any] = ["max_load": certificate.maxLoad, "max_flow": certificate.filled, "slots_needed": certificate.needed,
                                  "source_side_slots": certificate.seats.map { [$0.institution, $0.seat] }, "source_side_experts": certificate.experts]
        try JSONSerialization.data(withJSONObject: cut).write(to: folder.appendingPathComponent("certificate.json"))
        let verifier = try #require(Repository.shared).appendingPathComponent("assignment/verify.py").path
        let result = try Subprocess.run("/usr/bin/env", ["python3", verifier, folder.path, folder.appendingPathComponent("solution.csv").path,
                                                         "--certificate", folder.appendingPathComponent("certificate.json").path,
                                                         "--max-load", "\(solved.maxLoad)", "--travel", "\(solved.travel)"])
        #expect(result.status == 0, "\(result.output)\(result.errors)")
        #expect(result.output.contains("verified"))
    }

    @Test("a recorded assignment verifies; one changed field does not")
    func verification() throws {
        let problem = try Self.problem(Case(description: "base"))
        let solved = try TeamAssignment.solve(problem)
        let made = AssignmentMade(directory: "d", rule: problem.rule, period: "2023-03", cases: ["c"], maxLoad: solved.maxLoad, travel: solved.travel)
        let team = TeamAssigned(assignment: "a", stage: "onsite-review", seats: zip(problem.rule.seats, solved.teams[0]).map { .init(seat: $0.name, expert: $1) })
        #expect(AssignmentVerification(made, teams: [team], problem: problem).passed)
        var travel = made
        travel.travel += 1
        #expect(!AssignmentVerification(travel, teams: [team], problem: problem).passed)
        var load = made
        load.maxLoad = 2
        #expect(!AssignmentVerification(load, teams: [team], problem: problem).passed)
        var swapped = team
        swapped.seats[1].expert = "C1"
        let failed = AssignmentVerification(made, teams: [swapped], problem: problem)
        #expect(!failed.passed)
        #expect(failed.checks.contains { !$0.passed && $0.text.contains("one expert holds two seats") })
    }

    // MARK: - Random instances and a brute force

    static func randomProblem(_ generator: inout SeededGenerator) throws -> AssignmentProblem {
        let institutions = Int.random(in: 1...3, using: &generator)
        let experts = Int.random(in: 3...6, using: &generator)
        let kinds = ["clinical", "clinical", "nursing", "infection-control", "clinical;nursing", "clinical;infection-control", "tcm"]
        var expertRows: [String] = []
        for e in 0..<experts {
            let home = ["110101", "110102", "110201"].randomElement(using: &generator)!
            expertRows.append("E\(e),\(home),,city,\(kinds.randomElement(using: &generator)!),\(Int.random(in: 1...3, using: &generator))")
        }
        let conflicts = (0..<Int.random(in: 0...2, using: &generator)).map { _ in "E\(Int.random(in: 0..<experts, using: &generator)),I\(Int.random(in: 0..<institutions, using: &generator))" }
        let files = Directory.Files(
            regions: "code,level,name,parent_code\n110000,province,P,\n110100,city,C,110000\n110200,city,D,110000\n110101,county,A,110100\n110102,county,B,110100\n110201,county,E,110200\n",
            institutions: "institution_id,county_code\n" + (0..<institutions).map { "I\($0),\(["110101", "110102"].randomElement(using: &generator)!)\n" }.joined(),
            experts: "expert_id,home_county,home_institution,level,specialties,capacity\n" + expertRows.joined(separator: "\n") + "\n",
            groups: "group_id,level,covers,members\nG11,province,110101;110102;110201,\((0..<experts).map { "E\($0)" }.joined(separator: ";"))\n",
            conflicts: "expert_id,institution_id\n" + Set(conflicts).sorted().joined(separator: "\n") + "\n")
        let directory = try #require(Directory.read(files).directory, "\(Directory.read(files).problems)")
        return AssignmentProblem(directory: directory, rule: .sharedAssignment, teams: (0..<institutions).map { .init(institution: $0, seated: [nil, nil]) })
    }

    /// The least (maximum load, travel) over every valid assignment, by enumeration.
    static func bruteForce(_ problem: AssignmentProblem) -> (maxLoad: Int, travel: Int)? {
        let experts = problem.directory.experts
        var best: (Int, Int)?
        var load = [Int](repeating: 0, count: experts.count)
        func city(_ county: String) -> String { problem.directory.city(of: county) }
        func place(_ team: Int, _ travel: Int) {
            guard team < problem.teams.count else {
                let candidate = (load.max() ?? 0, travel)
                if best.map({ candidate < $0 }) ?? true { best = candidate }
                return
            }
            let county = problem.directory.institutions[problem.teams[team].institution].county
            for a in experts.indices where problem.objections(expert: experts[a].id, seat: 0, team: team).isEmpty && load[a] < experts[a].capacity {
                for b in experts.indices where b != a && problem.objections(expert: experts[b].id, seat: 1, team: team).isEmpty && load[b] < experts[b].capacity {
                    load[a] += 1; load[b] += 1
                    let moved = [a, b].filter { city(experts[$0].homeCounty) != city(county) }.count
                    place(team + 1, travel + moved)
                    load[a] -= 1; load[b] -= 1
                }
            }
        }
        place(0, 0)
        return best.map { (maxLoad: $0.0, travel: $0.1) }
    }
}

/// A small deterministic generator (SplitMix64), so every run draws the same instances.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
