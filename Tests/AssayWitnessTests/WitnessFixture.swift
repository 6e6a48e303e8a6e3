import AssayCore
import AssayHistory
import AssayWitness
import Foundation

/// A witness in a temporary store, watching one log whose leaves and key the test holds.
struct WitnessFixture {
    static let origin = "city.jiaozuo.example/reviews"
    let logKey = CheckpointKey()
    let witness: Witness
    let leaves: [LogHash]

    init(leafCount: Int = 20) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("witness-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let keyFile = folder.appendingPathComponent("witness.key").path
        let key = CheckpointKey()
        try key.write(to: keyFile)
        let store = try WitnessStore(path: folder.appendingPathComponent("witness.sqlite").path, create: true)
        try store.initialise(.init(name: "witness.henan.example/province", publicKey: key.publicKey, keyFile: keyFile))
        try store.add(.init(origin: Self.origin, keyName: Self.origin, publicKey: Hex.decode(logKey.publicKey) ?? []))
        witness = try Witness(store: store)
        leaves = Self.leaves(leafCount)
    }

    /// `count` distinct leaves; `forkedAt` (from 0) gives that one other content.
    static func leaves(_ count: Int, forkedAt fork: Int? = nil) -> [LogHash] {
        (0..<count).map { LogHash.leaf(Array("entry \($0)\($0 == fork ? " forked" : "")".utf8)) }
    }

    /// The signed note of the log of `leaves`' first `size`, signed by `key` (the log's own by default).
    func note(size: Int, of leaves: [LogHash]? = nil, key: CheckpointKey? = nil, origin: String = origin) throws -> String {
        let leaves = leaves ?? self.leaves
        let checkpoint = try (key ?? logKey).sign(number: 1, origin: origin, treeSize: size, rootHash: MerkleTree.root(leaves[..<size]),
                                                  at: Timestamp(milliseconds: 1_670_000_000_000 + Int64(size)))
        return checkpoint.note ?? ""
    }

    /// The request to cosign size `size` after `oldSize`, with the honest proof of `leaves`.
    func request(from oldSize: Int, to size: Int, of leaves: [LogHash]? = nil, key: CheckpointKey? = nil) throws -> AddCheckpointRequest {
        let leaves = leaves ?? self.leaves
        return AddCheckpointRequest(oldSize: oldSize, proof: MerkleTree.consistencyProof(oldSize: oldSize, leaves[..<size]),
                                    note: try note(size: size, of: leaves, key: key))
    }

    /// The size the witness last cosigned for the log.
    func remembered() throws -> Int? {
        try witness.store.cosigned(Self.origin).last?.treeSize
    }
}
