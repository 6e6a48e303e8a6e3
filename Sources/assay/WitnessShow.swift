import ArgumentParser
import AssayCore
import AssayWitness
import Foundation

/// `assay witness show`: what a witness remembers, and the evidence it kept.
struct WitnessShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the logs a witness watches, or one log's cosigned checkpoints and any evidence of a fork.",
        discussion: """
        Without ORIGIN: each watched log and the size last cosigned. With ORIGIN: every \
        checkpoint of that log the witness cosigned, the last one's note, and each refused \
        checkpoint kept as evidence, with the note it contradicts: what a commission hands to \
        whoever must judge the log's operator.

        Example:
          assay witness show city.jiaozuo.example/reviews
        """
    )

    @OptionGroup var state: WitnessStateOption

    @Argument(help: "A watched log's origin.")
    var origin: String?

    func run() throws {
        let store = try WitnessStore(path: state.path, readOnly: true)
        guard let identity = try store.identity() else { throw CommandFailure.wrong("\(state.path) holds no witness; create one with `assay witness init`") }
        let logs = try store.logs()
        guard let origin else {
            print("witness \(identity.name), key \(identity.publicKey)")
            for log in logs {
                let last = try store.cosigned(log.origin).last
                let evidence = try store.evidence(log.origin).count
                print("\(log.origin)  \(last.map { "cosigned size \($0.treeSize)" } ?? "nothing cosigned yet")\(evidence > 0 ? "  EVIDENCE: \(evidence) refused checkpoint\(evidence == 1 ? "" : "s")" : "")")
            }
            return
        }
        guard logs.contains(where: { $0.origin == origin }) else {
            throw CommandFailure.wrong("this witness does not watch '\(origin)'; `assay witness show` lists the logs it watches")
        }
        let cosigned = try store.cosigned(origin)
        for checkpoint in cosigned {
            print("cosigned size \(checkpoint.treeSize), root \(checkpoint.rootHash.hex), at \(Self.time(checkpoint.cosignedAt))")
        }
        if let last = cosigned.last { print("\nlast cosigned note, with this witness's cosignature:\n\(last.cosignedNote)") }
        let evidence = try store.evidence(origin)
        print(evidence.isEmpty ? "no evidence of a fork" : "EVIDENCE: \(evidence.count) refused checkpoint\(evidence.count == 1 ? "" : "s") that contradict what was cosigned")
        for (index, kept) in evidence.enumerated() {
            print("\nevidence \(index + 1), received \(Self.time(kept.receivedAt)): \(kept.reason)")
            print("the note cosigned before:\n\(kept.cosignedNote ?? "(none)")")
            print("the request refused:\n\(kept.refusedRequest)")
        }
    }

    private static func time(_ seconds: Int) -> String {
        Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
    }
}
