import AssayCore

/// Proof that an event is in the log a signed checkpoint covers, checkable without the database:
/// the event's canonical bytes, the audit path from its leaf to the root, and the checkpoint.
public struct InclusionProof: Sendable, Equatable, Codable {
    /// The event's position in the log (from 1).
    public var position: Int
    /// The event's canonical JSON, exactly as hashed.
    public var event: String
    public var auditPath: [LogHash]
    public var checkpoint: SignedCheckpoint

    enum CodingKeys: String, CodingKey { case position, event, auditPath = "audit_path", checkpoint }

    /// The proof that the event at `position` is in the tree of checkpoint `number`.
    public static func make(for position: Int, checkpoint number: Int, in store: any EventStore) async throws -> InclusionProof {
        let checkpoints = try await store.checkpoints()
        guard checkpoints.indices.contains(number - 1) else {
            throw AuditError.noSuchCheckpoint(number, count: checkpoints.count)
        }
        let checkpoint = checkpoints[number - 1]
        let size = try await store.logSize()
        guard position >= 1, position <= size else { throw AuditError.noSuchEvent(position: position, logSize: size) }
        guard position <= checkpoint.treeSize else {
            throw AuditError.eventNotCovered(position: position, treeSize: checkpoint.treeSize)
        }
        let leaves = try await LogReader.leafHashes(of: store, upTo: checkpoint.treeSize)
        guard let entry = try await store.entries(from: position, limit: 1).first, entry.position == position,
              MerkleTree.root(leaves[...]) == checkpoint.rootHash
        else {
            throw AuditError.invalidProof("the log no longer matches checkpoint \(number); run `assay verify`")
        }
        return InclusionProof(position: position, event: String(decoding: entry.body, as: UTF8.self),
                              auditPath: MerkleTree.inclusionProof(index: position - 1, leaves[...]), checkpoint: checkpoint)
    }

    /// Checks the proof: that a trusted key signed the checkpoint (and, given `witnesses`, that
    /// a quorum of them cosigned it), and that the event's leaf hash and the audit path lead to
    /// the checkpoint's root.
    public func verify(trusting keys: TrustedKeys, witnesses: WitnessPolicy? = nil) throws(AuditError) {
        try keys.check(checkpoint)
        try witnesses?.check(checkpoint)
        let leaf = LogHash.leaf(Array(event.utf8))
        guard let root = MerkleTree.root(fromInclusionProof: auditPath, leaf: leaf, index: position - 1, size: checkpoint.treeSize) else {
            throw .invalidProof("the audit path does not fit position \(position) in a tree of \(checkpoint.treeSize)")
        }
        guard root == checkpoint.rootHash else {
            throw .invalidProof("the event and audit path lead to root \(root.hex), not the checkpoint's \(checkpoint.rootHash.hex)")
        }
    }
}
