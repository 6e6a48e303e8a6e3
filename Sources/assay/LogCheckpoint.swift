import ArgumentParser
import AssayCore
import AssayHistory
import Foundation

/// `assay log checkpoint`: signs and stores the log's current tree head.
struct LogCheckpoint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Sign the log's current size and root hash, store and print the checkpoint.",
        discussion: "Computes the Merkle root of the whole log, signs it with the key file's Ed25519 key, stores the checkpoint and prints it as JSON for publication."
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "The operator's key file (see `assay log keygen`).")
    var key: String

    func run() async throws {
        let signingKey = try CheckpointKey(file: key)
        let eventStore = try await store.open()
        var tree = MerkleAccumulator()
        for try await batch in LogReader(store: eventStore) {
            for entry in batch { tree.append(LogHash.leaf(entry.body)) }
        }
        let number = try await eventStore.checkpoints().count + 1
        let checkpoint = try signingKey.sign(number: number, treeSize: tree.count, rootHash: tree.root, at: Timestamp(Date()))
        try await eventStore.add(checkpoint)
        print(try JSONOutput.encode(checkpoint))
    }
}
