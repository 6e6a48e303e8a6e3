import ArgumentParser
import AssayCore
import AssayHistory
import AssayWitness
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

        With --witness, witnesses are asked to cosign the new checkpoint (C2SP tlog-witness). \
        A URL is asked over HTTP (POST URL/add-checkpoint), from the size it last cosigned; \
        the cosignatures of the witnesses in --witness-keys are added to the history. A FILE \
        gets the request written into it, for an offline hand-over to a witness on another \
        network: `assay witness cosign FILE` there, then `assay log add-cosignatures` here.

        Example:
          assay log checkpoint --key operator.key --origin example.org/jiaozuo-2022 --format note
          assay log checkpoint --key operator.key --witness province-request.txt
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "The operator's key file (see `assay log keygen`).")
    var key: String

    @Option(help: "The log's name, given when its first checkpoint is signed: such as assay.jiaozuo.example/reviews.")
    var origin: String?

    @Option(help: "Output format: json or note.")
    var format: CheckpointFormat = .json

    @Option(name: .customLong("witness"), help: ArgumentHelp("A witness to ask: its URL, or a file to write its request into.", valueName: "URL-or-FILE"))
    var witnesses: [String] = []

    @Option(name: .customLong("witness-keys"), help: "With a witness URL: the trusted witnesses, one `NAME PUBLIC-KEY` per line.")
    var witnessKeys: String?

    func validate() throws {
        if let origin, let problem = LogOrigin.problem(with: origin) {
            throw ValidationError("--origin '\(origin)': \(problem)")
        }
        if witnesses.contains(where: Self.isURL) && witnessKeys == nil {
            throw ValidationError("a witness URL answers with cosignatures, which are kept only from trusted witnesses: give --witness-keys")
        }
    }

    private static func isURL(_ target: String) -> Bool {
        target.hasPrefix("http://") || target.hasPrefix("https://")
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
        // The leaves are kept only when witnesses are asked, for the consistency proofs.
        var tree = MerkleAccumulator()
        var leaves: [LogHash] = []
        for try await batch in LogReader(store: eventStore) {
            for entry in batch {
                let leaf = LogHash.leaf(entry.body)
                tree.append(leaf)
                if !witnesses.isEmpty { leaves.append(leaf) }
            }
        }
        let number = try await eventStore.checkpoints().count + 1
        let checkpoint = try signingKey.sign(number: number, origin: name, treeSize: tree.count, rootHash: tree.root, at: Timestamp(Date()))
        try await eventStore.add(checkpoint)
        var failures = 0
        for target in witnesses {
            do {
                if Self.isURL(target) {
                    try await ask(target, toCosign: checkpoint, leaves: leaves, in: eventStore)
                } else {
                    try await writeRequest(to: target, for: checkpoint, leaves: leaves, in: eventStore)
                }
            } catch {
                failures += 1
                Console.error("error: witness \(target): \(CommandFailure(error)?.message ?? String(describing: error))\n")
            }
        }
        try format.print(try await eventStore.checkpoints()[number - 1])
        if failures > 0 {
            throw CommandFailure.wrong("checkpoint \(number) is stored, but \(failures) of the \(witnesses.count) witnesses did not cosign it; ask again with `assay log request \(number)`")
        }
    }

    /// Writes the add-checkpoint request for an offline hand-over.
    private func writeRequest(to path: String, for checkpoint: SignedCheckpoint, leaves: [LogHash], in store: any EventStore) async throws {
        let checkpoints = try await store.checkpoints()
        let oldSize = LogRequest.lastCosignedSize(before: checkpoint.number, in: checkpoints)
        let request = try AddCheckpointRequest.make(for: checkpoint, oldSize: oldSize, leaves: leaves[...])
        try await AtomicFile.write(to: path) { handle in try handle.write(contentsOf: Data(request.text.utf8)) }
        Console.error("wrote the request for checkpoint \(checkpoint.number) (from size \(oldSize)) to \(path): run `assay witness cosign \(path)` at the witness, then `assay log add-cosignatures \(checkpoint.number) ANSWER --witness-keys FILE` here\n")
    }

    /// Asks the witness at `url`, from the size it last cosigned, and keeps its cosignatures.
    private func ask(_ url: String, toCosign checkpoint: SignedCheckpoint, leaves: [LogHash], in store: any EventStore) async throws {
        guard let prefix = URL(string: url), let witnessKeys else { throw CommandFailure.unreadable("'\(url)' is not a URL") }
        let policy = try WitnessPolicy(file: witnessKeys, quorum: 1)
        let client = WitnessClient(prefix: prefix)
        var oldSize = LogRequest.lastCosignedSize(before: checkpoint.number, in: try await store.checkpoints())
        for attempt in 1...2 {
            let request = try AddCheckpointRequest.make(for: checkpoint, oldSize: oldSize, leaves: leaves[...])
            switch try await client.send(request) {
            case .cosigned(let answer):
                try await store.add(try policy.cosignatures(in: answer, for: checkpoint), toCheckpoint: checkpoint.number)
                return
            case .conflict(let witnessSize) where attempt == 1 && witnessSize <= checkpoint.treeSize:
                oldSize = witnessSize
            case .conflict(let witnessSize):
                throw CommandFailure.wrong("the witness remembers size \(witnessSize) of this log, beyond checkpoint \(checkpoint.number)'s \(checkpoint.treeSize)")
            case .refused(let status, let body):
                throw CommandFailure.wrong("the witness refused with status \(status): \(body.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
        }
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
