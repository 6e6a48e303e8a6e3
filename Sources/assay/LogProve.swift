import ArgumentParser
import AssayHistory

/// `assay log prove`: an inclusion proof for one event, or a consistency proof between two
/// checkpoints.
struct LogProve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Print a proof that an event is in the log, or that a later checkpoint's log extends an earlier one's.",
        discussion: """
        `assay log prove POSITION --checkpoint N` proves that the event at POSITION is in the log \
        checkpoint N covers: the proof holds the event's canonical JSON, its audit path and the \
        signed checkpoint. `assay log prove --consistency FROM TO` proves that checkpoint TO's \
        log holds checkpoint FROM's unchanged, with only appends after it (RFC 6962 consistency \
        proof): the proof holds both signed checkpoints and the path between their roots. Both \
        are JSON; check them with `assay log verify-proof`, which needs no database.

        Example:
          assay log prove 2903 --checkpoint 1 > proof.json
        """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "The event's position in the log (from 1; `assay history` shows it).")
    var position: Int?

    @Option(help: "The number of the checkpoint to prove an event against.")
    var checkpoint: Int?

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Prove that checkpoint TO's log extends checkpoint FROM's.", valueName: "FROM TO"))
    var consistency: [Int] = []

    func validate() throws {
        if consistency.isEmpty {
            guard position != nil, checkpoint != nil else {
                throw ValidationError("give an event's POSITION and --checkpoint N, or --consistency FROM TO")
            }
        } else {
            guard consistency.count == 2 else { throw ValidationError("--consistency takes two checkpoint numbers: FROM TO") }
            guard position == nil, checkpoint == nil else {
                throw ValidationError("prove an event (POSITION --checkpoint N) or consistency (--consistency FROM TO), not both")
            }
        }
    }

    func run() async throws {
        if let position, let checkpoint {
            let proof = try await InclusionProof.make(for: position, checkpoint: checkpoint, in: store.open(.read))
            print(try JSONOutput.encode(proof))
        } else {
            let proof = try await ConsistencyProof.make(from: consistency[0], to: consistency[1], in: store.open(.read))
            print(try JSONOutput.encode(proof))
        }
    }
}
