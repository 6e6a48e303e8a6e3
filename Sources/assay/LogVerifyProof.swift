import ArgumentParser
import AssayHistory
import Foundation

/// `assay log verify-proof`: checks an inclusion proof offline.
struct LogVerifyProof: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-proof",
        abstract: "Check an inclusion proof without the database.",
        discussion: "Checks the checkpoint's Ed25519 signature (by --public-key, when given) and that the event's hash and the audit path lead to the checkpoint's root. Exits 0 when the proof holds, 1 when it does not."
    )

    @Argument(help: "The proof file written by `assay log prove` (- for standard input).")
    var proof: String

    @Option(name: .customLong("public-key"), help: "The operator's public key (64 hex digits) the checkpoint must be signed with.")
    var publicKey: String?

    func run() throws {
        let data = proof == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: proof)
        guard let data else { throw ValidationError("cannot read the proof file \(proof)") }
        let decoded: InclusionProof
        do {
            decoded = try JSONDecoder().decode(InclusionProof.self, from: data)
        } catch {
            throw ValidationError("\(proof) is not an inclusion proof: \(error)")
        }
        do {
            try decoded.verify(trustedKey: publicKey)
        } catch {
            print("proof does NOT hold: \(error.description)")
            throw ExitCode.failure
        }
        print("proof holds: event \(decoded.position) is in the log of \(decoded.checkpoint.treeSize) events with root \(decoded.checkpoint.rootHash.hex), signed by \(decoded.checkpoint.publicKey)")
    }
}
