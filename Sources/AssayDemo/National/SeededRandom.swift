import Foundation

/// A random number generator that a seed fixes: SplitMix64, so the same seed gives the same
/// campaign on every machine and every run (Swift's own generator is seeded by the system).
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// A generator of its own for part `stream` of what `seed` generates, so that changing one
    /// part leaves the others as they were.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SeededRandom(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        state = mixer.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }

    /// A whole number in [0, `count`).
    mutating func below(_ count: Int) -> Int {
        min(count - 1, Int(unit() * Double(count)))
    }

    /// N(0, 1), by Box-Muller.
    mutating func normal() -> Double {
        let u1 = 1 - unit(), u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Shuffles `items` in place (Fisher-Yates).
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(index, below(index + 1))
        }
    }

    /// Whether an event of probability `p` happens.
    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// Index `i` with probability `weights[i] / sum(weights)`.
    mutating func weighted(_ weights: [Double]) -> Int {
        var x = unit() * weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            x -= weight
            if x < 0 { return index }
        }
        return weights.count - 1
    }
}
