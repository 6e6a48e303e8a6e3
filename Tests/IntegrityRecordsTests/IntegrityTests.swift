import AssayCore
import AssayDemo
import AssayHistory
import AssayTestSupport
import Foundation
import IntegrityRecords
import Testing

/// An engine on the real flows with every plugin, 赵和镇卫生院's case opened and its registration
/// audited compliant.
struct IntegrityHarness {
    let store = InMemoryEventStore()
    let host: PluginHost
    let engine: Engine
    let institution = Jiaozuo.institution(named: "赵和镇卫生院")!

    static func day(_ n: Double) -> Date { DemoScenario.start.addingTimeInterval(n * 86_400) }

    init() async throws {
        host = try ChecklistReviews.host()
        engine = Engine(library: FlowLibrary(try DefinitionLoader().loadAll([Repository.workflows]).map(\.definition)), plugins: host, store: store)
        try await engine.open("bs/1", institution: institution, flow: "basic-standard", by: DemoCast.institution(institution), at: Self.day(0))
        try await ChecklistReviews.register(institution, engine: engine, at: Self.day(0))
    }

    /// Runs `assay integrity …` on this engine.
    func integrity(_ arguments: [String]) async throws -> String {
        let command = try #require(host.command(named: "integrity"))
        let engine = engine
        return try await command.run(PluginCommand.Context(arguments: arguments, host: host) { _ in engine })
    }

    static func acting(day: Int) -> [String] {
        ["--actor", "commission@410800", "--role", "city-coordinator", "--for", "region:410800",
         "--at", ISO8601DateFormatter().string(from: Self.day(Double(day)))]
    }

    func submit(day: Double) async throws -> CaseState {
        try await engine.take("submit", on: "bs/1", by: DemoCast.institution(institution), inputs: ["self-assessment": "s"], at: Self.day(day))
    }

    func initialPass(by expert: Actor, day: Double) async throws -> CaseState {
        try await engine.take("initial-pass", on: "bs/1", by: expert, inputs: ["decision": "pass"], at: Self.day(day))
    }
}

