/// The benchmark's command line: which benchmarks to run, how often, on which flows.
struct BenchmarkOptions {
    var workflows = "Workflows"
    /// The flow the engine, append and audit benchmarks drive: decisions typed in, no plugin.
    var engineFlows = "Benchmarks/Flows"
    var repetitions = 11
    var events = 1_000_000
    /// Where the benchmarks write their stores; a temporary folder, removed after, by default.
    var folder: String?
    /// The assignment instance folder (`generate.py --out`), for `assign`.
    var instance = "/tmp/assign-data/national"
    var benchmarks: Set<String> = ["loading", "engine", "append", "audit", "checklist", "registration"]

    init(_ arguments: [String]) {
        var named: [String] = []
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--workflows": workflows = iterator.next() ?? workflows
            case "--repetitions": repetitions = iterator.next().flatMap(Int.init) ?? repetitions
            case "--events": events = iterator.next().flatMap(Int.init) ?? events
            case "--folder": folder = iterator.next()
            case "--instance": instance = iterator.next() ?? instance
            default: named.append(argument)
            }
        }
        if !named.isEmpty { benchmarks = Set(named) }
    }
}
