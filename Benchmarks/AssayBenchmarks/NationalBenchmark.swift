import AssayCore
import AssayDemo
import AssayHistory
import AssayStore
import Coordinators
import Foundation
import GuidanceGroups
import IntegrityRecords
import RegistrationAudit

/// `assay-bench national`: a year's national campaign (`NationalCampaign`) written into a store
/// through the engine and the plugins, with a signed checkpoint every 30 days of it. Reports what
/// was written, how fast, the peak memory, and the log's root hash, which the same seed makes the
/// same on every store.
struct NationalBenchmark {
    let institutions: Int
    let seed: UInt64
    let workflows: String
    let store: StoreLocation

    struct Figures {
        var cases: Int
        var events: Int
        var seconds: Double
        var checkpoints: Int
        var root: LogHash
        var stages: [String: Int]
    }

    func run() async throws -> Figures {
        let eventStore = try await store.open(.create)
        guard try await eventStore.logSize() == 0 else { throw BenchmarkError("\(store) already holds a log; give a new store") }
        try await eventStore.name(origin: "assay.example/national-\(seed)")
        let library = FlowLibrary(try DefinitionLoader().loadAll([workflows]).map(\.definition))
        let engine = Engine(library: library, plugins: try PluginHost([GuidanceGroups(), RegistrationAudit(), IntegrityRecords(), Coordinators()]), store: eventStore)
        let rules = try BuiltInRules.file().content.decode(as: RegistrationRules.self)
        let directory = NationalDirectory(institutions: institutions, divisions: rules.divisions, seed: seed)
        let key = CheckpointKey()
        var tree = MerkleAccumulator()
        var checkpoints = 0
        let clock = ContinuousClock()
        let start = clock.now
        let stages = try await NationalCampaign(engine: engine, directory: directory, seed: seed).run { day in
            try await Self.extend(&tree, from: eventStore)
            checkpoints += 1
            try await eventStore.add(try key.sign(number: checkpoints, origin: "assay.example/national-\(seed)", treeSize: tree.count, rootHash: tree.root,
                                                  at: Timestamp(DemoScenario.start.addingTimeInterval(Double(day) * 86_400))))
        }
        let elapsed = clock.now - start
        return Figures(cases: stages.values.reduce(0, +), events: tree.count, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                       checkpoints: checkpoints, root: tree.root, stages: stages)
    }

    /// Adds the entries appended since `tree` was last extended.
    static func extend(_ tree: inout MerkleAccumulator, from store: any EventStore) async throws {
        while true {
            let entries = try await store.entries(from: tree.count + 1, limit: 10_000)
            guard !entries.isEmpty else { return }
            for entry in entries { tree.append(LogHash.leaf(entry.body)) }
        }
    }
}
