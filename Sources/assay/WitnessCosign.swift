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

        Exits 0 when it cosigned; 1 when it refused, with the reason (a wrong old size names \
        the size it remembers); 2 when the request or the store cannot be read.

        Example:
          assay witness cosign request.txt > cosignature.txt
        """
    )

    @OptionGroup var state: WitnessStateOption

    @Argument(help: "The add-checkpoint request (- for standard input).")
    var request: String

    func run() throws {
        let data = request == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: request)
        guard let data, let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure.unreadable("cannot read the request \(request) as UTF-8 text")
        }
        let witness = try Witness(store: WitnessStore(path: state.path))
        let parsed: AddCheckpointRequest
        do { parsed = try AddCheckpointRequest(text) } catch { throw CommandFailure.unreadable(WitnessError.malformed(error.description).description) }
        let cosignature = try witness.cosign(parsed)
        print(cosignature.noteLine ?? "", terminator: "")
    }
}
