import AssayCore

/// Proof that a log still holds everything an earlier checkpoint covered, unchanged, with only
/// appends after it: two signed checkpoints of one log and the RFC 6962 consistency path
/// between their trees. An auditor checks it without the database.
public struct ConsistencyProof: Sendable, Equatable, Codable {
    /// The earlier checkpoint, which the auditor kept.
    public var first: SignedCheckpoint
    /// The later checkpoint, whose log must extend the first's.
    public var second: SignedCheckpoint
    public var consistencyPath: [LogHash]

    enum CodingKeys: String, CodingKey { case first, second, consistencyPath = "consistency_path" }

    /// The proof that checkpoint `to`'s log extends checkpoint `from`'s.
    public static func make(from: Int, to: Int, in store: any EventStore) async throws -> ConsistencyProof {
        let checkpoints = try await store.checkpoints()
        for number in [from, to] where !checkpoints.indices.contains(number - 1) {
            throw AuditError.noSuchCheckpoint(number, count: checkpoints.count)
        }
        let first = checkpoints[from - 1], second = checkpoints[to - 1]
        guard first.treeSize <= second.treeSize else {
            throw AuditError.invalidProof("checkpoint \(from) covers \(first.treeSize) events, more than checkpoint \(to)'s \(second.treeSize); prove from the earlier to the later")
        }
        let leaves = try await LogReader.leafHashes(of: store, upTo: second.treeSize)
        for checkpoint in [first, second] where MerkleTree.root(leaves[..<checkpoint.treeSize]) != checkpoint.rootHash {
            throw AuditError.invalidProof("the log no longer matches checkpoint \(checkpoint.number); run `assay verify`")
        }
        return ConsistencyProof(first: first, second: second,
                                consistencyPath: MerkleTree.consistencyProof(oldSize: first.treeSize, leaves[...]))
    }

    /// Checks that both checkpoints are signed by trusted keys for one log (and, given
    /// `witnesses`, that a quorum of them cosigned each), and that the path leads from the
    /// first's root to the second's.
    public func verify(trusting keys: TrustedKeys, witnesses: WitnessPolicy? = nil) throws(AuditError) {
        try keys.check(first)
        try keys.check(second)
        try witnesses?.check(first)
        try witnesses?.check(second)
        if let a = first.origin, let b = second.origin, a != b {
            throw .invalidProof("checkpoint \(first.number) is of the log '\(a)' and checkpoint \(second.number) of '\(b)': they are different logs")
        }
        guard first.treeSize <= second.treeSize else {
            throw .invalidProof("the first checkpoint covers \(first.treeSize) events, more than the second's \(second.treeSize)")
        }
        guard MerkleTree.verifyConsistency(oldSize: first.treeSize, newSize: second.treeSize,
                                           oldRoot: first.rootHash, newRoot: second.rootHash, path: consistencyPath)
        else {
            throw .invalidProof("the consistency path does not lead from the root of \(first.treeSize) events to the root of \(second.treeSize): the later log does not extend the earlier one")
        }
    }
}
