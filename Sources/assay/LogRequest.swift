import ArgumentParser
import AssayCore
import AssayHistory
import AssayWitness

/// `assay log request`: the add-checkpoint request for a witness, for an offline hand-over.
struct LogRequest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "Print a witness's add-checkpoint request for a checkpoint.",
        discussion: """
        The request (C2SP tlog-witness) holds the size the witness last cosigned of this log, \
        the consistency proof from there to checkpoint NUMBER, and the checkpoint's signed note. \
        --old-size defaults to the size of the latest earlier checkpoint that a witness cosigned \
        (0 when none was); when the witness answers that it remembers another size, ask again \
        with that one. Carry the request to the witness (`assay witness cosign`), and its answer \
        back (`assay log add-cosignatures`).

        Example:
          assay log request 2 > request.txt
        """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "The checkpoint's number (default: the latest).")
    var number: Int?

    @Option(name: .customLong("old-size"), help: "The size the witness last cosigned of this log.")
    var oldSize: Int?

    func run() async throws {
        let eventStore = try await store.open(.read)
        let checkpoints = try await eventStore.checkpoints()
        let wanted = number ?? checkpoints.count
        let request = try await AddCheckpointRequest.make(for: wanted, oldSize: oldSize ?? Self.lastCosignedSize(before: wanted, in: checkpoints),
                                                          in: eventStore)
        print(request.text, terminator: "")
    }

    /// The size of the latest checkpoint before `number` that carries a cosignature, or 0.
    static func lastCosignedSize(before number: Int, in checkpoints: [SignedCheckpoint]) -> Int {
        checkpoints.prefix(max(number - 1, 0)).last(where: { !$0.cosignatures.isEmpty })?.treeSize ?? 0
    }
}
