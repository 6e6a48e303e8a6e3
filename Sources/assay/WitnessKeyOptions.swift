import ArgumentParser
import AssayHistory

/// The witnesses an auditor trusts, and how many must have cosigned a checkpoint.
struct WitnessKeyOptions: ParsableArguments {
    @Option(name: .customLong("witness-keys"), help: "A file of trusted witnesses: one `NAME PUBLIC-KEY` per line.")
    var file: String?

    @Option(help: "How many of those witnesses must have cosigned each checkpoint (default: all of them).")
    var quorum: Int?

    func validate() throws {
        if quorum != nil && file == nil { throw ValidationError("--quorum counts the witnesses of --witness-keys; give that file too") }
    }

    /// The policy the options state; nil when no witness-keys file was given.
    func policy() throws -> WitnessPolicy? {
        guard let file else { return nil }
        do {
            return try WitnessPolicy(file: file, quorum: quorum)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
