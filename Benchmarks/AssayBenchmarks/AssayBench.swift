import ArgumentParser
import AssayCore
import AssayStore
import Coordinators
import Foundation

/// `assay-bench`: Assay's benchmarks, each beside a peer measured in the same run. Prints
/// medians of repeated runs; nothing is asserted.
@main
struct AssayBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay-bench",
        abstract: "Measure Assay against peers run in the same process or script; prints medians, asserts nothing.",
        discussion: """
            Build first: swift build -c release --product assay-bench
            and swift build -c release --product assay. Benchmarks, each
            beside its peer (default: all but assign):
              loading       flow loading vs raw libyaml events
              engine        Engine.take vs Transition.decide + fold,
                            and the case look-ups alone
              append        SQLite appends vs plain GRDB inserts
              audit         replay and verify vs sha256sum
              checklist     scoring; replay with vs without checklists
              registration  batch audit vs a plain CSV read
              largelog      history and tick, 1,000 vs 100,000 cases
              assign        team assignment on a shared/assignment
                            instance (Benchmarks/assignment.sh runs
                            it beside OR-Tools)
              serve         assay serve under wrk (64 connections)
                            vs the same library calls
              national      a year's national campaign written into a
                            store (Benchmarks/national.sh runs it beside
                            its peers, on SQLite and PostgreSQL)
              batch         the national registration, integrity and
                            directory files recorded by assay vs a
                            plain CSV read and GRDB insert
              writer        one of the writers national starts at
                            once (--store, --writer-prefix,
                            --writer-cases)
            """
    )

    static let all = ["loading", "engine", "append", "audit", "largelog", "checklist", "registration"]
    /// Run only when named: each needs what the others do not (wrk, an instance, a store).
    static let onRequest = ["assign", "serve", "national", "batch", "writer"]

    @Argument(help: "The benchmarks to run (default: all but assign).") var benchmarks: [String] = []
    @Option(help: "Runs of each measurement; the median is reported.") var repetitions = 11
    @Option(help: "The flows the loading and checklist benchmarks read.") var workflows = "Workflows"
    @Option(help: "Events in the audit benchmark's log.") var events = 1_000_000
    @Option(help: "Where the append and audit benchmarks write their stores (kept); a temporary folder, removed after, by default.") var folder: String?
    @Option(help: "The assignment instance folder, written by shared/assignment/generate.py.") var instance = "/tmp/assign-data/national"
    @Option(help: "Institutions in the national campaign.") var institutions = 1_000
    @Option(help: "The national campaign's seed.") var seed: UInt64 = 20_261_125
    @Option(help: "The store the national campaign writes (new): sqlite:PATH or postgres://…; a temporary SQLite file by default.") var store: String?
    @Option(help: "Cases the writers on the national log write in each run, shared among them; a writer's own cases, for `writer`.") var writerCases = 240
    @Option(help: "The names of a writer's cases (PREFIX-N), for `writer`.") var writerPrefix = "writer"

    /// The flow the engine, append and audit benchmarks drive: decisions typed in, no plugin.
    var engineFlows: String { "Benchmarks/Flows" }

    func validate() throws {
        let unknown = benchmarks.filter { !(Self.all + Self.onRequest).contains($0) }
        guard unknown.isEmpty else { throw ValidationError("unknown benchmark \(unknown.joined(separator: ", ")); benchmarks: \((Self.all + Self.onRequest).joined(separator: ", "))") }
        guard !benchmarks.contains("writer") || store != nil else { throw ValidationError("writer appends to a log: give it --store URL") }
    }

    func run() async throws {
        let selected = Set(benchmarks.isEmpty ? Self.all : benchmarks)
        if selected.contains("assign") { try assign() }
        if selected.contains("serve") { try await serve() }
        if selected.contains("national") { try await national() }
        if selected.contains("batch") { try batch() }
        if selected.contains("writer"), let store { try await WritersBenchmark.write(store: try StoreLocation(store), prefix: writerPrefix, cases: writerCases, flows: engineFlows) }
        if selected.contains("loading") { try loading() }
        if selected.contains("engine") { try await engine() }
        if selected.contains("checklist") { try await checklist() }
        if selected.contains("registration") { try registration() }
        if !selected.isDisjoint(with: ["append", "audit", "largelog"]) { try await store(selected) }
    }

    /// Alone in its process, so that its peak memory is its own: `assay-bench assign --instance DIR`.
    func assign() throws {
        let benchmark = AssignmentBenchmark(instance: instance)
        print("Review-team assignment: \(instance), \(repetitions) runs in this process")
        var runs: [AssignmentBenchmark.Run] = []
        for _ in 0..<repetitions {
            let run: AssignmentBenchmark.Run
            do {
                run = try benchmark.run()
            } catch let shortfall as AssignmentShortfall {
                try benchmark.write(shortfall.certificate)
                print(shortfall)
                print("  wrote certificate_assay.json (check it with verify.py DIR --certificate)")
                throw ExitCode(2)
            }
            print("  read \(String(format: "%.3f", run.read)) s, least max load \(run.assignment.maxLoad) at \(String(format: "%.3f", run.toMaxLoad)) s, "
                  + "travel \(run.assignment.travel), total \(String(format: "%.3f", run.total)) s; probes "
                  + run.assignment.probes.map { "L=\($0.maxLoad): \($0.filled) (\(String(format: "%.2f", $0.seconds)) s)" }.joined(separator: ", "))
            runs.append(run)
        }
        try benchmark.write(runs[0])
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        print("  median: to least max load \(String(format: "%.3f", median(runs.map(\.toMaxLoad)))) s, total \(String(format: "%.3f", median(runs.map(\.total)))) s, "
              + "peak RSS \(String(format: "%.0f", peakResidentMebibytes())) MiB; L* = \(runs[0].assignment.maxLoad), travel \(runs[0].assignment.travel)")
        print("  wrote solution_assay.csv and certificate_assay.json")
    }

    /// Only when asked for (it needs wrk and the release `assay`): `assay-bench serve`.
    func serve() async throws {
        let storeFolder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-bench-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: storeFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: storeFolder) }
        let benchmark = ServeBenchmark(workflows: workflows, folder: storeFolder, assay: ".build/release/assay", seconds: 10)
        print("The server: wrk -t2 -c64 for \(benchmark.seconds) s on loopback, beside the library in this process (SQLite, synchronous = FULL)")
        let rates = try await benchmark.run()
        for rate in rates {
            let latency = rate.p50.map { "  p50 \($0), p99 \(rate.p99 ?? "?")" } ?? ""
            print("  \(rate.name.padding(toLength: 50, withPad: " ", startingAt: 0)) \(format(rate.perSecond).leftPadded(9)) /s\(latency)")
        }
        if rates.count == 4 {
            print("  reads: \(String(format: "%.1f", 100 * rates[1].perSecond / rates[0].perSecond))% of the library (floor 30%); "
                  + "answers: \(String(format: "%.1f", 100 * rates[3].perSecond / rates[2].perSecond))% of the library's single appends (floor 60%)")
        }
    }

    /// `assay-bench batch --institutions N`: each batch command a process into a new SQLite store.
    func batch() throws {
        let assay = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("assay").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let runs = min(repetitions, 3)
        print("Batch commands on a nation's files (\(institutions) institutions), each a process into a new SQLite store, median of \(runs)")
        for line in try BatchBenchmark(institutions: institutions, seed: seed, assay: assay, folder: folder).run(repetitions: runs) {
            let rate = Double(line.rows) / line.command.seconds, peerRate = Double(line.rows) / line.peerSeconds
            print("  assay \(line.name)".padding(toLength: 38, withPad: " ", startingAt: 0)
                  + "\(String(line.rows).leftPadded(6)) rows \(String(format: "%7.3f", line.command.seconds)) s \(format(rate).leftPadded(9)) rows/s  peak \(format(line.command.peakMegabytes)) MB")
            print("    plain CSV read + GRDB insert".padding(toLength: 50, withPad: " ", startingAt: 0) + "\(String(format: "%7.3f", line.peerSeconds)) s \(format(peerRate).leftPadded(9)) rows/s  → \(String(format: "%.1f", 100 * rate / peerRate))% of it (floor 25%)")
        }
    }

    /// Alone in its process, so that its peak memory is its own: `assay-bench national --store URL`.
    func national() async throws {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("assay-national-\(UUID().uuidString).sqlite").path
        let location = try StoreLocation(store ?? "sqlite:\(temporary)")
        defer { if store == nil { location.removeCreated() } }
        let benchmark = NationalBenchmark(institutions: institutions, seed: seed, workflows: workflows, store: location)
        let figures = try await benchmark.run()
        print("National campaign: \(institutions) institutions, seed \(seed), into \(location)")
        print("  \(figures.cases) cases, \(figures.events) events, \(figures.checkpoints) checkpoints in \(String(format: "%.1f", figures.seconds)) s: "
              + "\(format(Double(figures.events) / figures.seconds)) events/s, peak RSS \(String(format: "%.0f", peakResidentMebibytes())) MiB")
        print("  stages: " + figures.stages.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        print("  root \(figures.root.hex)")
        let assay = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("assay").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-national-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let runs = min(repetitions, 3)
        let reading = try await benchmark.read(figures, assay: assay, folder: folder, repetitions: runs)
        let events = Double(figures.events)
        func rate(_ run: AuditBenchmark.Run) -> String { "\(format(events / run.seconds).leftPadded(9)) events/s" }
        func peak(_ run: AuditBenchmark.Run) -> String { run.peakMegabytes.isNaN ? "" : "  peak \(format(run.peakMegabytes)) MB" }
        func seconds(_ run: AuditBenchmark.Run) -> String { String(format: "%8.3f s", run.seconds) }
        let onPostgres = if case .postgres = location { true } else { false }
        let scanName = onPostgres ? "COPY … TO STDOUT, psql" : "GRDB scan of the same rows"
        print("Reading it: each `assay` command a process, median of \(runs); \(figures.bytes / 1_000_000) MB of canonical events")
        let verifyRate = Double(figures.bytes) / reading.verify.seconds / 1e6, shaRate = Double(reading.exportBytes) / reading.sha256.seconds / 1e6
        print("  assay verify                     \(seconds(reading.verify)) \(rate(reading.verify)) \(String(format: "%7.1f", verifyRate)) MB/s\(peak(reading.verify))")
        print("  sha256sum of the export (peer)   \(seconds(reading.sha256))                  \(String(format: "%7.1f", shaRate)) MB/s  → verify at \(String(format: "%.1f", 100 * verifyRate / shaRate))% (floor 100%)")
        print("  assay replay --all               \(seconds(reading.replay)) \(rate(reading.replay))\(peak(reading.replay))")
        print("  \(scanName) (peer)".padding(toLength: 35, withPad: " ", startingAt: 0) + "\(seconds(reading.scan)) \(rate(reading.scan))"
              + "  → replay at \(String(format: "%.1f", 100 * reading.scan.seconds / reading.replay.seconds))% (floor \(onPostgres ? 33 : 50)%)")
        if let typed = reading.typedReplay {
            print("  replay, as many typed decisions  \(seconds(typed)) \(rate(typed))  → replay at \(String(format: "%.1f", 100 * typed.seconds / reading.replay.seconds))% (floor 60%)")
        }
        print("  assay history (longest case)     \(seconds(reading.history))\(peak(reading.history))")
        print("  assay case list (a city)         \(seconds(reading.caseList))\(peak(reading.caseList))")
        print("  assay tick (nothing due)         \(seconds(reading.tick))\(peak(reading.tick))")
        print("  assay review show (longest case) \(seconds(reading.reviewShow))\(peak(reading.reviewShow))")
        print("  assay rectification show (same)  \(seconds(reading.rectificationShow))\(peak(reading.rectificationShow))")
        print("  assay assign --dry-run (a city)  \(seconds(reading.assign))\(peak(reading.assign))")
        print("  assay report --region (a county) \(seconds(reading.countyReport))\(peak(reading.countyReport))")
        print("  assay report (the nation)        \(seconds(reading.nationReport))\(peak(reading.nationReport))")
        print("  the same counts in one SQL query \(seconds(reading.nationAggregate))  → the report at \(String(format: "%.1fx", reading.nationReport.seconds / reading.nationAggregate.seconds)) of it (ceiling 5x)")
        let writers = WritersBenchmark(store: location, tool: CommandLine.arguments[0], folder: folder, cases: writerCases)
        let outcome = try await writers.run(writerCounts: [1, 8], repetitions: runs)
        print("Writers appending to it at once, as servers would: \(writerCases) cases a run (open + \(EngineBenchmark.route.count) actions, a transaction each), median of \(runs)")
        for line in outcome.lines {
            let rate = Double(line.events) / line.seconds, peerRate = Double(line.events) / line.peerSeconds
            print("  \(line.writers) writer process\(line.writers == 1 ? "" : "es") (assay-bench writer)".padding(toLength: 44, withPad: " ", startingAt: 0)
                  + "\(String(format: "%8.3f s", line.seconds)) \(format(rate).leftPadded(9)) events/s")
            print("    \(line.writers) \(onPostgres ? "psql" : "sqlite3") process\(line.writers == 1 ? "" : "es"), a row a commit".padding(toLength: 44, withPad: " ", startingAt: 0)
                  + "\(String(format: "%8.3f s", line.peerSeconds)) \(format(peerRate).leftPadded(9)) rows/s  → \(String(format: "%.1f", 100 * rate / peerRate))% of it")
        }
        print("  read back: \(outcome.appended) events appended, \(outcome.acknowledged) acknowledged; positions gap-free and every case whole: \(outcome.gapFree && outcome.appended == outcome.acknowledged ? "yes" : "NO")")
    }

    func loading() throws {
        let paths = try DefinitionLoader.yamlFiles(in: [workflows])
        let files = try paths.map { (name: $0, bytes: try DefinitionLoader.read($0)) }
        let loading = LoadingBenchmark(files: files, passes: 200)
        print("Definition loading: \(files.count) files, \(files.reduce(0) { $0 + $1.bytes.count }) bytes, \(loading.passes) passes per run, median of \(repetitions) runs")
        let loadingResults = try loading.run(repetitions: repetitions)
        let peer = loadingResults[0].median
        for result in loadingResults {
            let filesPerSecond = Double(loading.totalFiles) / result.median
            let megabytesPerSecond = Double(loading.totalBytes) / result.median / 1_000_000
            print("  \(result.name.padding(toLength: 32, withPad: " ", startingAt: 0)) \(format(filesPerSecond).leftPadded(8)) files/s  \(String(format: "%7.1f", megabytesPerSecond)) MB/s  \(String(format: "%5.1f", 100 * peer / result.median))% of libyaml")
        }
    }

    func engine() async throws {
        let library = FlowLibrary(try DefinitionLoader().loadAll([engineFlows]).map(\.definition))
        let engineBenchmark = EngineBenchmark(library: library, cases: 20_000)
        print("Engine throughput: \(engineBenchmark.cases) basic-standard cases, \(engineBenchmark.actionsPerRun) actions per run, one task, median of \(repetitions) runs")
        for result in try await engineBenchmark.run(repetitions: repetitions) {
            print("  \(result.name.padding(toLength: 42, withPad: " ", startingAt: 0)) \(format(Double(engineBenchmark.actionsPerRun) / result.median).leftPadded(9)) actions/s")
        }
    }

    func checklist() async throws {
        let benchmark = ChecklistBenchmark(workflows: workflows, engineFlows: engineFlows, cases: 1_000)
        print("Checklist scoring: a \(ChecklistBenchmark.items)-item checklist answered by 3 experts, scored from the answers, one core, median of \(repetitions) runs")
        let scoring = try benchmark.scoring(repetitions: repetitions)
        print("  the group's result (what guards read)          \(format(Double(scoring.scores) / scoring.group.median).leftPadded(9)) checklists/s  (floor 20,000/s)")
        print("  the group's and each member's (review show)    \(format(Double(scoring.scores) / scoring.withMembers.median).leftPadded(9)) checklists/s")
        print("Replay with and without checklists: \(benchmark.cases) basic-standard cases each, median of \(min(repetitions, 5)) runs")
        for (name, events, measurement) in try await benchmark.replays(repetitions: min(repetitions, 5)) {
            let cases = name.hasPrefix("replay") ? "  \(format(Double(benchmark.cases) / measurement.median).leftPadded(7)) cases/s" : ""
            print("  \(name.padding(toLength: 44, withPad: " ", startingAt: 0)) \(format(Double(events) / measurement.median).leftPadded(9)) events/s\(cases)  (\(events) events)")
        }
    }

    func registration() throws {
        let benchmark = RegistrationBenchmark(rows: 45_000)
        let result = try benchmark.run(repetitions: repetitions)
        print("Registration batch audit: \(benchmark.rows) rows (\(result.bytes / 1_000_000) MB of CSV), median of \(repetitions) runs")
        let readRate = Double(benchmark.rows) / result.read.median
        let auditRate = Double(benchmark.rows) / result.audit.median
        print("  plain CSV read (peer)                 \(format(readRate).leftPadded(9)) rows/s")
        print("  assay registration audit (no record)  \(format(auditRate).leftPadded(9)) rows/s  \(String(format: "%5.1f", 100 * auditRate / readRate))% of the plain read (floor 25%); \(result.failing) rows fail")
    }

    func store(_ selected: Set<String>) async throws {
        let library = FlowLibrary(try DefinitionLoader().loadAll([engineFlows]).map(\.definition))
        let generator = CaseGenerator(library: library)
        let storeFolder = folder.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("assay-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: storeFolder, withIntermediateDirectories: true)
        defer { if folder == nil { try? FileManager.default.removeItem(at: storeFolder) } }

        if selected.contains("append") {
            let benchmark = AppendBenchmark(generator: generator, folder: storeFolder, cases: 4_000, batchSize: 500)
            let singleEvents = 2_000
            print("SQLite appends, WAL: \(singleEvents) events one per transaction; \(benchmark.cases) basic-standard cases (\(benchmark.cases * CaseGenerator.eventsPerCase) events) in batches; median of \(repetitions) runs")
            let results = try await benchmark.run(repetitions: repetitions, singleEvents: singleEvents)
            for (index, result) in results.enumerated() {
                let rate = Double(result.events) / result.measurement.median
                let peer = index % 2 == 0 ? "  \(String(format: "%5.1f", 100 * results[index + 1].measurement.median / result.measurement.median))% of plain GRDB" : ""
                print("  \(result.name.padding(toLength: 66, withPad: " ", startingAt: 0)) \(format(rate).leftPadded(8)) events/s\(peer)")
            }
        }

        if selected.contains("audit") {
            let count = events
            let benchmark = AuditBenchmark(generator: generator, folder: storeFolder, events: count)
            let clock = ContinuousClock()
            var bytes = 0
            let populate = try await clock.measure { bytes = try await benchmark.populate() }
            print("Audit of \(count) events (\(bytes / 1_000_000) MB of canonical events) in SQLite, written in \(populate)")
            let assay = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("assay").path
            let store = "sqlite:\(benchmark.storePath)"
            let audits = min(repetitions, 5)
            // The store was just written: flushed first, so no run pays for the kernel's writeback.
            _ = try AuditBenchmark.timed(["/bin/sync"])
            // Replay and its peer alternate, so both see the machine in the same state.
            var scans: [Double] = [], replays: [AuditBenchmark.Run] = []
            for _ in 0..<audits {
                scans.append(try AuditBenchmark.plainScan(path: benchmark.storePath))
                replays.append(try AuditBenchmark.timed([assay, "replay", "--all", "--store", store]))
            }
            let scan = scans.sorted()[audits / 2]
            let replay = replays.sorted { $0.seconds < $1.seconds }[audits / 2]
            print("  plain GRDB scan (peer) \(format(Double(count) / scan).leftPadded(7)) events/s")
            print("  assay replay --all   \(format(Double(count) / replay.seconds).leftPadded(9)) events/s  peak \(format(replay.peakMegabytes)) MB  (median of \(audits))"
                  + "  \(String(format: "%.1f", 100 * scan / replay.seconds))% of the plain scan")
            let verify = try AuditBenchmark.median([assay, "verify", "--store", store], repetitions: audits)
            _ = try AuditBenchmark.timed([assay, "export", "--output", benchmark.exportPath, "--store", store])
            let exported = try FileManager.default.attributesOfItem(atPath: benchmark.exportPath)[.size] as? Int ?? 0
            let sha = try AuditBenchmark.median(["/usr/bin/sha256sum", benchmark.exportPath], repetitions: audits)
            let verifyRate = Double(bytes) / verify.seconds / 1_000_000
            let shaRate = Double(exported) / sha.seconds / 1_000_000
            print("  assay verify         \(String(format: "%9.1f", verifyRate)) MB/s of events  \(format(Double(count) / verify.seconds)) events/s  peak \(format(verify.peakMegabytes)) MB")
            print("  sha256sum (peer)     \(String(format: "%9.1f", shaRate)) MB/s over the \(exported / 1_000_000) MB export  → verify at \(String(format: "%.1f", 100 * verifyRate / shaRate))%")
        }

        if selected.contains("largelog") {
            let assay = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("assay").path
            let benchmark = LargeLogBenchmark(generator: generator, folder: storeFolder, assay: assay)
            let runs = min(repetitions, 5)
            print("Large logs: `assay history CASE` and `assay tick` (nothing due) as processes, median of \(runs)")
            var small: LargeLogBenchmark.Figures?
            for cases in [1_000, 100_000] {
                let figures = try await benchmark.run(cases: cases, repetitions: runs)
                let growth = small.map { "  (\(String(format: "%.2f", figures.history.seconds / $0.history.seconds))x, \(String(format: "%.2f", figures.tick.seconds / $0.tick.seconds))x the 1,000-case times)" } ?? ""
                print("  \(format(Double(cases)).leftPadded(7)) cases, \(format(Double(figures.events)).leftPadded(7)) events: history \(String(format: "%.3f", figures.history.seconds)) s, "
                      + "tick \(String(format: "%.3f", figures.tick.seconds)) s, peak \(format(figures.tick.peakMegabytes)) MB\(growth)")
                small = small ?? figures
            }
        }
    }
}

func format(_ value: Double) -> String { String(format: "%.0f", value) }

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
