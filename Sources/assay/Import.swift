import ArgumentParser
import AssayCore
import AssayHistory
import Foundation

/// `assay import`: loads an export into an empty store, if it verifies.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load an exported log into an empty store, after verifying it.",
        discussion: "Checks every line first: each event's hash and position, each definition's hash, each checkpoint's signature and root, and the closing line that states what the export holds. A file that does not verify is refused, nothing is written, and no store is left behind.\n\nExample:\n  assay import log.jsonl --store sqlite:copy.sqlite"
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "The JSON Lines file written by `assay export`.")
    var file: String

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure.unreadable("cannot read \(file): \(FileManager.default.fileExists(atPath: file) ? "permission denied" : "no such file")")
        }
        let contents = try LogExport.read(data)
        let location = try store.resolved()
        let existed = location.exists
        do {
            let count = try await LogExport.load(contents, into: location.open(.create))
            print("imported and verified \(counted(count, "event")) from \(file)")
        } catch {
            if !existed { location.removeCreated() }
            throw error
        }
    }
}
