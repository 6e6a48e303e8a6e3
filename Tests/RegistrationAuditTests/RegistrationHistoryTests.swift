import AssayCore
import AssayDemo
import AssayHistory
import AssayTestSupport
import Foundation
import RegistrationAudit
import Testing

@Suite("Registration outcomes as history, and the guard on applying")
struct RegistrationHistoryTests {
    static func day(_ n: Double) -> Date { DemoScenario.start.addingTimeInterval(n * 86_400) }

    /// An engine on the real flows with the plugins, and 焦西社区卫生服务中心's case opened.
    func engine() async throws -> (InMemoryEventStore, Engine, Institution) {
        let store = InMemoryEventStore()
        let engine = Engine(library: FlowLibrary(try DefinitionLoader().loadAll([Repository.workflows]).map(\.definition)),
                            plugins: try ChecklistReviews.host(), store: store)
        let institution = try #require(Jiaozuo.institution(named: "焦西社区卫生服务中心"))
        try await engine.open("bs/1", institution: institution, flow: "basic-standard", by: DemoCast.institution(institution), at: Self.day(0))
        return (store, engine, institution)
    }

    func audit(_ institution: Institution, legalPerson: Bool, on engine: Engine, at date: Date) async throws {
        let file = try BuiltInRules.file()
        let rules = try file.content.decode(as: RegistrationRules.self)
        let hash = try await engine.storeDataFile(file, by: DemoCast.cityCommission, at: date)
        let registration = DemoRegistrations.registration(of: institution, rules: rules, legalPerson: legalPerson)
        try await engine.record(try DemoRegistrations.audits(of: [(institution, registration)], rules: rules, hash: hash.hex, by: DemoCast.cityCommission), at: date)
    }

    func submit(_ engine: Engine, _ institution: Institution, day: Double) async throws -> CaseState {
        try await engine.take("submit", on: "bs/1", by: DemoCast.institution(institution), inputs: ["self-assessment": "s"], at: Self.day(day))
    }

    @Test("applying is refused until the registration is compliant, naming why; the later audit supersedes the earlier")
    func guardOnApplying() async throws {
        let (store, engine, institution) = try await engine()
        let unaudited = await #expect(throws: TransitionError.self) { try await submit(engine, institution, day: 1) }
        #expect(unaudited?.description.contains("no registration audit of 焦西社区卫生服务中心 (410802-001) is recorded") == true)

        try await audit(institution, legalPerson: false, on: engine, at: Self.day(1))
        let decision = RegistrationDecision(outcome: .rectify, deadline: "2022-04-30", note: "限期补齐法人证书")
        try await engine.record(PluginRecord(plugin: RegistrationAudit.name, type: "decision", by: DemoCast.countyCommission(institution.region),
                                             value: try RecordValue(encoding: decision)), about: "institution:410802-001", at: Self.day(2))
        let rectifying = await #expect(throws: TransitionError.self) { try await submit(engine, institution, day: 3) }
        #expect(rectifying?.description.hasSuffix("must have independent legal-person status; supply the certificate); it must be rectified by 2022-04-30") == true,
                "\(String(describing: rectifying))")

