import ArgumentParser
import AssayCore
import AssayHistory
import Foundation

/// `assay log add-cosignatures`: stores a witness's answer with its checkpoint.
struct LogAddCosignatures: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-cosignatures",
        abstract: "Add witnesses' cosignatures of a checkpoint to the history.",
        discussion: """
        ANSWER holds the signature lines a witness answered add-checkpoint with (`assay witness \
        cosign` prints them). Each line by a witness of --witness-keys must verify for \
        checkpoint NUMBER; lines by other keys are ignored. The cosignatures are appended to the \
        history beside the checkpoint: exported, verified, and printed in its note. Nothing is \
        added when a trusted witness's line does not verify.

        Example:
          assay log add-cosignatures 2 cosignature.txt --witness-keys witnesses.txt
        """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "The checkpoint's number.")
    var number: Int

    @Argument(help: "The witness's answer: its signature lines (- for standard input).")
    var answer: String

    @Option(name: .customLong("witness-keys"), help: "A file of trusted witnesses: one `NAME PUBLIC-KEY` per line.")
    var witnessKeys: String

    func run() async throws {
        let text = try InputFile.text(answer, what: "the answer")
        let policy: WitnessPolicy
        do { policy = try WitnessPolicy(file: witnessKeys, quorum: 1) } catch { throw ValidationError(error.description) }
        let eventStore = try await store.open(.write)
        let checkpoints = try await eventStore.checkpoints()
        guard checkpoints.indices.contains(number - 1) else { throw AuditError.noSuchCheckpoint(number, count: checkpoints.count) }
        let cosignatures = try policy.cosignatures(in: text, for: checkpoints[number - 1])
        try await eventStore.add(cosignatures, toCheckpoint: number)
        let cosigners = policy.cosigners(of: try await eventStore.checkpoints()[number - 1])
        print("checkpoint \(number) is cosigned by \(cosigners.joined(separator: ", "))")
    }
}
