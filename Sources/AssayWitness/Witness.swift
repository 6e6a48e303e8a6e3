import AssayCore
import AssayHistory
import Crypto
import Foundation

/// A witness of other commissions' logs: it cosigns a checkpoint only when the log's key signed
/// it and a consistency proof shows that it extends the last checkpoint the witness cosigned
/// for that log, so a log cannot show one history to some and another to others unseen.
/// The checks and answers follow C2SP `tlog-witness`; the cosignatures are C2SP
/// `cosignature/v1`.
public struct Witness: Sendable {
    public let store: WitnessStore
    public let name: String
    private let key: CheckpointKey

    /// The witness whose memory is `store`, signing with the key in the file its store names.
    public init(store: WitnessStore) throws {
        guard let identity = try store.identity() else {
            throw StoreError.unreachable("\(store.path) holds no witness yet; create one with `assay witness init --state \(store.path) --key KEYFILE --name NAME`")
        }
        let key = try CheckpointKey(file: identity.keyFile)
        guard key.publicKey == identity.publicKey else {
            throw AuditError.keyFile(identity.keyFile, "it holds the key \(key.publicKey), not the witness's \(identity.publicKey)")
        }
        self.store = store
        self.name = identity.name
        self.key = key
    }

    /// Checks `request` against what the witness remembers of its log, remembers the new
    /// checkpoint and returns the witness's cosignature of it; or throws the `WitnessError` the
    /// protocol answers with, keeping the refused note as evidence when it contradicts what the
    /// witness cosigned. `time` is the cosignature's timestamp, in seconds since the Epoch.
    public func cosign(_ request: AddCheckpointRequest, at time: Int = Int(Date().timeIntervalSince1970)) throws -> Cosignature {
        let note: SignedNote
        let body: (origin: String, treeSize: Int, rootHash: LogHash, extensions: [String])
        do {
            note = try SignedNote(request.note)
            body = try note.checkpointBody()
        } catch {
            throw WitnessError.malformed(error.description)
        }
        // Signed before the transaction, kept with the checkpoint inside it: a monitor later
        // fetches the note with this line, and the witness never answers without remembering.
        let cosignature = try key.cosign(body: note.body, as: name, at: time)
        _ = try store.decide(body.origin) { log, latest throws(WitnessError) in
            guard let log else { throw .unknownOrigin(body.origin) }
            try Self.checkSignature(note, by: log)
            guard request.oldSize <= body.treeSize else { throw .sizeWentBack(oldSize: request.oldSize, treeSize: body.treeSize) }
            let witnessSize = latest?.treeSize ?? 0
            guard request.oldSize == witnessSize else { throw .wrongOldSize(given: request.oldSize, witnessSize: witnessSize) }
            if body.treeSize == 0 && body.rootHash != .empty { throw .badEmptyRoot }
            let problem = Self.inconsistency(of: request, origin: body.origin, treeSize: body.treeSize, rootHash: body.rootHash, with: latest)
            switch problem {
            case nil:
                return .cosign(WitnessStore.Cosigned(treeSize: body.treeSize, rootHash: body.rootHash, note: request.note, cosignedAt: time,
                                                     cosignature: cosignature.noteLine ?? ""))
            case let error?:
                let evidence = WitnessStore.Evidence(reason: error.description, cosignedNote: latest?.note, refusedRequest: request.text, receivedAt: time)
                return .refuse(error, evidence: evidence)
            }
        }
        return cosignature
    }

    /// The latest checkpoint the witness cosigned of the log whose origin hashes to
    /// `originHash` (SHA-256, lowercase hex), with its cosignature: the tlog-witness monitoring
    /// read. Nil when it watches no such log or never cosigned it.
    public func latest(originHash: String) throws -> WitnessStore.Cosigned? {
        guard let log = try store.logs().first(where: { Hex.encode(SHA256.hash(data: Array($0.origin.utf8))) == originHash }) else { return nil }
        return try store.cosigned(log.origin).last
    }

    /// Checks that the note carries a signature by the log's key, and that every line that names
    /// that key verifies.
    private static func checkSignature(_ note: SignedNote, by log: WitnessStore.WatchedLog) throws(WitnessError) {
        let keyID = SignedCheckpoint.noteKeyID(name: log.keyName, publicKey: log.publicKey)
        let lines = note.signatures.filter { $0.name == log.keyName && $0.keyID == keyID }
        guard !lines.isEmpty, lines.allSatisfy({ Ed25519.isValid($0.bytes, of: Array(note.body.utf8), by: log.publicKey) }) else {
            throw .badSignature(origin: log.origin)
        }
    }

    /// Why the checkpoint does not extend `latest`, or nil when it does.
    private static func inconsistency(of request: AddCheckpointRequest, origin: String, treeSize: Int, rootHash: LogHash,
                                      with latest: WitnessStore.Cosigned?) -> WitnessError? {
        guard let latest, latest.treeSize > 0 else {
            return request.proof.isEmpty ? nil : .badProof("from size 0 the proof is empty: every tree extends the empty one")
        }
        if latest.treeSize == treeSize {
            guard request.proof.isEmpty else { return .badProof("between checkpoints of the same size the proof is empty") }
            return latest.rootHash == rootHash ? nil
                : .fork(origin: origin, treeSize: treeSize, "the witness cosigned root \(latest.rootHash.hex) at this size, and this checkpoint has root \(rootHash.hex)")
        }
        guard let roots = MerkleTree.roots(fromConsistencyProof: request.proof, oldSize: latest.treeSize, newSize: treeSize, oldRoot: latest.rootHash) else {
            return .badProof("\(request.proof.count) hashes cannot be a proof from size \(latest.treeSize) to \(treeSize)")
        }
        guard roots.new == rootHash else {
            return .badProof("it leads to root \(roots.new.hex), not the checkpoint's \(rootHash.hex)")
        }
        guard roots.old == latest.rootHash else {
            return .fork(origin: origin, treeSize: treeSize, "its first \(latest.treeSize) entries have root \(roots.old.hex), but the witness cosigned root \(latest.rootHash.hex) for them")
        }
        return nil
    }
}
