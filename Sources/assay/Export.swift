import ArgumentParser
import AssayCore
import AssayHistory
import Foundation

/// `assay export`: the whole log as JSON Lines.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the log as JSON Lines: definitions, events with their hashes, checkpoints, a closing line.",
        discussion: """
        One canonical JSON object per line: each pinned definition with its hash, each event with \
        its log position and leaf hash, each signed checkpoint, and a closing line with the tree \
        size, root hash and counts. `assay import` loads such a file into an empty store after \
        verifying it, and refuses one without its closing line. The store is verified first; a \
        store that does not verify is refused (exit 1) unless --as-is asks for it as it is. \
        --output writes a temporary file beside the one named and renames it when complete, so \
        a failed export (a full disk) leaves nothing behind.

        Example:
          assay export --store sqlite:demo.sqlite --output log.jsonl
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "The file to write (default: standard output). An existing file is not overwritten.")
    var output: String?

    @Flag(name: .customLong("as-is"), help: "Export a store that does not verify, as it is (to examine it elsewhere).")
    var asIs = false

    func run() async throws {
        if let output, FileManager.default.fileExists(atPath: output) {
            throw CommandFailure.unreadable("\(output) already exists; export to a new file")
        }
        let eventStore = try await store.open(.scan)
        if !asIs {
            let report = try await LogVerifier(store: eventStore).run()
            guard report.isValid else {
                for problem in report.problems { Console.error("error: \(problem)\n") }
                throw CommandFailure.wrong("the store does not verify, so it was not exported; run `assay verify`, or export it as it is with --as-is")
            }
        }
        guard let output else {
            do {
                try await LogExport.write(from: eventStore, to: FileHandle.standardOutput)
            } catch {
                throw CommandFailure.wrong("the export could not be written to standard output: \(Self.reason(error))")
            }
            return
        }
        let count = try await AtomicFile.write(to: output) { handle in
            try await LogExport.write(from: eventStore, to: handle)
        }
        Console.error("exported \(counted(count, "event")) to \(output)\n")
    }

    static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
