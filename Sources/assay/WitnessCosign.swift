import ArgumentParser
import AssayCore
import AssayHistory
import AssayWitness
import Foundation

/// `assay witness cosign`: answers a log's add-checkpoint request.
struct WitnessCosign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cosign",
        abstract: "Cosign a log's checkpoint if it extends the last one this witness cosigned.",
        discussion: """
        REQUEST is a C2SP tlog-witness add-checkpoint body, as `assay log checkpoint --witness \
        FILE` or `assay log request` writes it: `old N` (the size this witness last cosigned of \
        the log), the consistency proof from there, a blank line, and the checkpoint's signed \
        note. The witness checks the log's signature, that the size did not go back, that N is \
        what it remembers, and the proof; only then it remembers the checkpoint and prints its \
        cosignature line, the protocol's answer, for the log's operator to add with `assay log \
        add-cosignatures`. A checkpoint that does not extend the one cosigned before is a fork: \
        it is refused, and both notes are kept as evidence (`assay witness show ORIGIN`).

        REQUEST may also be a checkpoint's signed note alone (`assay log show --format note`): \
        with --proof, a consistency proof `assay log prove --consistency FROM TO` wrote, from \
        the checkpoint this witness last cosigned; without, for a log's first witnessing.

        Exits 0 when it cosigned; 1 when it refused, with the reason (a wrong old size names \
        the size it remembers); 2 when the request or the store cannot be read.

        Example:
          assay witness cosign request.txt > cosignature.txt
          assay witness cosign checkpoint-3.txt --proof consistency-2-3.json > cosignature.txt
        """
    )

    @OptionGroup var state: WitnessStateOption

    @Argument(help: "The add-checkpoint request, or a checkpoint's signed note (- for standard input).")
    var request: String

    @Option(help: "With a note: the consistency proof (JSON of `assay log prove --consistency`) from the checkpoint last cosigned.")
    var proof: String?

    func run() throws {
        let text = try InputFile.text(request, what: "the request")
        let witness = try Witness(store: WitnessStore(path: state.path))
        let cosignature = try witness.cosign(try parse(text))
        print(cosignature.noteLine ?? "", terminator: "")
    }

    /// The request `text` is, or makes of a bare note and `--proof`.
    private func parse(_ text: String) throws -> AddCheckpointRequest {
        do {
            guard !text.hasPrefix("old ") else {
                guard proof == nil else { throw ValidationError("a request carries its own proof; give --proof with a bare note only") }
                return try AddCheckpointRequest(text)
            }
            guard let proof else { return AddCheckpointRequest(oldSize: 0, proof: [], note: text) }
            guard let data = FileManager.default.contents(atPath: proof) else { throw CommandFailure.unreadable("cannot read the proof file \(proof)") }
            let consistency: ConsistencyProof
            do { consistency = try JSONDecoder().decode(ConsistencyProof.self, from: data) } catch {
                throw CommandFailure.unreadable("\(proof) is not a consistency proof as `assay log prove --consistency` writes it")
            }
            return AddCheckpointRequest(oldSize: consistency.first.treeSize, proof: consistency.consistencyPath, note: text)
        } catch let error as AuditError {
            throw CommandFailure.unreadable(WitnessError.malformed(error.description).description)
        }
    }
}