@Suite("Integrity records and the guards they decide")
struct IntegrityTests {
    @Test("a substantiated violation removes the institution's eligibility for the period the rules set; a later version supersedes it")
    func institutionEligibility() async throws {
        let harness = try await IntegrityHarness()
        _ = try await harness.integrity(["record", "institution:410883-001", "--kind", "violation", "--id", "V-1", "--description", "赠送礼品",
                                         "--date", "2022-03-01", "--finding", "substantiated"] + IntegrityHarness.acting(day: 0))
        let refused = await #expect(throws: TransitionError.self) { try await harness.submit(day: 1) }
        #expect(refused?.description.contains("institution-eligible failed: 赵和镇卫生院 lost its eligibility: violation V-1 of 2022-03-01 (赠送礼品) weighs for 365 days under integrity-rules 2022") == true,
                "\(String(describing: refused))")
        // On appeal the finding is overturned: a new version of V-1, the old one kept.
        let superseded = try await harness.integrity(["record", "institution:410883-001", "--kind", "violation", "--id", "V-1", "--description", "赠送礼品（申诉后复核）",
                                                      "--date", "2022-03-01", "--finding", "unsubstantiated"] + IntegrityHarness.acting(day: 2))
        #expect(superseded == "recorded violation V-1 about institution:410883-001, superseding its earlier version")
        #expect(try await harness.submit(day: 3).stage == "initial-review")
        let shown = try await harness.integrity(["show", "institution:410883-001"])
        #expect(shown.contains("V-1: violation, 2022-03-01, unsubstantiated — 赠送礼品（申诉后复核）"))
        #expect(shown.contains("  superseded: "))
        #expect(try await Replayer(store: harness.store, plugins: harness.host).run().isConsistent)
    }

    @Test("a violation stops weighing when its period ends")
    func periodEnds() async throws {
        let harness = try await IntegrityHarness()
        _ = try await harness.integrity(["record", "institution:410883-001", "--kind", "violation", "--id", "V-2", "--description", "d",
                                         "--date", "2021-03-01", "--finding", "substantiated"] + IntegrityHarness.acting(day: 0))
        // 2021-03-01 plus 365 days is 2022-03-01 (China Standard Time); the case opened 2022-03-01T09:00+08:00.
        #expect(try await harness.submit(day: 1).stage == "initial-review")
    }

    @Test("a conflicted or suspended expert cannot review the case; a withdrawn conflict and a lifted suspension no longer bar")
    func reviewerEligibility() async throws {
        let harness = try await IntegrityHarness()
        _ = try await harness.submit(day: 1)
        let expert = DemoCast.countyExpert(harness.institution.region)
        _ = try await harness.integrity(["record", "expert:\(expert.id)", "--kind", "conflict", "--id", "C-1", "--description", "亲属任职",
                                         "--date", "2022-03-02", "--county", "410883"] + IntegrityHarness.acting(day: 1))
        let conflicted = await #expect(throws: TransitionError.self) { try await harness.initialPass(by: expert, day: 2) }
        #expect(conflicted?.description.hasSuffix("reviewer-eligible failed: county-expert-1@410883 declared a conflict of interest with county 410883: C-1 (亲属任职)") == true,
                "\(String(describing: conflicted))")
        _ = try await harness.integrity(["record", "expert:\(expert.id)", "--kind", "conflict", "--id", "C-1", "--description", "亲属已离职",
                                         "--date", "2022-03-04", "--county", "410883", "--withdrawn"] + IntegrityHarness.acting(day: 3))
        _ = try await harness.integrity(["record", "expert:\(expert.id)", "--kind", "suspension", "--id", "S-1", "--description", "违规收受礼品，暂停评审资格",
                                         "--date", "2022-03-04", "--until", "2022-03-10"] + IntegrityHarness.acting(day: 3))
        let suspended = await #expect(throws: TransitionError.self) { try await harness.initialPass(by: expert, day: 4) }
        #expect(suspended?.description.hasSuffix("county-expert-1@410883 is suspended: S-1 from 2022-03-04 to 2022-03-10 (违规收受礼品，暂停评审资格)") == true,
                "\(String(describing: suspended))")
        #expect(try await harness.initialPass(by: expert, day: 11).stage == "city-referral")
        #expect(try await Replayer(store: harness.store, plugins: harness.host).run().isConsistent)
    }

    @Test("a long CSV file (read on every core) keeps its records and its problems in the file's order")
    func longCSV() throws {
        var lines = ["subject,kind,id,description,date,finding,institution,county,until,withdrawn,evidence"]
        for n in 1...2_000 {
            let date = n == 700 ? "2022-02-30" : "2022-02-01"
            let subject = n == 1_500 ? "hospital:\(n)" : "institution:410883-\(n)"
            lines.append("\(subject),violation,V-\(n),未按规定公示收费标准,\(date),pending,,,,,")
        }
        let read = try IntegrityCSV(lines.joined(separator: "\n"))
        #expect(read.problems == ["row 701, column date: the date is YYYY-MM-DD, not '2022-02-30'",
                                  "row 1501, column subject: is institution:ID or expert:ID, not 'hospital:1500'"])
        #expect(read.records.map(\.record.id) == (1...2_000).filter { $0 != 700 && $0 != 1_500 }.map { "V-\($0)" })
        let entries = try read.entries(by: DemoCast.cityCommission)
        #expect(entries.map(\.subject) == read.records.map(\.subject))
        #expect(try entries.map { try $0.record.value.decode(as: IntegrityRecord.self) } == read.records.map(\.record))
    }

    @Test("a CSV import refuses bad rows by row and column and writes nothing; good rows import together")
    func csvImport() async throws {
        let harness = try await IntegrityHarness()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-integrity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("records.csv")
        let header = "subject,kind,id,description,date,finding,institution,county,until,withdrawn,evidence"
        try Data("""
            \(header)
            institution:410883-001,violation,V-9,虚报数据,2022-02-01,substantiated,,,,,
            expert:county-expert-2@410883,conflict,C-9,曾在该院任职,2022-02-01,,,,,,
            hospital:1,violation,V-10,x,2022-02-01,pending,,,,,
            expert:county-expert-2@410883,suspension,S-9,暂停,2022-02-30,,,,,,

            """.utf8).write(to: file)
        let before = harness.store.logSize()
        let refusal = await #expect(throws: (any Error).self) { try await harness.integrity(["import", file.path] + IntegrityHarness.acting(day: 1)) }
        #expect(String(describing: try #require(refusal)) == """
            \(file.path): nothing was imported; 3 problems:
              row 3, column institution: a conflict names an institution or a county, one of them
              row 4, column subject: is institution:ID or expert:ID, not 'hospital:1'
              row 5, column date: the date is YYYY-MM-DD, not '2022-02-30'
            """)
        #expect(harness.store.logSize() == before)
        try Data("""
            \(header)
            institution:410883-001,violation,V-9,虚报数据,2022-02-01,substantiated,,,,,
            expert:county-expert-2@410883,conflict,C-9,曾在该院任职,2022-02-01,,410883-001,,,,

            """.utf8).write(to: file)
        #expect(try await harness.integrity(["import", file.path] + IntegrityHarness.acting(day: 1)) == "imported 2 records")
        let listed = try await harness.integrity(["list"])
        #expect(listed.hasSuffix("2 records"))
        await #expect(throws: TransitionError.self) { try await harness.submit(day: 2) }
    }
}
