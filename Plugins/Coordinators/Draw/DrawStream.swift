import AssayCore
import Crypto

/// The draw's random numbers, from a seed nobody could choose: SHA-256 in counter mode.
///
/// - seed = SHA-256 of the UTF-8 text `assay-draw-1`, the announcement id, the checkpoint's
///   number, tree size and root hash (lowercase hex), each followed by a line feed;
/// - block *i* (i = 0, 1, 2, …) = SHA-256(seed ‖ i as 8 bytes, big-endian); each block gives one
///   number, its first 8 bytes read big-endian;
/// - a number below *n* is a block's number modulo *n*, after rejecting numbers at or above
///   *n* · ⌊2⁶⁴ / n⌋ (and taking the next block), so every value is equally likely.
struct DrawStream {
    private let seed: [UInt8]
    private var counter: UInt64 = 0

    init(announcement: String, checkpoint: SignedCheckpoint) {
        let text = "assay-draw-1\n\(announcement)\n\(checkpoint.number)\n\(checkpoint.treeSize)\n\(checkpoint.rootHash.hex)\n"
        seed = Array(SHA256.hash(data: Array(text.utf8)))
    }

    /// The seed, as 64 hex digits.
    var seedHex: String { Hex.encode(seed) }

    private mutating func next() -> UInt64 {
        var input = seed
        for shift in stride(from: 56, through: 0, by: -8) { input.append(UInt8(truncatingIfNeeded: counter >> UInt64(shift))) }
        counter += 1
        return Array(SHA256.hash(data: input)).prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// A number in `0..<n`, every value equally likely.
    mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        let bound = UInt64(n)
        let limit = (UInt64.max / bound) * bound  // n · ⌊(2⁶⁴ − 1) / n⌋ ≤ n · ⌊2⁶⁴ / n⌋
        while true {
            let value = next()
            if value < limit { return Int(value % bound) }
        }
    }

    /// The first `count` of `items` after a partial Fisher–Yates shuffle: for t = 0, 1, …,
    /// swap item t with item t + below(remaining).
    mutating func choose<T>(_ count: Int, from items: [T]) -> [T] {
        var items = items
        for t in 0..<min(count, items.count) {
            items.swapAt(t, t + below(items.count - t))
        }
        return Array(items.prefix(count))
    }
}
