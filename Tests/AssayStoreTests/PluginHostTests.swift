import AssayCore
import AssayDemo
import AssayHistory
import AssayStore
import AssayTestSupport
import Foundation
import Testing

/// The plugin host, exercised by a plugin written for the tests on every kind of store: records
/// about cases and about other subjects, their validation, a data file, guards that read the
/// folded state, a command, and the history's checks over all of it.
@Suite("The plugin host")
struct PluginHostTests {
    static let kinds = StoreKind.allCases.filter(\.isAvailable)
    static let host = try! PluginHost([FiguresPlugin()])
    static let institution = Jiaozuo.institutions[0]
    static let expert = DemoCast.countyExpert(institution.region, 1)
    static let otherExpert = DemoCast.countyExpert(institution.region, 2)
    static let start = DemoScenario.start
    static let minimumsYAML = "visits: 80000\ndoctors: 3\n"

    /// An engine on a fresh store of `kind` with a case open on the plugin's flow and the
    /// minimums file stored; the file's hash.
    static func setUp(_ kind: StoreKind) async throws -> (StoreFixture, Engine, DefinitionHash) {
        let fixture = try await StoreFixture.make(kind)
        let engine = Engine(library: FlowLibrary([FiguresPlugin.flow]), plugins: host, store: fixture.store)
        try await engine.open("c", institution: institution, flow: "figures-review", by: DemoCast.institution(institution), at: start)
        let (file, errors) = try host.loadDataFile(plugin: "figures", kind: "minimums", bytes: Array(minimumsYAML.utf8), file: "minimums.yaml")
        #expect(errors.isEmpty)
        let hash = try await engine.storeDataFile(try #require(file), by: DemoCast.cityCommission, at: start)
        return (fixture, engine, hash)
    }

    static func figure(_ name: String, _ value: Int64) throws -> PluginRecord {
        PluginRecord(plugin: "figures", type: "figure", by: DemoCast.institution(institution),
                     value: try RecordValue(encoding: FiguresPlugin.Figure(name: name, value: value)))
    }

    static func day(_ n: Double) -> Date { start.addingTimeInterval(n * 86_400) }

    @Test("guards decide from the records folded before the decision; refusals write nothing", arguments: kinds)
    func guardsReadFoldedState(_ kind: StoreKind) async throws {
        let (fixture, engine, hash) = try await Self.setUp(kind)
        try await engine.record(Self.figure("visits", 61_200), about: "c", at: Self.day(1))
        try await engine.record(Self.figure("doctors", 4), about: "c", at: Self.day(1))
        let before = try await fixture.store.logSize()
        await #expect {
            try await engine.take("approve", on: "c", by: Self.expert, inputs: ["minimums": hash.hex], at: Self.day(2))
        } throws: { error in
            (error as? TransitionError)?.description == "action 'approve' is not allowed: figures-meet-minimums failed: short: visits: 61200 of 80000"
        }
        #expect(try await fixture.store.logSize() == before)

        // The expert declares a conflict with the institution: a record about the expert.
        let conflict = PluginRecord(plugin: "figures", type: "conflict", by: Self.expert,
                                    value: try RecordValue(encoding: FiguresPlugin.Conflict(institution: Self.institution.id, reason: "亲属在该院任职")))
        try await engine.record(conflict, about: Subject(kind: "expert", id: Self.expert.id), at: Self.day(2))
        try await engine.record(Self.figure("visits", 82_000), about: "c", at: Self.day(3))
        await #expect {
            try await engine.take("approve", on: "c", by: Self.expert, inputs: ["minimums": hash.hex], at: Self.day(4))
        } throws: { error in
            (error as? TransitionError)?.description.contains("declared a conflict with \(Self.institution.id)") == true
        }
        let approved = try await engine.take("approve", on: "c", by: Self.otherExpert, inputs: ["minimums": hash.hex], at: Self.day(4))
        #expect(approved.stage == "done")

        // What the command prints, from the state folded over the whole log.
        let command = try #require(Self.host.command(named: "figures"))
        let printed = try await command.run(PluginCommand.Context(arguments: ["c"], host: engine.plugins) { _ in engine })
        #expect(printed == "doctors 4\nvisits 82000")

