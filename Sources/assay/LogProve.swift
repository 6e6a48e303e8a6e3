import ArgumentParser
import AssayHistory

/// `assay log prove`: an inclusion proof for one event.
struct LogProve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Print a proof that an event is in the log covered by a checkpoint.",
        discussion: "The proof holds the event's canonical JSON, its audit path and the signed checkpoint, as JSON; check it with `assay log verify-proof`, which needs no database."
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "The event's position in the log (from 1; `assay history` shows it).")
    var position: Int

    @Option(help: "The number of the checkpoint to prove against.")
    var checkpoint: Int

    func run() async throws {
        let proof = try await InclusionProof.make(for: position, checkpoint: checkpoint, in: store.open())
        print(try JSONOutput.encode(proof))
    }
}
