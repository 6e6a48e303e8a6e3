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
/// through the engine and the plugins, with a signed checkpoint every 30 days of it; then `assay`
/// reading it, each command in its own process beside a peer in the same run. Reports what was
/// written, how fast, the peak memory, and the log's root hash, which the same seed makes the
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
        /// The canonical bytes of the log's events.
        var bytes: Int
        var stages: [String: Int]
        /// A case with the longest history, a city with the most cases, and its county with the most.
        var longestCase: CaseID
        var busiestCity: RegionCode
        var busiestCounty: RegionCode
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
        var tree = MerkleAccumulator(), bytes = 0
        var checkpoints = 0
        let clock = ContinuousClock()
        let start = clock.now
        let stages = try await NationalCampaign(engine: engine, directory: directory, seed: seed).run { day in
            bytes += try await Self.extend(&tree, from: eventStore)
            checkpoints += 1
            try await eventStore.add(try key.sign(number: checkpoints, origin: "assay.example/national-\(seed)", treeSize: tree.count, rootHash: tree.root,
                                                  at: Timestamp(DemoScenario.start.addingTimeInterval(Double(day) * 86_400))))
        }
        let elapsed = clock.now - start
        let versions = try await eventStore.caseVersions()
        let longest = versions.filter { $0.key.isCase }.max { ($0.value, $1.key.value) < ($1.value, $0.key.value) }!.key
        let perCity = Dictionary(grouping: directory.institutions, by: { directory.countyOf[$0.region]!.city }).mapValues(\.count)
        let city = perCity.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
        let perCounty = Dictionary(grouping: directory.institutions.filter { directory.countyOf[$0.region]!.city == city }, by: \.region).mapValues(\.count)
        return Figures(cases: stages.values.reduce(0, +), events: tree.count, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                       checkpoints: checkpoints, root: tree.root, bytes: bytes, stages: stages, longestCase: longest,
                       busiestCity: city, busiestCounty: perCounty.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key)
    }

    /// Adds the entries appended since `tree` was last extended; returns their canonical bytes.
    static func extend(_ tree: inout MerkleAccumulator, from store: any EventStore) async throws -> Int {
        var bytes = 0
        while true {
            let entries = try await store.entries(from: tree.count + 1, limit: 10_000)
            guard !entries.isEmpty else { return bytes }
            for entry in entries {
                tree.append(LogHash.leaf(entry.body))
                bytes += entry.body.count
            }
        }
    }

    /// The national log read by `assay`, each command the median of its runs, with its peers.
    struct Reading {
        var verify: AuditBenchmark.Run
        /// `sha256sum` over the export, and the export's size in bytes.
        var sha256: AuditBenchmark.Run
        var exportBytes: Int
        var replay: AuditBenchmark.Run
        /// A plain read of the same rows: a GRDB scan (SQLite) or `COPY … TO STDOUT` (PostgreSQL).
        var scan: AuditBenchmark.Run
        /// `replay --all` of a log of as many typed-in decisions (SQLite only).
        var typedReplay: AuditBenchmark.Run?
        var history: AuditBenchmark.Run
        var caseList: AuditBenchmark.Run
        var tick: AuditBenchmark.Run
        /// `review show` and `rectification show` of the longest case.
        var reviewShow: AuditBenchmark.Run
        var rectificationShow: AuditBenchmark.Run
        /// The monthly report of the busiest county, and of the nation, at the campaign's end.
        var countyReport: AuditBenchmark.Run
        var nationReport: AuditBenchmark.Run
        /// The nation's cases counted by county and stage in one SQL statement: the report's peer.
        var nationAggregate: AuditBenchmark.Run
        /// `assign --dry-run` by the busiest city's commission at the campaign's end.
        var assign: AuditBenchmark.Run
    }

    /// `assay verify`, `replay --all` and its reads of the written log, each the median of
    /// `repetitions` processes, with their peers: `sha256sum` over the export, a plain scan of the
    /// same rows (GRDB for SQLite, `COPY … TO STDOUT` through psql for PostgreSQL), and a log of
    /// as many typed-in decisions replayed the same way.
    func read(_ figures: Figures, assay: String, folder: URL, repetitions: Int) async throws -> Reading {
        let storeArgument = ["--store", store.description]
        func median(_ command: [String]) throws -> AuditBenchmark.Run {
            try AuditBenchmark.median(command, repetitions: repetitions)
        }
        _ = try AuditBenchmark.timed(["/bin/sync"])
        let verify = try median([assay, "verify"] + storeArgument)
        let export = folder.appendingPathComponent("national.jsonl").path
        _ = try AuditBenchmark.timed([assay, "export", "--output", export] + storeArgument)
        let sha256 = try median(["/usr/bin/sha256sum", export])
        let exportBytes = try FileManager.default.attributesOfItem(atPath: export)[.size] as? Int ?? 0
        try? FileManager.default.removeItem(atPath: export)
        let replay = try median([assay, "replay", "--all"] + storeArgument)
        var scan: AuditBenchmark.Run, typedReplay: AuditBenchmark.Run?
        switch store {
        case .sqlite(let path, _):
            scan = AuditBenchmark.Run(seconds: try (0..<repetitions).map { _ in try AuditBenchmark.plainScan(path: path) }.sorted()[repetitions / 2], peakMegabytes: .nan)
            let typed = AuditBenchmark(generator: CaseGenerator(library: FlowLibrary(try DefinitionLoader().loadAll(["Benchmarks/Flows"]).map(\.definition))),
                                       folder: folder, events: figures.events)
            _ = try await typed.populate()
            _ = try AuditBenchmark.timed(["/bin/sync"])
            typedReplay = try median([assay, "replay", "--all", "--store", "sqlite:\(typed.storePath)"])
            try? FileManager.default.removeItem(atPath: typed.storePath)
        case .postgres(let url):
            scan = try median(["/usr/bin/psql", url, "-qAt", "-o", "/dev/null", "-c",
                               "COPY (SELECT position, case_id, case_sequence, body, hash FROM event ORDER BY position) TO STDOUT"])
        }
        let end = ISO8601DateFormatter().string(from: DemoScenario.start.addingTimeInterval(400 * 86_400))
        let city = figures.busiestCity.code
        return Reading(verify: verify, sha256: sha256, exportBytes: exportBytes, replay: replay, scan: scan, typedReplay: typedReplay,
                       history: try median([assay, "history", figures.longestCase.value] + storeArgument),
                       caseList: try median([assay, "case", "list", "--region", city, "--stage", "achieved", "--format", "json"] + storeArgument),
                       tick: try median([assay, "tick", "--now", end] + storeArgument),
                       reviewShow: try median([assay, "review", "show", figures.longestCase.value] + storeArgument),
                       rectificationShow: try median([assay, "rectification", "show", figures.longestCase.value] + storeArgument),
                       countyReport: try median([assay, "report", "--at", end, "--region", figures.busiestCounty.code, "--format", "json"] + storeArgument),
                       nationReport: try median([assay, "report", "--at", end, "--format", "json"] + storeArgument),
                       nationAggregate: try median(Self.aggregate(store)),
                       assign: try median([assay, "assign", "make", "--dry-run", "--at", end, "--actor", "commission@\(city)", "--role", "city-coordinator",
                                           "--for", "region:\(city)"] + storeArgument))
    }

    /// The nation's cases counted by county and by the stage each last reached, in one SQL
    /// statement over the same rows the report reads (the cases' openings and actions, told
    /// from the records by the record index), through the store's own client.
    static func aggregate(_ store: StoreLocation) -> [String] {
        let text = if case .sqlite = store { "CAST(e.body AS TEXT)" } else { "convert_from(e.body, 'UTF8')::json" }
        let field = if case .sqlite = store { "json_extract(body, '$.data.to'), json_extract(body, '$.data.stage')" } else { "body -> 'data' ->> 'to', body -> 'data' ->> 'stage'" }
        let sql = """
            WITH latest AS (SELECT s.region, \(text) AS body, ROW_NUMBER() OVER (PARTITION BY e.case_id ORDER BY e.case_sequence DESC) AS n
                            FROM subject s JOIN event e ON e.case_id = s.name
                            WHERE s.kind = 'case' AND NOT EXISTS (SELECT 1 FROM record_event r WHERE r.position = e.position))
            SELECT region, COALESCE(\(field)) AS stage, COUNT(*) FROM latest WHERE n = 1 GROUP BY region, stage
            """
        switch store {
        case .sqlite(let path, _): return ["/usr/bin/sqlite3", "-readonly", path, sql]
        case .postgres(let url): return ["/usr/bin/psql", url, "-qAt", "-c", sql]
        }
    }
}
