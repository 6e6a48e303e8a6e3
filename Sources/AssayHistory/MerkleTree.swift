import AssayCore

/// The Merkle tree of RFC 6962 (Certificate Transparency) over a log's leaf hashes.
///
/// A tree of n leaves splits at k, the largest power of two below n: its hash is the node hash
/// of the tree of the first k leaves and the tree of the rest.
public enum MerkleTree {
    /// The root hash of the tree of `leaves`.
    public static func root(_ leaves: ArraySlice<LogHash>) -> LogHash {
        switch leaves.count {
        case 0: return .empty
        case 1: return leaves[leaves.startIndex]
        default:
            let split = leaves.startIndex + largestPowerOfTwo(below: leaves.count)
            return .node(root(leaves[..<split]), root(leaves[split...]))
        }
    }

    /// The audit path proving that leaf `index` (from 0) is in the tree of `leaves`.
    public static func inclusionProof(index: Int, _ leaves: ArraySlice<LogHash>) -> [LogHash] {
        guard leaves.count > 1 else { return [] }
        let split = largestPowerOfTwo(below: leaves.count)
        let middle = leaves.startIndex + split
        if index < split {
            return inclusionProof(index: index, leaves[..<middle]) + [root(leaves[middle...])]
        }
        return inclusionProof(index: index - split, leaves[middle...]) + [root(leaves[..<middle])]
    }

    /// The root that `path` proves for `leaf` at `index` in a tree of `size` leaves, or nil when
    /// the path cannot belong to such a tree (RFC 9162, section 2.1.3.2).
    public static func root(fromInclusionProof path: [LogHash], leaf: LogHash, index: Int, size: Int) -> LogHash? {
        guard index >= 0, index < size else { return nil }
        var fn = index, sn = size - 1, result = leaf
        for sibling in path {
            guard sn > 0 else { return nil }
            if fn & 1 == 1 || fn == sn {
                result = .node(sibling, result)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                result = .node(result, sibling)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 ? result : nil
    }

    /// The consistency proof that the tree of the first `oldSize` of `leaves` is a prefix of the
    /// tree of all of them (RFC 6962, section 2.1.2). Empty when `oldSize` is 0 or the whole.
    public static func consistencyProof(oldSize: Int, _ leaves: ArraySlice<LogHash>) -> [LogHash] {
        guard oldSize > 0, oldSize < leaves.count else { return [] }
        return subproof(oldSize, leaves, completeSubtree: true)
    }

    /// SUBPROOF(m, D[n], b) of RFC 6962: `completeSubtree` says whether the old tree's root is
    /// this subtree's root, which the verifier knows and need not be given.
    private static func subproof(_ m: Int, _ leaves: ArraySlice<LogHash>, completeSubtree: Bool) -> [LogHash] {
        let n = leaves.count
        if m == n { return completeSubtree ? [] : [root(leaves)] }
        let k = largestPowerOfTwo(below: n)
        let middle = leaves.startIndex + k
        if m <= k {
            return subproof(m, leaves[..<middle], completeSubtree: completeSubtree) + [root(leaves[middle...])]
        }
        return subproof(m - k, leaves[middle...], completeSubtree: false) + [root(leaves[..<middle])]
    }

    /// Whether `path` proves that the tree of `oldSize` leaves with root `oldRoot` is a prefix of
    /// the tree of `newSize` leaves with root `newRoot` (RFC 9162, section 2.1.4.2).
    public static func verifyConsistency(oldSize: Int, newSize: Int, oldRoot: LogHash, newRoot: LogHash, path: [LogHash]) -> Bool {
        guard oldSize >= 0, oldSize <= newSize else { return false }
        if oldSize == newSize { return path.isEmpty && oldRoot == newRoot }
        // Every tree extends the empty one, and the empty tree's root is fixed.
        if oldSize == 0 { return path.isEmpty && oldRoot == .empty }
        guard let roots = roots(fromConsistencyProof: path, oldSize: oldSize, newSize: newSize, oldRoot: oldRoot) else { return false }
        return roots.old == oldRoot && roots.new == newRoot
    }

    /// The roots of the trees of `oldSize` and `newSize` leaves (0 < `oldSize` < `newSize`)
    /// that `path` leads to, or nil when it cannot belong to such trees (RFC 9162, section
    /// 2.1.4.2). The path leaves out the old root when `oldSize` is a power of two, and then it
    /// is taken to be `oldRoot`. A path that leads to the new root from another old root than
    /// the one remembered shows a fork: the new tree does not extend the remembered one.
    public static func roots(fromConsistencyProof path: [LogHash], oldSize: Int, newSize: Int, oldRoot: LogHash) -> (old: LogHash, new: LogHash)? {
        guard oldSize > 0, oldSize < newSize, !path.isEmpty else { return nil }
        var path = path[...]
        if oldSize & (oldSize - 1) == 0 { path.insert(oldRoot, at: path.startIndex) }
        var fn = oldSize - 1, sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path.removeFirst(), sr = fr
        for c in path {
            guard sn > 0 else { return nil }
            if fn & 1 == 1 || fn == sn {
                fr = .node(c, fr)
                sr = .node(c, sr)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                sr = .node(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 ? (fr, sr) : nil
    }

    static func largestPowerOfTwo(below n: Int) -> Int {
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }
}

/// Builds a Merkle root leaf by leaf in memory proportional to the tree's height, so a log of
/// any length can be checked against its checkpoints in one pass.
public struct MerkleAccumulator: Sendable {
    /// Roots of perfect subtrees, largest (leftmost) first, with their sizes.
    private var subtrees: [(size: Int, hash: LogHash)] = []
    public private(set) var count = 0

    public init() {}

    public mutating func append(_ leaf: LogHash) {
        var size = 1, hash = leaf
        while let last = subtrees.last, last.size == size {
            subtrees.removeLast()
            hash = .node(last.hash, hash)
            size *= 2
        }
        subtrees.append((size, hash))
        count += 1
    }

    /// The root of the tree of every leaf appended so far.
    public var root: LogHash {
        guard var result = subtrees.last?.hash else { return .empty }
        for subtree in subtrees.dropLast().reversed() {
            result = .node(subtree.hash, result)
        }
        return result
    }
}
