import ArgumentParser
import AssayCore
import AssayHistory
import AssayWitness
import Foundation

/// `assay witness init`: creates a witness's store with its name and key.
struct WitnessInit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a witness: its store, its name and its Ed25519 key.",
        discussion: """
        Uses the key in --key, or creates one there (readable by its owner only) if there is no \
        such file. Prints the witness's public key and the line that auditors put in their \
        witness-keys file.

        Example:
          assay witness init --key province-witness.key --name witness.henan.example/province
        """
    )

    @OptionGroup var state: WitnessStateOption

    @Option(help: "The witness's key file; created when missing.")
    var key: String

    @Option(help: "The witness's name, which its cosignatures carry: such as witness.henan.example/province.")
    var name: String

    func validate() throws {
        if let problem = LogOrigin.problem(with: name) { throw ValidationError("--name '\(name)': \(problem)") }
    }

    func run() throws {
        guard !FileManager.default.fileExists(atPath: state.path) else {
            throw CommandFailure.wrong("\(state.path) already exists; a witness is created once (give another --state to create another)")
        }
        if !FileManager.default.fileExists(atPath: key) { try CheckpointKey().write(to: key) }
        let signingKey = try CheckpointKey(file: key)
        let keyFile = URL(fileURLWithPath: key).standardizedFileURL.path
        let store = try WitnessStore(path: state.path, create: true)
        try store.initialise(.init(name: name, publicKey: signingKey.publicKey, keyFile: keyFile))
        let publicKey = Hex.decode(signingKey.publicKey) ?? []
        let verifier = NoteVerifierKey(name: name, algorithm: NoteVerifierKey.cosignature, publicKey: publicKey)
        print("witness \(name) in \(state.path)")
        print("public key \(signingKey.publicKey)")
        print("verifier key \(verifier)")
        print("for auditors' witness-keys files:\n\(name) \(signingKey.publicKey)")
    }
}