        try await audit(institution, legalPerson: true, on: engine, at: Self.day(20))
        #expect(try await submit(engine, institution, day: 21).stage == "initial-review")
        let replay = try await Replayer(store: store, plugins: try ChecklistReviews.host()).run()
        #expect(replay.isConsistent, "\(replay.divergences)")
    }

    @Test("a rectification deadline that passes is decided not-evaluated by tick, once")
    func deadlineByTick() async throws {
        let (store, engine, institution) = try await engine()
        try await audit(institution, legalPerson: false, on: engine, at: Self.day(1))
        let decision = RegistrationDecision(outcome: .rectify, deadline: "2022-03-10", note: "限期补齐法人证书")
        try await engine.record(PluginRecord(plugin: RegistrationAudit.name, type: "decision", by: DemoCast.countyCommission(institution.region),
                                             value: try RecordValue(encoding: decision)), about: "institution:410802-001", at: Self.day(2))
        // 2022-03-10 ends at 2022-03-10T23:59:59.999+08:00: day 9 is 2022-03-10T09:00+08:00.
        #expect(try await engine.tick(now: Self.day(9)).isEmpty)
        #expect(try await store.subjectsDue(at: Timestamp(Self.day(10)))?.contains("institution:410802-001") == true)
        let fired = try await engine.tick(now: Self.day(10))
        #expect(fired.count == 1)
        guard case .recorded(let record)? = fired.first?.body else { Issue.record("tick wrote no record"); return }
        #expect(fired.first?.subject == "institution:410802-001")
        #expect(record.by == .system)
        #expect(try record.value.decode(as: RegistrationDecision.self) == RegistrationDecision(outcome: .notEvaluated, note: "the rectification deadline 2022-03-10 passed"))
        #expect(try await engine.tick(now: Self.day(11)).isEmpty)
        #expect(try await store.subjectsDue(at: Timestamp(Self.day(400)))?.contains("institution:410802-001") == false, "not-evaluated closes the deadline")
        let refused = await #expect(throws: TransitionError.self) { try await submit(engine, institution, day: 12) }
        #expect(refused?.description.hasSuffix("decided: not-evaluated") == true)
        #expect(try await Replayer(store: store, plugins: try ChecklistReviews.host()).run().isConsistent)
    }

    @Test("the deadline index keeps an open rectification deadline as the records are appended, a compliant audit closes it, and a rebuilt index finds it again")
    func deadlineIndex() async throws {
        let (store, engine, institution) = try await engine()
        let subject: Subject = "institution:410802-001"
        func due(_ day: Double) async throws -> [Subject]? { try await store.subjectsDue(at: Timestamp(Self.day(day)))?.filter { !$0.isCase } }
        try await audit(institution, legalPerson: false, on: engine, at: Self.day(1))
        #expect(try await due(400) == [], "findings alone set no deadline")
        let decision = RegistrationDecision(outcome: .rectify, deadline: "2022-03-10", note: "限期补齐法人证书")
        try await engine.record(PluginRecord(plugin: RegistrationAudit.name, type: "decision", by: DemoCast.countyCommission(institution.region),
                                             value: try RecordValue(encoding: decision)), about: subject, at: Self.day(2))
        #expect(try await due(9) == [])
        #expect(try await due(10) == [subject])

        // Events copied in from elsewhere leave the index incomplete; the next tick rebuilds it
        // from the registration audit's records and still fires on time.
        let noted = Event(subject: Subject(kind: "note", id: "1"), sequence: 1, at: Timestamp(Self.day(3)),
                          body: .recorded(PluginRecord(plugin: "p", type: "t", by: .system, value: .string("x"))))
        try await store.append([noted], expectedVersion: 0)
        #expect(try await due(10) == nil)
        #expect(try await engine.tick(now: Self.day(9)).isEmpty)
        #expect(try await due(10) == [subject], "rebuilt from the log")

        try await audit(institution, legalPerson: true, on: engine, at: Self.day(5))
        #expect(try await due(400) == [], "a compliant audit closes the deadline")
        #expect(try await engine.tick(now: Self.day(10)).isEmpty)
    }

    @Test("a decision is checked before it is written, whether it comes as a record or as the value it was encoded from")
    func decisionsAreChecked() async throws {
        let (store, engine, _) = try await engine()
        let size = try await store.logSize()
        let decision = RegistrationDecision(outcome: .rectify, note: "n")
        let record = PluginRecord(plugin: RegistrationAudit.name, type: "decision", by: DemoCast.cityCommission, value: try RecordValue(encoding: decision))
        let refusal = RecordError.malformed(plugin: "registration-audit", type: "decision", problem: "a rectify decision needs a deadline")
        await #expect(throws: refusal) { try await engine.record(record, about: "institution:410802-001", at: Self.day(1)) }
        // The value itself is judged by the kind's rules; a value of another type is read from its record.
        let encoded = try SubjectRecord(subject: "institution:410802-001", plugin: RegistrationAudit.name, type: "decision", by: DemoCast.cityCommission,
                                        encoding: decision)
        #expect(encoded == SubjectRecord(subject: "institution:410802-001", record: record))
        await #expect(throws: refusal) { try await engine.record([encoded], at: Self.day(1)) }
        let otherType = try SubjectRecord(subject: "institution:410802-001", plugin: RegistrationAudit.name, type: "decision", by: DemoCast.cityCommission,
                                          encoding: ["outcome": "rectify", "note": "n"])
        await #expect(throws: refusal) { try await engine.record([otherType], at: Self.day(1)) }
        #expect(try await store.logSize() == size)
    }
}

