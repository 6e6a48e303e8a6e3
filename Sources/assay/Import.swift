import ArgumentParser
import AssayHistory
import Foundation

/// `assay import`: loads an export into an empty store, if it verifies.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load an exported log into an empty store, after verifying it.",
        discussion: "Checks every line first: each event's hash and position, each definition's hash, each checkpoint's signature and root. A file that does not verify is refused and nothing is written."
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "The JSON Lines file written by `assay export`.")
    var file: String

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("cannot read \(file)")
        }
        let count = try await LogExport.load(data, into: store.open())
        print("imported and verified \(count) events from \(file)")
    }
}
