import AssayCore
import AssayHistory
import AssayStore
import AssayDemo
import Coordinators
import GuidanceGroups
import AssayTestSupport
import Foundation
import Testing

/// The behaviour every event store must have, run against each kind.
@Suite("The event store contract")
struct StoreContractTests {
    static let kinds = StoreKind.allCases.filter(\.isAvailable)

    @Test("appends number the log without gaps or duplicates, per case and globally", arguments: kinds)
    func positionsHaveNoGaps(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        let store = fixture.store
        try await SampleHistory.appendCase("a", events: 3, to: store)
        try await SampleHistory.appendCase("b", events: 2, to: store)
        let written = try await store.append([SampleHistory.event("a", 4)], expectedVersion: 3)
        #expect(written == 6..<7)

        let entries = try await store.entries(from: 1, limit: 100)
        #expect(entries.map(\.position) == Array(1...6))
        #expect(entries.map(\.subject) == ["a", "a", "a", "b", "b", "a"])
        #expect(entries.allSatisfy { $0.hash == LogHash.leaf($0.body) })
        #expect(try await store.events(of: "a").map(\.sequence) == [1, 2, 3, 4])
        #expect(try await store.events(of: "a") == (1...4).map { SampleHistory.event("a", $0) })
        #expect(try await store.caseIDs() == ["a", "b"])
        #expect(try await store.logSize() == 6)
        #expect(try await store.entries(from: 5, limit: 1).map(\.position) == [5])
        // A subject's entries through its index: the same entries, with their positions.
        #expect(try await store.entries(of: "a") == entries.filter { $0.subject == "a" })
        #expect(try await store.entries(of: "b").map(\.position) == [4, 5])
        #expect(try await store.entries(of: "unknown").isEmpty)

        // Rows read in a run share their subject; one named like the run's, longer, is its own.
        let long: CaseID = "basic-standard/410883-002", longer: CaseID = "basic-standard/410883-0020"
        try await SampleHistory.appendCase(long, events: 2, to: store)
        try await SampleHistory.appendCase(longer, events: 2, to: store)
        try await store.append([SampleHistory.event(long, 3)], expectedVersion: 2)
        #expect(try await store.entries(from: 7, limit: 100).map(\.subject) == [long, long, longer, longer, long])
    }

    @Test("the deadline index follows each append, is incomplete after an unknown one, and is rebuilt only as of the log it was computed from", arguments: kinds)
    func deadlineIndex(_ kind: StoreKind) async throws {
        let store = try await StoreFixture.make(kind).store
        let at = { (minutes: Int64) in Timestamp(milliseconds: 1_700_000_000_000 + minutes * 60_000) }
        #expect(try await store.subjectsDue(at: at(0)) == [])
        try await store.record(SampleHistory.definition, hash: SampleHistory.hash)
        try await store.append([SampleHistory.event("b", 1)], expectedVersion: 0, deadline: .due(at(10)))
        try await store.append([SampleHistory.event("a", 1)], expectedVersion: 0, deadline: .due(at(5)))
        #expect(try await store.subjectsDue(at: at(4)) == [])
        #expect(try await store.subjectsDue(at: at(5)) == ["a"])
        #expect(try await store.subjectsDue(at: at(10)) == ["b", "a"], "in the order the cases were opened")
        try await store.append([SampleHistory.event("a", 2)], expectedVersion: 1, deadline: .unchanged)
        try await store.append([SampleHistory.event("b", 2)], expectedVersion: 1, deadline: .none)
        #expect(try await store.subjectsDue(at: at(10)) == ["a"])
        try await store.append([SampleHistory.event("a", 3)], expectedVersion: 2, deadline: .due(at(20)))
        #expect(try await store.subjectsDue(at: at(10)) == [])
        // In one batch each subject's last update stands: d due then removed, e due, a moved on.
        try await store.append([CaseAppend([SampleHistory.event("d", 1)], expectedVersion: 0, deadline: .due(at(1))),
                                CaseAppend([SampleHistory.event("e", 1)], expectedVersion: 0, deadline: .due(at(2))),
                                CaseAppend([SampleHistory.event("f", 1)], expectedVersion: 0, deadline: .none),
                                CaseAppend([SampleHistory.event("d", 2)], expectedVersion: 1, deadline: .none),
                                CaseAppend([SampleHistory.event("a", 4)], expectedVersion: 3, deadline: .due(at(3)))])
        #expect(try await store.subjectsDue(at: at(10)) == ["a", "e"])
        try await store.append([CaseAppend([SampleHistory.event("e", 2)], expectedVersion: 1, deadline: .none),
                                CaseAppend([SampleHistory.event("a", 5)], expectedVersion: 4, deadline: .due(at(20)))])
        #expect(try await store.subjectsDue(at: at(10)) == [])
        try await store.append([SampleHistory.event("c", 1)], expectedVersion: 0)
        #expect(try await store.subjectsDue(at: at(30)) == nil, "an append with an unknown deadline leaves the index incomplete")
        try await store.replaceDeadlines(["c": at(1)], asOfLogSize: 12)
        #expect(try await store.subjectsDue(at: at(30)) == nil, "computed from a shorter log than the store holds")
        try await store.replaceDeadlines(["c": at(1), "a": at(20)], asOfLogSize: 13)
        #expect(try await store.subjectsDue(at: at(30)) == ["a", "c"])
    }

