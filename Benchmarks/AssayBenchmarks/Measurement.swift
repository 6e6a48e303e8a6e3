/// Times a piece of work several times and reports the median.
struct Measurement {
    var name: String
    /// Seconds per run, one entry per repetition.
    var seconds: [Double]

    var median: Double {
        let sorted = seconds.sorted()
        return sorted[sorted.count / 2]
    }

    /// Runs `work` once to warm up, then `repetitions` times, timing each.
    static func run(_ name: String, repetitions: Int, _ work: () throws -> Void) rethrows -> Measurement {
        try work()
        let clock = ContinuousClock()
        var seconds: [Double] = []
        for _ in 0..<repetitions {
            let elapsed = try clock.measure(work)
            seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return Measurement(name: name, seconds: seconds)
    }

    /// The async counterpart of `run`. What `work` returns is freed after the clock stops, so
    /// tearing down a run's results is not timed.
    static func run<Result>(_ name: String, repetitions: Int, _ work: () async throws -> Result) async rethrows -> Measurement {
        _ = try await work()
        let clock = ContinuousClock()
        var seconds: [Double] = []
        for _ in 0..<repetitions {
            let start = clock.now
            var result: Result? = try await work()
            let elapsed = clock.now - start
            result = nil
            seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            withExtendedLifetime(result) {}
        }
        return Measurement(name: name, seconds: seconds)
    }

    /// Like `run`, with what each run starts from made by `setUp` before the clock starts.
    static func run<Prepared, Result>(
        _ name: String, repetitions: Int, setUp: () async throws -> Prepared, _ work: (consuming Prepared) async throws -> Result
    ) async rethrows -> Measurement {
        _ = try await work(try await setUp())
        let clock = ContinuousClock()
        var seconds: [Double] = []
        for _ in 0..<repetitions {
            let prepared = try await setUp()
            let start = clock.now
            var result: Result? = try await work(prepared)
            let elapsed = clock.now - start
            result = nil
            seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            withExtendedLifetime(result) {}
        }
        return Measurement(name: name, seconds: seconds)
    }
}
