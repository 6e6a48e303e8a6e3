import ArgumentParser
import AssayHistory

/// `assay log keygen`: creates the operator's signing key.
struct LogKeygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Create an Ed25519 key file for signing checkpoints.",
        discussion: "Writes the private key to a new file readable only by its owner (never overwriting one) and prints the public key that auditors use.\n\nExample:\n  assay log keygen --out operator.key"
    )

    @Option(help: "The key file to create.")
    var out: String

    func run() throws {
        let key = CheckpointKey()
        try key.write(to: out)
        print("public key \(key.publicKey)")
    }
}