    @Test("an append at a stale version is a typed conflict and writes nothing", arguments: kinds)
    func staleVersionsConflict(_ kind: StoreKind) async throws {
        let store = try await StoreFixture.make(kind).store
        try await SampleHistory.appendCase("a", events: 2, to: store)
        await #expect(throws: StoreError.versionConflict("a", expected: 1, actual: 2)) {
            try await store.append([SampleHistory.event("a", 2)], expectedVersion: 1)
        }
        await #expect(throws: StoreError.versionConflict("a", expected: 0, actual: 2)) {
            try await store.append([SampleHistory.event("a", 1)], expectedVersion: 0)
        }
        // The single-event append the engine uses checks the same way.
        await #expect(throws: StoreError.versionConflict("a", expected: 1, actual: 2)) {
            try await store.append(SampleHistory.event("a", 2), expectedVersion: 1, deadline: .none)
        }
        await #expect(throws: StoreError.versionConflict("new", expected: 3, actual: 0)) {
            try await store.append(SampleHistory.event("new", 4), expectedVersion: 3, deadline: .none)
        }
        #expect(try await store.logSize() == 2)
        #expect(try await store.caseIDs() == ["a"])
        #expect(try await store.append(SampleHistory.event("a", 3), expectedVersion: 2, deadline: .none) == 3)
        #expect(try await store.events(of: "a").map(\.sequence) == [1, 2, 3])
    }

    @Test("the cases are listed in the order they were opened, other subjects left out, through the subject index", arguments: kinds)
    func casesInOpeningOrder(_ kind: StoreKind) async throws {
        let store = try await StoreFixture.make(kind).store
        try await SampleHistory.appendCase("b", events: 1, to: store)
        let note = { (subject: Subject) in
            Event(subject: subject, sequence: 1, at: SampleHistory.event("b", 2).at, body: .recorded(PluginRecord(plugin: "p", type: "t", by: .system, value: .string("x"))))
        }
        try await store.append([CaseAppend([note(Subject(kind: "institution", id: "x:1"))], expectedVersion: 0),
                                CaseAppend([SampleHistory.event("a", 1)], expectedVersion: 0),
                                CaseAppend([note(Subject(kind: "data-file", id: "y"))], expectedVersion: 0),
                                CaseAppend([SampleHistory.event("b", 2)], expectedVersion: 1),
                                CaseAppend([SampleHistory.event("c", 1)], expectedVersion: 0)])
        #expect(try await store.caseIDs() == ["b", "a", "c"])
        #expect(Set(try await store.caseVersions().keys) == ["a", "b", "c", Subject(kind: "institution", id: "x:1"), Subject(kind: "data-file", id: "y")])
    }

    @Test("the cases of a province, a city or a county are listed through the index, in opening order", arguments: kinds)
    func casesOfARegion(_ kind: StoreKind) async throws {
        let store = try await StoreFixture.make(kind).store
        try await store.record(SampleHistory.definition, hash: SampleHistory.hash)
        let regions = ["410883", "110105", "410802", "410183", "410883"]
        try await store.append(regions.enumerated().map { index, region in
            let institution = Institution(id: "I\(index)", name: "机构\(index)", region: RegionCode(region)!)
            return CaseAppend([SampleHistory.event(CaseID("c\(index)"), 1, of: institution)], expectedVersion: 0)
        })
        let inside = { (region: String) in try await store.caseIDs(inside: RegionCode(region)!).map(\.value) }
        #expect(try await inside("410000") == ["c0", "c2", "c3", "c4"])
        #expect(try await inside("410800") == ["c0", "c2", "c4"])
        #expect(try await inside("410883") == ["c0", "c4"])
        #expect(try await inside("110000") == ["c1"])
        #expect(try await inside("420000") == [])
    }

    @Test("a batch across cases is written whole or not at all", arguments: kinds)
    func batchesAreAtomic(_ kind: StoreKind) async throws {
        let store = try await StoreFixture.make(kind).store
        try await SampleHistory.appendCase("a", events: 1, to: store)
        let batch = [CaseAppend([SampleHistory.event("b", 1)], expectedVersion: 0),
                     CaseAppend([SampleHistory.event("a", 2)], expectedVersion: 1),
                     CaseAppend([SampleHistory.event("b", 2)], expectedVersion: 1)]
        #expect(try await store.append(batch) == 2..<5)
        let stale = [CaseAppend([SampleHistory.event("c", 1)], expectedVersion: 0),
                     CaseAppend([SampleHistory.event("a", 2)], expectedVersion: 1)]
        await #expect(throws: StoreError.versionConflict("a", expected: 1, actual: 2)) { try await store.append(stale) }
        let reopened = [CaseAppend([SampleHistory.event("c", 1)], expectedVersion: 0),
                        CaseAppend([SampleHistory.event("a", 1)], expectedVersion: 0)]
        await #expect(throws: StoreError.versionConflict("a", expected: 0, actual: 2), "the subject expected new names the conflict") {
            try await store.append(reopened)
        }
        let repeated = [CaseAppend([SampleHistory.event("d", 1)], expectedVersion: 0),
                        CaseAppend([SampleHistory.event("d", 1)], expectedVersion: 0)]
        await #expect(throws: StoreError.versionConflict("d", expected: 0, actual: 1), "the batch's own first append counts") {
            try await store.append(repeated)
        }
        #expect(try await store.caseIDs() == ["a", "b"])
        #expect(try await store.logSize() == 4)
    }

    @Test("a long batch, encoded part by part as it is inserted, is written in order, or not at all", arguments: kinds)
    func longBatches(_ kind: StoreKind) async throws {
        let store = try await StoreFixture.make(kind).store
        try await SampleHistory.appendCase("a", events: 1, to: store)
        let cases = (1...1_500).map { Subject("long/\($0)") }
        let batch = cases.map { CaseAppend([SampleHistory.event($0, 1), SampleHistory.event($0, 2)], expectedVersion: 0) }
        // The last part's last append is stale: nothing of the parts before it is kept.
        await #expect(throws: StoreError.versionConflict("a", expected: 0, actual: 1)) {
            try await store.append(batch + [CaseAppend([SampleHistory.event("a", 1)], expectedVersion: 0)])
        }
        #expect(try await store.logSize() == 1)
        #expect(try await store.append(batch) == 2..<3_002)
        let entries = try await store.entries(from: 2, limit: 10_000)
        #expect(entries.map(\.subject) == cases.flatMap { [$0, $0] })
        #expect(try entries.map { try $0.event() } == batch.flatMap(\.events))
        #expect(entries.map(\.hash) == batch.flatMap(\.events).map { LogHash.leaf($0.canonicalBytes) })
        #expect(try await store.caseIDs() == ["a"] + cases)
    }

    @Test("the engine runs the demonstration on the store, and verify and replay accept it", arguments: kinds)
    func engineOnStore(_ kind: StoreKind) async throws {
        let store = try await StoreFixture.make(kind).store
        let flows = try DefinitionLoader().loadAll([Self.workflows]).map(\.definition)
        let cases = try await DemoScenario(engine: Engine(library: FlowLibrary(flows), plugins: try ChecklistReviews.host(), store: store)).run()
        #expect(cases.count == 34)
        #expect(try await store.logSize() == DemoFacts.events)
        #expect(try await store.definitions().count == 3)
        #expect(try await LogVerifier(store: store).run().isValid)
        #expect(try await Replayer(store: store, plugins: try ChecklistReviews.host()).run().isConsistent)
        // What the plugins' fold skips without parsing is exactly what is not a record.
        let entries = try await store.entries(from: 1, limit: 100_000)
        let records = try entries.filter { if case .recorded = try $0.event().body { true } else { false } }
        #expect(entries.filter(\.mayHoldRecord) == records)
        #expect(try await store.recordEntries(from: 1, limit: 100_000) == records)
        #expect(try await store.recordEntries(from: records[10].position, limit: 3) == Array(records[10..<13]))
        #expect(records.count > 100 && records.count < entries.count)
        // Each plugin's records, through the index by plugin, are its records and no others.
        let byPlugin = try Dictionary(grouping: records) { entry -> String in
            guard case .recorded(let record) = try entry.event().body else { return "" }
            return record.plugin
        }
        #expect(byPlugin.count >= 3)
        for (plugin, expected) in byPlugin {
            #expect(try await store.recordEntries(of: plugin, from: 1, limit: 100_000) == expected)
            #expect(try await store.recordEntries(of: plugin, from: expected[expected.count / 2].position, limit: 2)
                == Array(expected[(expected.count / 2)...].prefix(2)))
        }
        #expect(try await store.recordEntries(of: "no-such-plugin", from: 1, limit: 10).isEmpty)
    }

    @Test("one plugin's state, folded from its records alone, is the state the whole fold gives", arguments: kinds)
    func onePluginsState(_ kind: StoreKind) async throws {
        let store = try await StoreFixture.make(kind).store
        let flows = try DefinitionLoader().loadAll([Self.workflows]).map(\.definition)
        _ = try await DemoScenario(engine: Engine(library: FlowLibrary(flows), plugins: try ChecklistReviews.host(), store: store)).run()
        let whole = try await Engine(library: FlowLibrary(flows), plugins: try ChecklistReviews.host(), store: store).currentPluginStates()
        let reader = try Engine(library: FlowLibrary(flows), plugins: try ChecklistReviews.host(), store: store)
        let coordinators = try await reader.currentPluginStates(of: [Coordinators.name])
        #expect(coordinators.state(of: GuidanceGroups.self) == nil)
        let teams = try #require(coordinators.state(of: Coordinators.self)?.teams)
        #expect(!teams.isEmpty)
        #expect(teams == whole.state(of: Coordinators.self)?.teams)
        #expect(coordinators.dataFiles.values.allSatisfy { $0.plugin == Coordinators.name })
        // The same engine then folds the rest, and every plugin's state is the whole fold's.
        let after = try await reader.currentPluginStates()
        #expect(after.state(of: Coordinators.self)?.teams == teams)
        // Records the coordinators had folded already are not folded a second time.
        #expect(after.state(of: Coordinators.self)?.directories.count == whole.state(of: Coordinators.self)?.directories.count)
        let rounds = try #require(after.state(of: GuidanceGroups.self)?.rounds)
        #expect(!rounds.isEmpty)
        #expect(rounds.mapValues(\.count) == whole.state(of: GuidanceGroups.self)?.rounds.mapValues(\.count))
        #expect(Set(after.dataFiles.keys) == Set(whole.dataFiles.keys))
    }

    static let workflows = Repository.workflows

    @Test("events that do not continue their case are refused", arguments: kinds)
    func malformedAppendsAreRefused(_ kind: StoreKind) async throws {
        let store = try await StoreFixture.make(kind).store
        await #expect(throws: StoreError.self) {
            try await store.append([SampleHistory.event("a", 2)], expectedVersion: 0)
        }
        await #expect(throws: StoreError.self) {
            try await store.append([SampleHistory.event("a", 1), SampleHistory.event("b", 2)], expectedVersion: 0)
        }
        await #expect(throws: StoreError.self) {
            try await store.append(SampleHistory.event("a", 2), expectedVersion: 0, deadline: .none)
        }
        #expect(try await store.logSize() == 0)
    }

    @Test("definitions are kept once by hash; checkpoints only in order", arguments: kinds)
    func definitionsAndCheckpoints(_ kind: StoreKind) async throws {
        let store = try await StoreFixture.make(kind).store
        try await store.record(SampleHistory.definition, hash: SampleHistory.hash)
        try await store.record(SampleHistory.definition, hash: SampleHistory.hash)
        #expect(try await store.definitions().count == 1)
        #expect(try await store.definition(SampleHistory.hash) == SampleHistory.definition)

        let key = CheckpointKey()
        let second = try key.sign(number: 2, origin: "a.example/log", treeSize: 0, rootHash: .empty, at: Timestamp(milliseconds: 0))
        await #expect(throws: StoreError.checkpointOutOfOrder(expected: 1, got: 2)) { try await store.add(second) }
        let first = try key.sign(number: 1, origin: "a.example/log", treeSize: 0, rootHash: .empty, at: Timestamp(milliseconds: 0))
        try await store.add(first)
        #expect(try await store.checkpoints() == [first])
    }

    @Test("witnesses' cosignatures are kept with their checkpoint, the first of each key, in the order added", arguments: kinds)
    func cosignatures(_ kind: StoreKind) async throws {
        let store = try await StoreFixture.make(kind).store
        let key = CheckpointKey(), province = CheckpointKey(), nation = CheckpointKey()
        let checkpoint = try key.sign(number: 1, origin: "a.example/log", treeSize: 0, rootHash: .empty, at: Timestamp(milliseconds: 0))
        let body = try #require(checkpoint.noteBody)
        let byProvince = try province.cosign(body: body, as: "witness.henan.example/province", at: 10)
        var carried = checkpoint
        carried.cosignatures = [byProvince]
        try await store.add(carried)
        await #expect(throws: StoreError.noSuchCheckpoint(2, count: 1)) { try await store.add([byProvince], toCheckpoint: 2) }
        let byNation = try nation.cosign(body: body, as: "witness.nhc.example/nation", at: 20)
        let provinceAgain = try province.cosign(body: body, as: "witness.henan.example/province", at: 30)
        try await store.add([byNation, provinceAgain], toCheckpoint: 1)
        #expect(try await store.checkpoints().first?.cosignatures == [byProvince, byNation])
        #expect(try await store.checkpoints().first?.signature == checkpoint.signature)
    }

    @Test("the database itself refuses to update or delete history", arguments: StoreKind.durable.filter(\.isAvailable))
    func databaseEnforcesAppendOnly(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        try await SampleHistory.appendCase("a", events: 2, to: fixture.store)
        for statement in ["UPDATE event SET case_sequence = 9 WHERE position = 1", "DELETE FROM event WHERE position = 2",
                          "DELETE FROM definition", "UPDATE definition SET body = body"] {
            await #expect(throws: (any Error).self, "\(statement)") { try await fixture.execute(statement) }
        }
        if kind == .postgres {
            await #expect(throws: (any Error).self) { try await fixture.execute("TRUNCATE event") }
        }
        #expect(try await fixture.store.logSize() == 2)
        #expect(try await LogVerifier(store: fixture.store).run().isValid)
    }

    @Test("a byte edited in the database, bypassing the triggers, is caught and located", arguments: StoreKind.durable.filter(\.isAvailable))
    func editedByteIsLocated(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        try await SampleHistory.appendCase("a", events: 5, to: fixture.store)
        let disable = kind == .sqlite ? "DROP TRIGGER event_is_append_only_update" : "ALTER TABLE event DISABLE TRIGGER USER"
        try await fixture.execute(disable)
        // '第4次' becomes '第5次': one byte of event 4's body changes.
        let edit = kind == .sqlite
            ? "UPDATE event SET body = CAST(replace(CAST(body AS TEXT), '第4次', '第5次') AS BLOB) WHERE position = 4"
            : "UPDATE event SET body = convert_to(replace(convert_from(body, 'UTF8'), '第4次', '第5次'), 'UTF8') WHERE position = 4"
        try await fixture.execute(edit)
        let report = try await LogVerifier(store: fixture.store).run()
        #expect(report.problems.map(\.position) == [4])
        #expect(report.problems.first?.message.contains("the event was altered") == true)
    }

    @Test("a store written by a newer Assay is refused with a clear error", arguments: StoreKind.durable.filter(\.isAvailable))
    func newerSchemaIsRefused(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        let table = kind == .sqlite ? "grdb_migrations (identifier)" : "assay_migration (id)"
        try await fixture.execute("INSERT INTO \(table) VALUES ('v9-from-the-future')")
        await #expect {
            _ = try await fixture.location!.open()
        } throws: { error in
            guard case StoreError.newerSchema(let found, _) = error else { return false }
            return found.contains("v9-from-the-future")
        }
    }
}
