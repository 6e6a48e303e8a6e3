import AssayCore
import AssayDemo
import AssayHistory
import AssayTestSupport
import Coordinators
import Foundation
import Testing

@Suite("The double-random draw")
struct DrawTests {
    /// The committed small preset of the assignment instances (seed 7): 450 institutions in 10
    /// counties, 100 experts.
    static let fixture = Repository.root.appendingPathComponent("Tests/CoordinatorsTests/Fixtures/assignment-small")

    /// A fresh copy of the small preset, in a folder of its own that a test may write in.
    static func pool() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-draw-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixture, to: folder)
        return folder
    }

    /// Runs `assay draw …` on `engine`.
    static func draw(_ arguments: [String], engine: Engine, host: PluginHost) async throws -> String {
        let command = try #require(host.command(named: "draw"))
        return try await command.run(PluginCommand.Context(arguments: arguments, host: host) { _ in engine })
    }

    /// Signs a checkpoint over everything `store` holds.
    static func checkpoint(_ store: InMemoryEventStore, key: CheckpointKey, number: Int) throws {
        let leaves = store.entries(from: 1, limit: .max).map(\.hash)
        try store.add(try key.sign(number: number, origin: "draw.test/log", treeSize: leaves.count, rootHash: MerkleTree.root(leaves[...]),
                                   at: Timestamp(milliseconds: 1_656_000_000_000 + Int64(number))))
    }

    static let acting = ["--actor", "commission@410800", "--role", "city-coordinator", "--for", "region:410800", "--at", "2022-07-01T09:00:00+08:00"]

    /// The draw as the README specifies it, written again in Python: the output must match.
    static let independent = """
        import csv, hashlib, sys
        folder, announcement, number, size, root, targets, inspectors = sys.argv[1:8]
        seed = hashlib.sha256(f"assay-draw-1\\n{announcement}\\n{number}\\n{size}\\n{root}\\n".encode()).digest()
        counter = 0
        def below(n):
            global counter
            limit = ((2**64 - 1) // n) * n
            while True:
                value = int.from_bytes(hashlib.sha256(seed + counter.to_bytes(8, "big")).digest()[:8], "big")
                counter += 1
                if value < limit: return value % n
        def choose(k, items):
            items = list(items)
            for t in range(min(k, len(items))):
                j = t + below(len(items) - t)
                items[t], items[j] = items[j], items[t]
            return items[:k]
        institutions = sorted(csv.DictReader(open(f"{folder}/institutions.csv")), key=lambda r: r["institution_id"].encode())
        experts = sorted(csv.DictReader(open(f"{folder}/experts.csv")), key=lambda r: r["expert_id"].encode())
        print(seed.hex())
        for target in choose(int(targets), institutions):
            eligible = [e for e in experts if e["home_county"] != target["county_code"] and e["home_institution"] != target["institution_id"]]
            print(target["institution_id"] + ": " + ", ".join(e["expert_id"] for e in choose(int(inspectors), eligible)))
        """

    @Test("an announcement recuses suspended experts, and each expert from the institutions of their declared conflicts, directly or through a county")
    func recusalsFromIntegrityRecords() async throws {
        let folder = try Self.pool()
        let store = InMemoryEventStore()
        let host = try ChecklistReviews.host()
        let engine = Engine(library: FlowLibrary(try DefinitionLoader().loadAll([Repository.workflows]).map(\.definition)), plugins: host, store: store)
        let integrity = try #require(host.command(named: "integrity"))
        for arguments in [["expert:E001", "--kind", "conflict", "--id", "C1", "--description", "former employer", "--date", "2022-06-01", "--institution", "I001"],
                          ["expert:E002", "--kind", "conflict", "--id", "C2", "--description", "spouse's county", "--date", "2022-06-01", "--county", "110101"],
                          ["expert:E003", "--kind", "suspension", "--id", "S1", "--description", "under investigation", "--date", "2022-06-01"]] {
            _ = try await integrity.run(PluginCommand.Context(arguments: ["record"] + arguments + Self.acting, host: host) { _ in engine })
        }
        let poolFiles = ["--institutions", folder.appendingPathComponent("institutions.csv").path, "--experts", folder.appendingPathComponent("experts.csv").path]
        _ = try await Self.draw(["announce", "2022-Q4", "--targets", "5"] + poolFiles + Self.acting, engine: engine, host: host)
        guard case .recorded(let record)? = store.events(of: Subject(kind: "draw", id: "2022-Q4")).first?.body else { Issue.record("no announcement"); return }
        let announcement = try record.value.decode(as: DrawAnnouncement.self)
        let rows = try String(contentsOf: folder.appendingPathComponent("institutions.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        let inCounty = rows.map { $0.split(separator: ",").map(String.init) }.filter { $0[1] == "110101" }.map { "E002@\($0[0])" }
        #expect(!inCounty.isEmpty)
        #expect(Set(announcement.recusals) == Set(["E001@I001", "E003"] + inCounty))
    }

    @Test("a draw is announced before its seed exists, run once, re-run by an independent implementation, and verified; a changed record does not verify")
    func drawLifecycle() async throws {
        let folder = try Self.pool()
        let store = InMemoryEventStore()
        let host = try ChecklistReviews.host()
        let engine = Engine(library: FlowLibrary(try DefinitionLoader().loadAll([Repository.workflows]).map(\.definition)), plugins: host, store: store)
        let poolFiles = ["--institutions", folder.appendingPathComponent("institutions.csv").path, "--experts", folder.appendingPathComponent("experts.csv").path]
        let key = CheckpointKey()
        try Self.checkpoint(store, key: key, number: 1)

        let announced = try await Self.draw(["announce", "2022-Q3", "--targets", "5", "--inspectors", "2"] + poolFiles + Self.acting, engine: engine, host: host)
        #expect(announced.hasPrefix("announced draw 2022-Q3: 5 institutions, 2 inspectors each, 0 recusals"))
        await #expect(throws: (any Error).self) { try await Self.draw(["announce", "2022-Q3", "--targets", "9"] + poolFiles + Self.acting, engine: engine, host: host) }
        // Checkpoint 1 was signed before the announcement, so it cannot seed the draw.
        let early = await #expect(throws: (any Error).self) { try await Self.draw(["run", "2022-Q3"] + poolFiles + Self.acting, engine: engine, host: host) }
        #expect(String(describing: try #require(early)).hasPrefix("no signed checkpoint covers the announcement of draw 2022-Q3 yet"))

        try Self.checkpoint(store, key: key, number: 2)
        let drawn = try await Self.draw(["run", "2022-Q3"] + poolFiles + Self.acting, engine: engine, host: host)
        let lines = drawn.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        let checkpoint = try #require(store.checkpoints().last)
        let python = try Subprocess.run("/usr/bin/env", ["python3", "-c", Self.independent, folder.path, "2022-Q3", "\(checkpoint.number)", "\(checkpoint.treeSize)",
                                                         checkpoint.rootHash.hex, "5", "2"])
        #expect(python.status == 0, "\(python.errors)")
        let expected = python.output.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("draw 2022-Q3, seed \(expected[0]) "))
        #expect(lines.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) } == Array(expected.dropFirst()))

        let again = await #expect(throws: (any Error).self) { try await Self.draw(["run", "2022-Q3"] + poolFiles + Self.acting, engine: engine, host: host) }
        #expect(String(describing: try #require(again)).hasPrefix("draw 2022-Q3 was run already"))
        #expect(try await Self.draw(["verify", "2022-Q3"] + poolFiles, engine: engine, host: host)
            == "draw 2022-Q3 verifies: 5 institutions and their inspectors, re-run from the seed of checkpoint 2")

        // The same log with one inspector changed in the recorded result.
        let tampered = InMemoryEventStore()
        for entry in store.entries(from: 1, limit: .max) {
            var event = try Event(canonical: entry.body)
            if case .recorded(var record) = event.body, record.type == "draw-result" {
                var result = try record.value.decode(as: DrawResultProbe.self)
                result.inspections[0].inspectors[0] = "E99999"
                record.value = try RecordValue(encoding: result)
                event.body = .recorded(record)
            }
            try await tampered.append([event], expectedVersion: event.sequence - 1)
        }
        for signed in store.checkpoints() { try tampered.add(signed) }
        let tamperedEngine = Engine(library: engine.library, plugins: host, store: tampered)
        let refused = await #expect(throws: (any Error).self) { try await Self.draw(["verify", "2022-Q3"] + poolFiles, engine: tamperedEngine, host: host) }
        #expect(String(describing: try #require(refused)) == "draw 2022-Q3 does NOT verify: re-run, inspection 1 differs from the record")
    }
}

/// A draw result as the log holds it, read without the plugin's types.
struct DrawResultProbe: Codable {
    struct Inspection: Codable {
        var institution: String
        var inspectors: [String]
    }
    var checkpoint: Int
    var treeSize: Int
    var rootHash: String
    var seed: String
    var inspections: [Inspection]

    enum CodingKeys: String, CodingKey { case checkpoint, treeSize = "tree-size", rootHash = "root-hash", seed, inspections }
}