extension RegistrationHistoryTests {
    @Test("registration code checks the authority's division against the rules' GB/T 2260 directory, saying which part is wrong")
    func codeDivisions() async throws {
        let host = try ChecklistReviews.host()
        let command = try #require(host.command(named: "registration"))
        let unknown = try #require(SocialCreditCode.make(authority: "1", category: "2", division: "990000", organizationBody: "47300222"))
        let known = try #require(SocialCreditCode.make(authority: "1", category: "2", division: "410882", organizationBody: "47300222"))
        let context = PluginCommand.Context(arguments: ["code", unknown.text, known.text], host: host) { _ in throw StoreError.missing("no store") }
        let refused = await #expect(throws: (any Error).self) { try await command.run(context) }
        let words = String(describing: try #require(refused))
        #expect(words.hasPrefix("1 of 2 codes invalid:"), "\(words)")
        #expect(words.contains("\(unknown.text): characters 3 to 8 name division 990000, which is not a division of the directory (GB/T 2260) of registration-rules 2022"))
        #expect(words.contains("\(known.text): valid"))
    }

    @Test("a batch with an unreadable row records nothing; a readable batch records every row's audit, the failing ones too")
    func batchRecording() async throws {
        let (store, engine, institution) = try await engine()
        let host = try ChecklistReviews.host()
        let command = try #require(host.command(named: "registration"))
        func run(_ arguments: [String]) async throws -> String {
            try await command.run(PluginCommand.Context(arguments: arguments, host: host) { _ in engine })
        }
        let rules = try BuiltInRules.rules()
        let good = DemoRegistrations.registration(of: institution, rules: rules)
        let row = { (id: String, legalPerson: String) in
            [id, good.code, good.name, good.category, good.county, good.ownership, good.nature, legalPerson, good.practiceSubjects.joined(separator: ";")].joined(separator: ",")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-registration-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("batch.csv")
        let acting = ["--actor", "commission@410800", "--role", "city-coordinator", "--for", "region:410800", "--at", "2022-03-02T09:00:00+08:00"]
        try Data(([BatchAudit.columns.joined(separator: ","), row("410802-001", "yes"), row("410802-009", "perhaps")].joined(separator: "\n") + "\n").utf8).write(to: file)
        let before = store.logSize()
        let refused = await #expect(throws: (any Error).self) { try await run(["audit", file.path, "--record"] + acting) }
        #expect(String(describing: try #require(refused)).hasSuffix("nothing was recorded: 1 row could not be read"))
        #expect(store.logSize() == before)

        try Data(([BatchAudit.columns.joined(separator: ","), row("410802-001", "yes"), row("410802-009", "no")].joined(separator: "\n") + "\n").utf8).write(to: file)
        let failing = await #expect(throws: (any Error).self) { try await run(["audit", file.path, "--record"] + acting) }
        #expect(String(describing: try #require(failing)).hasSuffix("2 rows: 1 compliant, 1 not\nrecorded 2 audits"))
        let state = try #require(try await engine.currentPluginStates().state(of: RegistrationAudit.self))
        #expect(state.standing(of: "410802-001") != .notAudited)
        guard case .nonCompliant(let findings, nil) = state.standing(of: "410802-009") else { Issue.record("410802-009 should await a decision"); return }
        #expect(findings.map(\.field) == ["legal-person"])
    }
}