        // The history's checks cover the records like every event.
        let verification = try await LogVerifier(store: fixture.store).run()
        #expect(verification.isValid, "\(verification.problems)")
        // The opening, the data file, three figures, the conflict and the approval.
        #expect((verification.events, verification.cases) == (7, 1))
        let replay = try await Replayer(store: fixture.store, plugins: Self.host).run()
        #expect(replay.isConsistent, "\(replay.divergences)")
        #expect(replay.cases == 1)
        // Without the plugin, replay cannot vouch for its four records or re-take its guards.
        let unchecked = try await Replayer(store: fixture.store).run().divergences
        #expect(unchecked.count == 5)
        #expect(unchecked.last?.reason == "the rules refuse it: action 'approve' requires guard 'no-declared-conflict', which no loaded plugin provides")
    }

    @Test("a malformed record, one about the wrong subject and one of an unknown kind are refused before anything is written", arguments: kinds)
    func recordsAreValidated(_ kind: StoreKind) async throws {
        let (fixture, engine, _) = try await Self.setUp(kind)
        let size = try await fixture.store.logSize()
        let malformed = PluginRecord(plugin: "figures", type: "figure", by: DemoCast.institution(Self.institution), value: .object(["name": .string("visits")]))
        await #expect(throws: RecordError.malformed(plugin: "figures", type: "figure", problem: "the field value is missing")) {
            try await engine.record(malformed, about: "c", at: Self.day(1))
        }
        await #expect(throws: RecordError.wrongSubject(plugin: "figures", type: "figure", expected: "case", subject: "expert:x")) {
            try await engine.record(try Self.figure("visits", 1), about: "expert:x", at: Self.day(1))
        }
        var unknown = try Self.figure("visits", 1)
        unknown.type = "guess"
        await #expect(throws: RecordError.self) { try await engine.record(unknown, about: "c", at: Self.day(1)) }
        await #expect(throws: RecordError.unknownCase("no-such-case")) { try await engine.record(try Self.figure("visits", 1), about: "no-such-case", at: Self.day(1)) }
        #expect(try await fixture.store.logSize() == size)
    }

    @Test("a long batch (checked on two cores) refuses its first bad record in order and writes nothing; a good one is written in order", arguments: kinds)
    func longBatchesAreCheckedInOrder(_ kind: StoreKind) async throws {
        let (fixture, engine, _) = try await Self.setUp(kind)
        let size = try await fixture.store.logSize()
        let good = try (0..<1_000).map { SubjectRecord(subject: "c", record: try Self.figure("f\($0)", Int64($0))) }
        let malformed = PluginRecord(plugin: "figures", type: "figure", by: DemoCast.institution(Self.institution), value: .object(["name": .string("f")]))
        var bad = good
        bad[300] = SubjectRecord(subject: "c", record: malformed)
        bad[900] = SubjectRecord(subject: "expert:x", record: good[900].record)
        await #expect(throws: RecordError.malformed(plugin: "figures", type: "figure", problem: "the field value is missing")) {
            try await engine.record(bad, at: Self.day(1))
        }
        bad[300] = good[300]
        await #expect(throws: RecordError.wrongSubject(plugin: "figures", type: "figure", expected: "case", subject: "expert:x")) {
            try await engine.record(bad, at: Self.day(1))
        }
        #expect(try await fixture.store.logSize() == size)
        let written = try await engine.record(good, at: Self.day(1))
        #expect(written.map(\.sequence) == Array(2...1_001))
        #expect(written.map { event -> String? in
            guard case .recorded(let record) = event.body, case .object(let fields) = record.value, case .string(let name)? = fields["name"] else { return nil }
            return name
        } == (0..<1_000).map { "f\($0)" })
    }

    @Test("a data file is read like a flow, every error located, and stored once under its content hash", arguments: kinds)
    func dataFiles(_ kind: StoreKind) async throws {
        let (fixture, engine, hash) = try await Self.setUp(kind)
        let (_, errors) = try Self.host.loadDataFile(plugin: "figures", kind: "minimums", bytes: Array("visits: many\ndoctrs: 3\n".utf8), file: "bad.yaml")
        #expect(errors.map(\.description) == [
            "bad.yaml:1:9: visits: expected a whole number, found \"many\"",
            "bad.yaml:2:1: unknown key 'doctrs' (did you mean 'doctors'?); expected one of: visits, doctors",
        ])
        // Comments and formatting do not change the hash; storing it again writes nothing.
        let (again, _) = try Self.host.loadDataFile(plugin: "figures", kind: "minimums", bytes: Array("# 最低标准\ndoctors: 3\nvisits:   80000\n".utf8), file: "other.yaml")
        let size = try await fixture.store.logSize()
        #expect(try await engine.storeDataFile(try #require(again), by: DemoCast.cityCommission, at: Self.start) == hash)
        #expect(try await fixture.store.logSize() == size)
        #expect(try await engine.currentPluginStates().dataFiles[hash]?.file == "minimums.yaml")
    }

    @Test("records export, import and verify; one changed byte of a record is located", arguments: StoreKind.durable.filter(\.isAvailable))
    func recordsAreHistory(_ kind: StoreKind) async throws {
        let (fixture, engine, _) = try await Self.setUp(kind)
        try await engine.record(Self.figure("visits", 61_200), about: "c", at: Self.day(1))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plugin-export-\(UUID().uuidString).jsonl")
        #expect(FileManager.default.createFile(atPath: folder.path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: folder.path))
        try await LogExport.write(from: fixture.store, to: handle)
        try handle.close()
        let copy = InMemoryEventStore()
        #expect(try await LogExport.load(try Data(contentsOf: folder), into: copy) == 3)
        #expect(copy.entries(from: 1, limit: 10) == (try await fixture.store.entries(from: 1, limit: 10)))
        #expect(try await Replayer(store: copy, plugins: Self.host).run().isConsistent)

        try await fixture.execute(kind == .sqlite ? "DROP TRIGGER event_is_append_only_update" : "ALTER TABLE event DISABLE TRIGGER USER")
        let edit = kind == .sqlite
            ? "UPDATE event SET body = CAST(replace(CAST(body AS TEXT), '61200', '81200') AS BLOB) WHERE position = 3"
            : "UPDATE event SET body = convert_to(replace(convert_from(body, 'UTF8'), '61200', '81200'), 'UTF8') WHERE position = 3"
        try await fixture.execute(edit)
        let report = try await LogVerifier(store: fixture.store).run()
        #expect(report.problems.map(\.position) == [3])
    }

    @Test("replay reports an action its plugin's state did not allow, written straight to the store")
    func forgedApprovalDiverges() async throws {
        let (fixture, engine, hash) = try await Self.setUp(.memory)
        try await engine.record(Self.figure("visits", 61_200), about: "c", at: Self.day(1))
        let state = try await engine.state(of: "c")
        let forged = Event(subject: "c", sequence: state.version + 1, at: Timestamp(Self.day(2)), body: .actionTaken(ActionTaken(
            action: "approve", from: "review", to: "done", actor: Self.expert, trigger: .actor, inputs: ["minimums": hash.hex],
            guards: [GuardResult(name: "no-declared-conflict", verdict: .pass("no conflict declared")),
                     GuardResult(name: "figures-meet-minimums", verdict: .pass("every figure meets its minimum"))])))
        try await fixture.store.append([forged], expectedVersion: state.version)
        let report = try await Replayer(store: fixture.store, plugins: Self.host).run()
        #expect(report.divergences == [Replayer.Divergence(caseID: "c", sequence: 3,
            reason: "the rules refuse it: action 'approve' is not allowed: figures-meet-minimums failed: short: visits: 61200 of 80000, doctors: 0 of 3")])
    }

    @Test("plugins with one name, or guards with one name, cannot be registered together")
    func registrationConflicts() {
        #expect(throws: PluginHostError.duplicatePlugin("figures")) { try PluginHost([FiguresPlugin(), FiguresPlugin()]) }
        #expect(Self.host.guards.names == ["decision-is-fail", "decision-is-pass", "figures-meet-minimums", "no-declared-conflict"])
    }
}
