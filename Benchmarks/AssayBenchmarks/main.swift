import AssayCore
import Foundation

// `swift run -c release assay-bench [loading|engine] [--repetitions N] [--workflows PATH]`:
// definition loading against raw libyaml, and engine throughput in memory. Prints medians of
// the repeated runs; nothing here is asserted.

let options = BenchmarkOptions(Array(CommandLine.arguments.dropFirst()))
let workflows = options.workflows
let repetitions = options.repetitions
let selected = options.benchmarks
let paths = try DefinitionLoader.yamlFiles(in: [workflows])
let files = try paths.map { (name: $0, bytes: try DefinitionLoader.read($0)) }

func format(_ value: Double) -> String { String(format: "%.0f", value) }

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
let library = FlowLibrary(try DefinitionLoader().loadAll([workflows]).map(\.definition))
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
