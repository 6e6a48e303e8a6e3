import AssayCore
import AssayDemo
import AssayHistory
import Coordinators
import Foundation
import GuidanceGroups
import IntegrityRecords
import RegistrationAudit

/// The guidance-groups plugin's cost: scoring a large checklist from three experts' answers, and
/// replaying cases whose on-site outcome a scored checklist decides against replaying the same
/// number of cases decided by a typed-in decision.
struct ChecklistBenchmark {
    let workflows: String
    let engineFlows: String
    let cases: Int

    static let items = 200

    /// A checklist of `items` items in five sections, of every scored kind.
    static func checklist() -> Checklist {
        let levels: [ChecklistItem.Level] = [.init(name: "A", points: 4), .init(name: "B", points: 3), .init(name: "C", points: 2), .init(name: "D", points: 0)]
        let sections = (1...5).map { s in
            Checklist.Section(id: "s\(s)", title: LocalizedText(zh: "第\(s)部分", en: "Part \(s)"), items: (1...items / 5).map { i in
                let id = "\(s).\(i)"
                let text = LocalizedText(zh: "条目\(id)", en: "Item \(id)")
                let tier: ChecklistTier = i % 3 == 0 ? .recommended : .basic
                switch i % 4 {
                case 0: return ChecklistItem(id: id, text: text, kind: .levels, tier: tier, weight: 2, levels: levels)
                case 1: return ChecklistItem(id: id, text: text, kind: .number, tier: tier, allowsNotApplicable: true,
                                             range: .init(min: 0, max: 1000), meets: .init(atLeast: 10))
                case 2: return ChecklistItem(id: id, text: text, kind: .choice, tier: tier, options: ["x", "y", "z"], meeting: ["y", "z"])
                default: return ChecklistItem(id: id, text: text, tier: tier, critical: i % 10 == 3, notMetNeeds: [.note])
                }
            })
        }
        return Checklist(id: "bench", version: "1", title: LocalizedText(zh: "基准", en: "Benchmark"), institutionTypes: [.townshipHealthCentre],
                         pass: PassRules(basic: PassRule(overall: 80, sections: ["s1": 70]), recommended: PassRule(overall: 85)), sections: sections)
    }

    /// The plugin's state after three experts answered every item (the third dissenting on every
    /// tenth) and the leader resolved the dissents: its one round.
    static func answeredRound(_ checklist: Checklist) throws -> (GuidanceGroupsState, ReviewRound) {
        let plugin = GuidanceGroups()
        var state = plugin.initialState
        let file = StoredDataFile(plugin: GuidanceGroups.name, kind: "checklist", file: "bench.yaml", content: try RecordValue(encoding: checklist))
        let at = Timestamp(DemoScenario.start)
        let caseID: CaseID = "bench"
        let host = try PluginHost([plugin])
        plugin.fold(&state, try CheckedRecord(storing: file), about: Subject(kind: DataFileKind.recordType, id: file.hash.hex), at: at)
        let experts = ["e1", "e2", "e3"].map { Actor(id: $0, role: "city-expert", jurisdiction: .region(Jiaozuo.city)) }
        func record(_ type: String, _ value: some Encodable, by actor: Actor) throws {
            let record = PluginRecord(plugin: GuidanceGroups.name, type: type, by: actor, value: try RecordValue(encoding: value))
            plugin.fold(&state, try host.check(record, about: caseID), about: caseID, at: at)
        }
        try record("group", GroupFormed(checklist: file.hash.hex, members: experts.map(\.id), leader: "e1"), by: .system)
        for (index, expert) in experts.enumerated() {
            for (position, item) in checklist.items.enumerated() {
                var answer = DemoReview.met(item)
                if index == 2, position % 10 == 0, item.kind == .levels || item.kind == .choice { answer.value = item.kind == .levels ? "B" : "y" }
                try record("answer", ItemAnswer(item: item.id, answer: answer), by: expert)
            }
        }
        for (position, item) in checklist.items.enumerated() where position % 10 == 0 {
            try record("resolution", ItemResolution(item: item.id, answer: DemoReview.met(item), reason: "核实"), by: experts[0])
        }
        return (state, state.currentRound(of: caseID)!)
    }

    /// Scores per run, and the time of each run: the group's result as the guards compute it,
    /// and with each member's result as `assay review show` prints them.
    func scoring(repetitions: Int) throws -> (scores: Int, group: Measurement, withMembers: Measurement) {
        let checklist = Self.checklist()
        let (_, round) = try Self.answeredRound(checklist)
        let scores = 2_000
        var met = 0
        let group = Measurement.run("group", repetitions: repetitions) {
            for _ in 0..<scores where GroupScore(round, checklist: checklist, for: .townshipHealthCentre).group.meets(.recommended) == true {
                met += 1
            }
        }
        let withMembers = Measurement.run("members", repetitions: repetitions) {
            for _ in 0..<scores {
                let score = GroupScore(round, checklist: checklist, for: .townshipHealthCentre)
                met += score.members.filter { $0.score.meets(.basic) == true }.count
            }
        }
        precondition(met > 0, "the benchmark's checklist should score as met")
        return (scores, group, withMembers)
    }

