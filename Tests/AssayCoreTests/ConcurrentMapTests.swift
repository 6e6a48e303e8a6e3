import AssayCore
import Testing

@Suite("Concurrent map")
struct ConcurrentMapTests {
    @Test("a long array mapped on every core gives map's results in map's order; a short one too", arguments: [0, 1, 511, 1_024, 10_001])
    func keepsOrder(_ count: Int) {
        let numbers = Array(0..<count)
        let transform: @Sendable (Int) -> String = { "\($0 * 7 % 1_000)-\($0)" }
        #expect(numbers.concurrentMap(transform) == numbers.map(transform))
    }
}
