import ArgumentParser
import AssayCore
import AssayHistory
import Foundation

/// `assay log checkpoint`: signs and stores the log's current tree head.
struct LogCheckpoint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Sign the log's name, current size and root hash; store and print the checkpoint.",
        discussion: """
        Computes the Merkle root of the whole log and signs it, with the log's origin, with the \
        key file's Ed25519 key. A log is named once, by --origin when its first checkpoint is \
        signed (such as assay.jiaozuo.example/reviews); later checkpoints sign the same name. \
        Prints the checkpoint as JSON, or with --format note as a C2SP tlog-checkpoint signed \
        note, which transparency-log tooling (Go's sumdb note package, Sigstore, the \
        transparency-dev witnesses) can check with the note verifier key it prints to stderr.

        Example:
          assay log checkpoint --key operator.key --origin example.org/jiaozuo-2022 --format note
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "The operator's key file (see `assay log keygen`).")
    var key: String

    @Option(help: "The log's name, given when its first checkpoint is signed: such as assay.jiaozuo.example/reviews.")
    var origin: String?

    @Option(help: "Output format: json or note.")
    var format: CheckpointFormat = .json

    func validate() throws {
        if let origin, let problem = LogOrigin.problem(with: origin) {
            throw ValidationError("--origin '\(origin)': \(problem)")
        }
    }

    func run() async throws {
        let signingKey = try CheckpointKey(file: key)
        let eventStore = try await store.open(.write)
        let name: String
        switch (try await eventStore.origin(), origin) {
        case (let existing?, nil): name = existing
        case (_, let given?):
            try await eventStore.name(origin: given)
            name = given
        case (nil, nil):
            throw ValidationError("this log has no name yet: give its origin once with --origin, such as --origin assay.jiaozuo.example/reviews")
        }
        var tree = MerkleAccumulator()
        for try await batch in LogReader(store: eventStore) {
            for entry in batch { tree.append(LogHash.leaf(entry.body)) }
        }
        let number = try await eventStore.checkpoints().count + 1
        let checkpoint = try signingKey.sign(number: number, origin: name, treeSize: tree.count, rootHash: tree.root, at: Timestamp(Date()))
        try await eventStore.add(checkpoint)
        try format.print(checkpoint)
    }
}

/// How a checkpoint is printed: JSON, or a C2SP signed note.
enum CheckpointFormat: String, ExpressibleByArgument, CaseIterable {
    case json, note

    func print(_ checkpoint: SignedCheckpoint) throws {
        switch self {
        case .json:
            Swift.print(try JSONOutput.encode(checkpoint))
        case .note:
            guard let note = checkpoint.note, let verifier = checkpoint.noteVerifierKey else {
                throw CommandFailure.wrong("checkpoint \(checkpoint.number) was signed before checkpoints named their log, so it has no signed-note form; print it as json")
            }
            Swift.print(note, terminator: "")
            Console.error("note verifier key: \(verifier)\n")
        }
    }
}