    /// Replays of `cases` cases reviewed by groups of three on the built-in checklist (their
    /// institutions' registrations audited first), and of as many cases decided by typed-in
    /// decisions: name, events, time.
    func replays(repetitions: Int) async throws -> [(String, Int, Measurement)] {
        let host = try PluginHost([GuidanceGroups(), RegistrationAudit(), IntegrityRecords(), Coordinators()])
        let rulesFile = try BuiltInRules.file()
        let rules = try rulesFile.content.decode(as: RegistrationRules.self)
        let reviewed = InMemoryEventStore()
        let engine = Engine(library: FlowLibrary(try DefinitionLoader().loadAll([workflows]).map(\.definition)), plugins: host, store: reviewed)
        let plain = InMemoryEventStore()
        let decided = Engine(library: FlowLibrary(try DefinitionLoader().loadAll([engineFlows]).map(\.definition)), store: plain)
        let file = try BuiltInData.file(kind: "checklist", id: "township-health-centre")
        let checklist = try file.content.decode(as: Checklist.self)
        let townships = Jiaozuo.institutions.filter { $0.type == .townshipHealthCentre }
        for index in 0..<cases {
            let institution = townships[index % townships.count]
            let id = CaseID("case-\(index)")
            let day = { (n: Double) in DemoScenario.start.addingTimeInterval(n * 86_400) }
            for (engine, pluginGuarded) in [(engine, true), (decided, false)] {
                try await engine.open(id, institution: institution, flow: "basic-standard", by: DemoCast.institution(institution), at: day(0))
                if pluginGuarded {
                    let hash = try await engine.storeDataFile(rulesFile, by: DemoCast.cityCommission, at: day(0))
                    let registration = DemoRegistrations.registration(of: institution, rules: rules)
                    try await engine.record(try DemoRegistrations.audits(of: [(institution, registration)], rules: rules, hash: hash.hex, by: DemoCast.cityCommission), at: day(0))
                }
                try await engine.take("submit", on: id, by: DemoCast.institution(institution), inputs: ["self-assessment": "自评达标"], at: day(1))
                try await engine.take("initial-pass", on: id, by: DemoCast.countyExpert(institution.region), inputs: ["decision": "pass"], at: day(2))
                try await engine.take("refer-to-city", on: id, by: DemoCast.countyCommission(institution.region), at: day(3))
                if pluginGuarded {
                    let hash = try await engine.storeDataFile(file, by: DemoCast.cityCommission, at: day(3))
                    let team = [DemoCast.cityExpert(group: 1), DemoCast.cityExpert(group: 1, 2)]
                    let assigned = TeamAssigned(assignment: "bench", stage: "onsite-review",
                                                seats: zip(TeamRule.sharedAssignment.seats, team).map { TeamAssigned.Seat(seat: $0.name, expert: $1.id) })
                    try await engine.record(PluginRecord(plugin: Coordinators.name, type: AssignmentRecords.team, by: DemoCast.cityCommission,
                                                         value: try RecordValue(encoding: assigned)), about: id, at: day(4))
                    let review = DemoReview(checklist: checklist.id, joining: [DemoCast.countyExpert(institution.region, 2)])
                    let records = try review.records(team: team, checklist: checklist, hash: hash.hex, for: institution.type, formedBy: DemoCast.cityCommission)
                    try await engine.record(records.map { PluginRecord(plugin: GuidanceGroups.name, type: $0.1, by: $0.0, value: $0.2) }, about: id, at: day(4))
                    try await engine.take("onsite-pass", on: id, by: DemoCast.cityExpert(group: 1), at: day(5))
                } else {
                    try await engine.take("onsite-pass", on: id, by: DemoCast.cityExpert(group: 1), inputs: ["decision": "pass", "score": "92"], at: day(5))
                }
            }
        }
        var results: [(String, Int, Measurement)] = []
        // What replay spends per record on decoding its value alone: the same records' values
        // decoded as the plugin's kind check and fold each do.
        let records: [RecordValue] = reviewed.entries(from: 1, limit: .max).compactMap { entry in
            guard case .recorded(let record)? = try? Event(canonical: entry.body).body, record.type == "answer" else { return nil }
            return record.value
        }
        let decoding = try Measurement.run("decoding", repetitions: repetitions) {
            for value in records { _ = try value.decode(as: ItemAnswer.self) }
        }
        results.append(("decoding answer values once (JSONDecoder)", records.count, decoding))
        for (name, store, plugins) in [("replay, decisions typed in", plain, PluginHost.none), ("replay, outcomes from scored checklists", reviewed, host)] {
            let measurement = try await Measurement.run(name, repetitions: repetitions) {
                let report = try await Replayer(store: store, plugins: plugins).run()
                precondition(report.isConsistent, "\(report.divergences.prefix(3))")
                return report
            }
            results.append((name, store.logSize(), measurement))
        }
        return results
    }
}
