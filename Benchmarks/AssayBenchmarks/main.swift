import AssayCore
import Coordinators
import Foundation

// `swift build -c release && .build/release/assay-bench [loading|engine|append|audit|checklist|registration]
// [--repetitions N] [--workflows PATH] [--events N] [--folder PATH, to keep the stores]`: definition loading against raw libyaml,
// engine throughput in memory, SQLite appends against plain GRDB inserts, replay and verify
// of a large log against sha256sum, and checklist scoring and the replay of reviewed cases
// against the replay of cases without checklists. Prints medians of the repeated runs; nothing
// is asserted.

let options = BenchmarkOptions(Array(CommandLine.arguments.dropFirst()))
let workflows = options.workflows
let repetitions = options.repetitions
let selected = options.benchmarks
let paths = try DefinitionLoader.yamlFiles(in: [workflows])
let files = try paths.map { (name: $0, bytes: try DefinitionLoader.read($0)) }

func format(_ value: Double) -> String { String(format: "%.0f", value) }

if selected.contains("assign") {
    // Alone in its process, so that its peak memory is its own: `assay-bench assign --instance DIR`.
    let benchmark = AssignmentBenchmark(instance: options.instance)
    print("Review-team assignment: \(options.instance), \(repetitions) runs in this process")
    var runs: [AssignmentBenchmark.Run] = []
    for _ in 0..<repetitions {
        let run: AssignmentBenchmark.Run
        do {
            run = try benchmark.run()
        } catch let shortfall as AssignmentShortfall {
            try benchmark.write(shortfall.certificate)
            print(shortfall)
            print("  wrote certificate_assay.json (check it with verify.py DIR --certificate)")
            exit(2)
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

if selected.contains("loading") {
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

if selected.contains("engine") {
let library = FlowLibrary(try DefinitionLoader().loadAll([options.engineFlows]).map(\.definition))
let engineBenchmark = EngineBenchmark(library: library, cases: 20_000)
print("Engine throughput: \(engineBenchmark.cases) basic-standard cases, \(engineBenchmark.actionsPerRun) actions per run, one task, median of \(repetitions) runs")
for result in try await engineBenchmark.run(repetitions: repetitions) {
    print("  \(result.name.padding(toLength: 38, withPad: " ", startingAt: 0)) \(format(Double(engineBenchmark.actionsPerRun) / result.median).leftPadded(9)) actions/s")
}
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

if selected.contains("checklist") {
    let benchmark = ChecklistBenchmark(workflows: workflows, engineFlows: options.engineFlows, cases: 1_000)
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

if selected.contains("registration") {
    let benchmark = RegistrationBenchmark(rows: 45_000)
    let result = try benchmark.run(repetitions: repetitions)
    print("Registration batch audit: \(benchmark.rows) rows (\(result.bytes / 1_000_000) MB of CSV), median of \(repetitions) runs")
    let readRate = Double(benchmark.rows) / result.read.median
    let auditRate = Double(benchmark.rows) / result.audit.median
    print("  plain CSV read (peer)                 \(format(readRate).leftPadded(9)) rows/s")
    print("  assay registration audit (no record)  \(format(auditRate).leftPadded(9)) rows/s  \(String(format: "%5.1f", 100 * auditRate / readRate))% of the plain read (floor 25%); \(result.failing) rows fail")
}

if selected.contains("append") || selected.contains("audit") {
    let library = FlowLibrary(try DefinitionLoader().loadAll([options.engineFlows]).map(\.definition))
    let generator = CaseGenerator(library: library)
    let folder = options.folder.map { URL(fileURLWithPath: $0) }
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("assay-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { if options.folder == nil { try? FileManager.default.removeItem(at: folder) } }

    if selected.contains("append") {
        let benchmark = AppendBenchmark(generator: generator, folder: folder, cases: 4_000, batchSize: 500)
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
        let count = options.events
        let benchmark = AuditBenchmark(generator: generator, folder: folder, events: count)
        let clock = ContinuousClock()
        var bytes = 0
        let populate = try await clock.measure { bytes = try await benchmark.populate() }
        print("Audit of \(count) events (\(bytes / 1_000_000) MB of canonical events) in SQLite, written in \(populate)")
        let assay = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("assay").path
        let store = "sqlite:\(benchmark.storePath)"
        let audits = min(repetitions, 3)
        let replay = try AuditBenchmark.median([assay, "replay", "--all", "--store", store], repetitions: audits)
        print("  assay replay --all   \(format(Double(count) / replay.seconds).leftPadded(9)) events/s  peak \(format(replay.peakMegabytes)) MB  (median of \(audits))")
        let verify = try AuditBenchmark.median([assay, "verify", "--store", store], repetitions: audits)
        _ = try AuditBenchmark.timed([assay, "export", "--output", benchmark.exportPath, "--store", store])
        let exported = try FileManager.default.attributesOfItem(atPath: benchmark.exportPath)[.size] as? Int ?? 0
        let sha = try AuditBenchmark.median(["/usr/bin/sha256sum", benchmark.exportPath], repetitions: audits)
        let verifyRate = Double(bytes) / verify.seconds / 1_000_000
        let shaRate = Double(exported) / sha.seconds / 1_000_000
        print("  assay verify         \(String(format: "%9.1f", verifyRate)) MB/s of events  \(format(Double(count) / verify.seconds)) events/s  peak \(format(verify.peakMegabytes)) MB")
        print("  sha256sum (peer)     \(String(format: "%9.1f", shaRate)) MB/s over the \(exported / 1_000_000) MB export  → verify at \(String(format: "%.1f", 100 * verifyRate / shaRate))%")
    }
}
