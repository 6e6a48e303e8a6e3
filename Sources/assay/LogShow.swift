import ArgumentParser
import AssayHistory

/// `assay log show`: prints a stored checkpoint for publication.
struct LogShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a stored checkpoint as JSON or as a C2SP signed note.",
        discussion: "Prints checkpoint NUMBER (the latest when none is given) as `assay log checkpoint` printed it when it was signed.\n\nExample:\n  assay log show 1 --format note"
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "The checkpoint's number (default: the latest).")
    var number: Int?

    @Option(help: "Output format: json or note.")
    var format: CheckpointFormat = .json

    func run() async throws {
        let checkpoints = try await store.open(.read).checkpoints()
        let wanted = number ?? checkpoints.count
        guard checkpoints.indices.contains(wanted - 1) else {
            throw AuditError.noSuchCheckpoint(wanted, count: checkpoints.count)
        }
        try format.print(checkpoints[wanted - 1])
    }
}
