import AssayCore
import AssayDemo
import AssayHistory
import AssayTestSupport
import Foundation
import Testing

/// Verify, prove, replay, what-if and export on the demonstration's history.
@Suite("Auditing a history")
struct AuditTests {
    static let workflows = Repository.workflows

    /// A store holding the demonstration's events and one checkpoint over them.
    static func demoStore() async throws -> (InMemoryEventStore, CheckpointKey) {
        let store = InMemoryEventStore()
        let flows = try DefinitionLoader().loadAll([workflows]).map(\.definition)
        _ = try await DemoScenario(engine: Engine(library: FlowLibrary(flows), plugins: try ChecklistReviews.host(), store: store)).run()
        let key = CheckpointKey()
        let leaves = store.entries(from: 1, limit: .max).map(\.hash)
        try store.name(origin: origin)
        try store.add(try key.sign(number: 1, origin: origin, treeSize: leaves.count, rootHash: MerkleTree.root(leaves[...]), at: Timestamp(milliseconds: 0)))
        return (store, key)
    }

    static let origin = "assay.jiaozuo.example/reviews"

    /// The export of `store`, as a file's bytes.
    static func export(_ store: any EventStore) async throws -> Data {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).jsonl").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try await LogExport.write(from: store, to: handle)
        try handle.close()
        return try #require(FileManager.default.contents(atPath: path))
    }

    @Test("the demonstration's history verifies and replays without divergence")
    func demoVerifiesAndReplays() async throws {
        let (store, _) = try await Self.demoStore()
        let verification = try await LogVerifier(store: store).run()
        #expect(verification.isValid, "\(verification.problems)")
        let size = store.logSize()
        #expect((verification.events, verification.cases, verification.definitions, verification.checkpoints) == (size, 34, 3, 1))
        let replay = try await Replayer(store: store, plugins: try ChecklistReviews.host()).run()
        #expect(replay.isConsistent, "\(replay.divergences)")
        #expect(replay.events == size)
        let one = try await Replayer(store: store, plugins: try ChecklistReviews.host()).run(only: ["basic-standard/410802-001"])
        #expect((one.cases, one.events) == (1, store.events(of: "basic-standard/410802-001").count))
        #expect(one.paths[CaseID("basic-standard/410802-001")]?.suffix(2) == ["appeal-window", "not-achieved"])
    }

    @Test("an inclusion proof verifies offline, and not for another event or key")
    func inclusionProofs() async throws {
        let (store, key) = try await Self.demoStore()
        let proof = try await InclusionProof.make(for: 42, checkpoint: 1, in: store)
        let trusted = try TrustedKeys(publicKey: key.publicKey, origin: Self.origin)
        try proof.verify(trusting: trusted)
        #expect(throws: AuditError.self) { try proof.verify(trusting: TrustedKeys(publicKey: CheckpointKey().publicKey)) }
        #expect(throws: AuditError.self) { try proof.verify(trusting: TrustedKeys(publicKey: key.publicKey, origin: "another.example/log")) }
        var forged = proof
        forged.event = proof.event.replacingOccurrences(of: "\"sequence\":", with: "\"sequence\": ")
        #expect(throws: AuditError.self) { try forged.verify(trusting: trusted) }
        await #expect(throws: AuditError.self) { try await InclusionProof.make(for: store.logSize() + 1, checkpoint: 1, in: store) }
        await #expect(throws: AuditError.self) { try await InclusionProof.make(for: 1, checkpoint: 2, in: store) }
    }

    @Test("an event the rules forbid is reported with its case, sequence and reason")
    func forbiddenEventsDiverge() async throws {
        let store = InMemoryEventStore()
        let flows = try DefinitionLoader().loadAll([Self.workflows]).map(\.definition)
        let library = FlowLibrary(flows)
        let institution = Jiaozuo.institutions[0]
        let engine = Engine(library: library, plugins: try ChecklistReviews.host(), store: store)
        try await engine.open("c", institution: institution, flow: "basic-standard", by: DemoCast.institution(institution), at: DemoScenario.start)
        // Written straight to the store: a city expert passing the county's initial review.
        let cityExpert = DemoCast.cityExpert(group: 1)
        let forged = Event(subject: "c", sequence: 2, at: Timestamp(DemoScenario.start), body: .actionTaken(ActionTaken(
            action: "submit", from: "application", to: "withdrawn", actor: cityExpert, trigger: .actor,
            inputs: ["self-assessment": "x"], guards: [])))
        try await store.append([forged], expectedVersion: 1)
        let report = try await Replayer(store: store).run()
        #expect(report.divergences == [Replayer.Divergence(caseID: "c", sequence: 2,
            reason: "the rules refuse it: action 'submit' is for role 'institution', not 'city-expert'")])
    }

    @Test("a case whose history breaks is not followed past the break; the others replay")
    func brokenHistoriesStopTheirCase() async throws {
        let store = InMemoryEventStore()
        let engine = Engine(library: FlowLibrary(try DefinitionLoader().loadAll([Self.workflows]).map(\.definition)), store: store)
        let institution = Jiaozuo.institutions[0]
        let applicant = DemoCast.institution(institution)
        for id: CaseID in ["broken", "sound"] {
            try await engine.open(id, institution: institution, flow: "basic-standard", by: applicant, at: DemoScenario.start)
        }
        // Written straight to the store: an action on a case never opened, and one from a stage
        // the case is not in, followed by a correct-looking action the fold must not reach.
        let at = Timestamp(DemoScenario.start)
        func submitted(_ id: CaseID, _ sequence: Int, from stage: String) -> Event {
            Event(subject: id, sequence: sequence, at: at, body: .actionTaken(ActionTaken(
                action: "submit", from: stage, to: "initial-review", actor: applicant, trigger: .actor,
                inputs: ["self-assessment": "x"], guards: [])))
        }
        try await store.append([submitted("never-opened", 1, from: "application")], expectedVersion: 0)
        try await store.append([submitted("broken", 2, from: "initial-review"), submitted("broken", 3, from: "application")], expectedVersion: 1)
        let report = try await Replayer(store: store).run()
        #expect(report.divergences.map(\.caseID) == ["never-opened", "broken", "broken"])
        #expect(report.divergences[0].reason == "an action before the case was opened")
        #expect(report.divergences.map(\.sequence) == [1, 2, 2])
        #expect(report.divergences[2].reason.contains("'initial-review'"))
        #expect(report.cases == 3)
        let one = try await Replayer(store: store).run(only: ["sound"])
        #expect(one.isConsistent && one.paths["sound"] == ["application"])
    }

    @Test("what-if lists the cases a shorter appeal window would change")
    func whatIfShorterAppealWindow() async throws {
        let (store, _) = try await Self.demoStore()
        let text = try String(contentsOfFile: Self.workflows + "/basic-standard.yaml", encoding: .utf8)
            .replacingOccurrences(of: "version: 6", with: "version: 7")
            .replacingOccurrences(of: "after: 15d", with: "after: 3d")
        let changed = try DefinitionLoader().load(Array(text.utf8), file: "basic-standard.yaml").definition
        let report = try await WhatIf(store: store, changed: [changed], plugins: try ChecklistReviews.host()).run()
        #expect(report.casesCompared == 28)
        // 会昌 appealed five days after the decision: under a 3-day window it could not have.
        let difference = try #require(report.differences.first)
        #expect(report.differences.count == 1)
        #expect(difference.caseID == "basic-standard/410883-002")
        #expect(difference.newPath.suffix(2) == ["appeal-window", "not-achieved"])
        #expect(difference.stoppedBecause?.contains("appeal") == true)
    }

    @Test("an export re-imports and verifies; a tampered export imports nothing")
    func exportRoundTrip() async throws {
        let (store, _) = try await Self.demoStore()
        let data = try await Self.export(store)

        let copy = InMemoryEventStore()
        #expect(try await LogExport.load(data, into: copy) == store.logSize())
        #expect(copy.entries(from: 1, limit: .max) == store.entries(from: 1, limit: .max))
        #expect(copy.checkpoints() == store.checkpoints())
        #expect(copy.origin() == Self.origin)
        #expect(try await LogVerifier(store: copy).run().isValid)

        let tampered = Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "传染病报告不及时", with: "传染病报告及时").utf8)
        let target = InMemoryEventStore()
        await #expect(throws: AuditError.self) { try await LogExport.load(tampered, into: target) }
        #expect(target.logSize() == 0 && target.definitions().isEmpty)
        await #expect(throws: AuditError.storeNotEmpty(logSize: store.logSize())) { try await LogExport.load(data, into: copy) }
    }

    @Test("a truncated, empty or unclosed export is refused, naming the line where it ends")
    func incompleteExportsAreRefused() async throws {
        let (store, _) = try await Self.demoStore()
        let lines = String(decoding: try await Self.export(store), as: UTF8.self).split(separator: "\n").map(String.init)
        // 3 definitions, the events, 1 checkpoint, the closing line.
        let size = store.logSize()
        #expect(lines.count == size + 5)
        #expect(lines.last?.hasPrefix("{\"checkpoints\":1,\"definitions\":3,\"origin\":\"\(Self.origin)\",\"root_hash\":") == true)
        #expect(lines.last?.hasSuffix(",\"tree_size\":\(size),\"type\":\"end\"}") == true)

        func refusal(_ text: String) async -> AuditError? {
            let target = InMemoryEventStore()
            defer { #expect(target.logSize() == 0 && target.definitions().isEmpty && target.origin() == nil) }
            do {
                try await LogExport.load(Data(text.utf8), into: target)
                return nil
            } catch {
                return error as? AuditError
            }
        }
        let truncated = await refusal(lines.prefix(150).joined(separator: "\n") + "\n")
        #expect(truncated == .invalidExport(line: 150, "the file ends here without the closing line an export ends with: it is truncated"))
        let empty = await refusal("")
        #expect(empty == .invalidExport(line: 0, "the file is empty, but an export ends with a closing line stating what it holds"))
        let unclosed = await refusal(lines.dropLast().joined(separator: "\n"))
        #expect(unclosed == .invalidExport(line: size + 4, "the file ends here without the closing line an export ends with: it is truncated"))
        // Events cut from the middle, with the closing line kept, disagree with the closing line.
        var cut = lines
        cut.removeSubrange(170..<180)
        let shortened = await refusal(cut.joined(separator: "\n"))
        #expect(shortened != nil)
        let trailing = await refusal(lines.joined(separator: "\n") + "\n" + lines[3])
        #expect(trailing == .invalidExport(line: size + 6, "it follows the closing line \(size + 5); an export ends there"))
    }

    @Test("consistency proofs between the store's checkpoints verify offline, and fail when tampered or swapped")
    func consistencyProofs() async throws {
        let (store, key) = try await Self.demoStore()
        // Checkpoint 1 covers all 177 events; sign checkpoint 2 after more appends.
        try await SampleHistory.appendCase("later", events: 5, to: store)
        let leaves = store.entries(from: 1, limit: .max).map(\.hash)
        try store.add(try key.sign(number: 2, origin: Self.origin, treeSize: leaves.count, rootHash: MerkleTree.root(leaves[...]), at: Timestamp(milliseconds: 1)))
        let trusted = try TrustedKeys(publicKey: key.publicKey, origin: Self.origin)

        let proof = try await ConsistencyProof.make(from: 1, to: 2, in: store)
        try proof.verify(trusting: trusted)
        #expect(throws: AuditError.self) { try proof.verify(trusting: TrustedKeys(publicKey: CheckpointKey().publicKey)) }

        var tampered = proof
        tampered.consistencyPath[0] = LogHash.leaf([1])
        #expect(throws: AuditError.self) { try tampered.verify(trusting: trusted) }
        var swapped = proof
        (swapped.first, swapped.second) = (proof.second, proof.first)
        #expect(throws: AuditError.self) { try swapped.verify(trusting: trusted) }
        // A checkpoint of another log, signed with the same key, does not pass for this one's.
        var foreign = proof
        foreign.second = try key.sign(number: 2, origin: "another.example/log", treeSize: leaves.count, rootHash: proof.second.rootHash, at: Timestamp(milliseconds: 1))
        #expect(throws: AuditError.self) { try foreign.verify(trusting: TrustedKeys(publicKey: key.publicKey)) }
        await #expect(throws: AuditError.self) { try await ConsistencyProof.make(from: 2, to: 1, in: store) }
        await #expect(throws: AuditError.self) { try await ConsistencyProof.make(from: 1, to: 3, in: store) }
    }
}
