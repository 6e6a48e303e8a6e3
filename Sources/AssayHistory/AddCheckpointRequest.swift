import AssayCore
import Foundation

/// The body of a C2SP `tlog-witness` add-checkpoint request: the size of the checkpoint the
/// witness last cosigned for this log (`old N`), the consistency proof from that size to the
/// new checkpoint's (one base64 hash a line), a blank line, then the new checkpoint's signed note.
///
/// ```
/// old 177
/// PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=
///
/// assay.jiaozuo.example/reviews
/// 212
/// …
/// ```
public struct AddCheckpointRequest: Sendable, Equatable {
    public var oldSize: Int
    public var proof: [LogHash]
    /// The checkpoint's signed note, with every signature line the log sent.
    public var note: String

    public init(oldSize: Int, proof: [LogHash], note: String) {
        self.oldSize = oldSize
        self.proof = proof
        self.note = note
    }

    /// The request asking a witness that last cosigned size `oldSize` of the store's log to
    /// cosign checkpoint `number`: the proof is computed from the log, whose first `oldSize`
    /// entries and the checkpoint's must still hash to what was signed.
    public static func make(for number: Int, oldSize: Int, in store: any EventStore) async throws -> AddCheckpointRequest {
        let checkpoints = try await store.checkpoints()
        guard checkpoints.indices.contains(number - 1) else { throw AuditError.noSuchCheckpoint(number, count: checkpoints.count) }
        let leaves = try await LogReader.leafHashes(of: store, upTo: checkpoints[number - 1].treeSize)
        return try make(for: checkpoints[number - 1], oldSize: oldSize, leaves: leaves[...])
    }

    /// The request for `checkpoint` from `oldSize`, given its log's leaf hashes (the first
    /// `treeSize` of them are used), which must hash to the checkpoint's root.
    public static func make(for checkpoint: SignedCheckpoint, oldSize: Int, leaves: ArraySlice<LogHash>) throws(AuditError) -> AddCheckpointRequest {
        // The note with the log's own signature only: witnesses' lines are theirs to add.
        var bare = checkpoint
        bare.cosignatures = []
        guard let note = bare.note else {
            throw .note("checkpoint \(checkpoint.number) was signed before checkpoints named their log, so no witness can cosign it; sign a new one")
        }
        guard oldSize >= 0, oldSize <= checkpoint.treeSize else {
            throw .invalidProof("the witness's size \(oldSize) is larger than checkpoint \(checkpoint.number)'s \(checkpoint.treeSize); ask it to cosign a later checkpoint")
        }
        let covered = leaves.prefix(checkpoint.treeSize)
        guard covered.count == checkpoint.treeSize, MerkleTree.root(covered) == checkpoint.rootHash else {
            throw .invalidProof("the log no longer matches checkpoint \(checkpoint.number); run `assay verify`")
        }
        return AddCheckpointRequest(oldSize: oldSize, proof: MerkleTree.consistencyProof(oldSize: oldSize, covered), note: note)
    }

    /// The most proof lines a request may carry.
    public static let maximumProofLines = 63

    /// Reads a request body; throws `AuditError.note` naming what is wrong (a witness answers 400).
    public init(_ text: String) throws(AuditError) {
        guard let blank = text.range(of: "\n\n") else {
            throw .note("a request is the old size line, the proof lines, a blank line and the checkpoint's note")
        }
        let lines = text[..<blank.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.hasPrefix("old "), let size = Int(first.dropFirst(4)), size >= 0, String(size) == first.dropFirst(4) else {
            throw .note("the first line is `old N`, the size the witness last cosigned, in decimal without leading zeros")
        }
        guard lines.count - 1 <= Self.maximumProofLines else {
            throw .note("a consistency proof has at most \(Self.maximumProofLines) lines, not \(lines.count - 1)")
        }
        var proof: [LogHash] = []
        for line in lines.dropFirst() {
            guard let bytes = Data(base64Encoded: String(line)), bytes.count == 32 else {
                throw .note("the proof line '\(line)' is not a 32-byte hash in base64")
            }
            proof.append(LogHash(bytes: Array(bytes)))
        }
        self.init(oldSize: size, proof: proof, note: String(text[blank.upperBound...]))
    }

    /// The request body.
    public var text: String {
        "old \(oldSize)\n" + proof.map { Data($0.bytes).base64EncodedString() + "\n" }.joined() + "\n" + note
    }
}
