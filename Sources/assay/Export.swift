import ArgumentParser
import AssayHistory
import Foundation

/// `assay export`: the whole log as JSON Lines.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the log as JSON Lines: definitions, events with their hashes, checkpoints, a closing line.",
        discussion: """
        One canonical JSON object per line: each pinned definition with its hash, each event with \
        its log position and leaf hash, each signed checkpoint, and a closing line with the tree \
        size, root hash and counts. `assay import` loads such a file into an empty store after \
        verifying it, and refuses one without its closing line. The store is verified first; a \
        store that does not verify is refused (exit 1) unless --as-is asks for it as it is.
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "The file to write (default: standard output). An existing file is not overwritten.")
    var output: String?

    @Flag(name: .customLong("as-is"), help: "Export a store that does not verify, as it is (to examine it elsewhere).")
    var asIs = false

    func run() async throws {
        if let output, FileManager.default.fileExists(atPath: output) {
            throw ValidationError("\(output) already exists; export to a new file")
        }
        let eventStore = try await store.open()
        if !asIs {
            let report = try await LogVerifier(store: eventStore).run()
            guard report.isValid else {
                for problem in report.problems { FileHandle.standardError.write(Data("error: \(problem)\n".utf8)) }
                FileHandle.standardError.write(Data("the store does not verify, so it was not exported; run `assay verify`, or export it as it is with --as-is\n".utf8))
                throw ExitCode.failure
            }
        }
        guard let output else {
            try await LogExport.write(from: eventStore, to: FileHandle.standardOutput)
            return
        }
        guard FileManager.default.createFile(atPath: output, contents: nil, attributes: nil),
              let handle = FileHandle(forWritingAtPath: output)
        else { throw ValidationError("cannot create \(output)") }
        let count = try await LogExport.write(from: eventStore, to: handle)
        try handle.close()
        FileHandle.standardError.write(Data("exported \(count) events to \(output)\n".utf8))
    }
}
