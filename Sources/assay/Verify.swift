import ArgumentParser
import AssayCore
import AssayHistory
import Foundation

/// `assay verify`: recomputes the whole history and reports what does not match.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that the stored history has not been altered.",
        discussion: """
        Recomputes every event's leaf hash and position, checks that every event is the \
        canonical form of an event in its case's order, that every pinned definition matches its \
        hash, and that every signed checkpoint's root and signature still hold. Reports each \
        problem with the event's position or the checkpoint's number. Every witness's \
        cosignature kept with a checkpoint must verify; with --witness-keys (and --quorum K), \
        every checkpoint must carry valid cosignatures of K of those witnesses. Exits 0 when \
        everything matches, 1 otherwise.

        Example:
          assay verify --store sqlite:demo.sqlite
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var witnessKeys: WitnessKeyOptions

    func run() async throws {
        let bar = ProgressBar("verifying", enabled: format == .text)
        let verifier = LogVerifier(store: try await store.open(.scan), witnesses: try witnessKeys.policy()) { done, total in bar.update(done, of: total) }
        let report = try await verifier.run()
        bar.finish()
        switch format {
        case .json:
            print(try JSONOutput.encode(report))
        case .text:
            for problem in report.problems { print("error: \(problem)") }
            let verdict = report.isValid ? "verified" : "NOT verified: \(counted(report.problems.count, "problem"))"
            print("\(counted(report.events, "event")) in \(counted(report.cases, "case")), \(counted(report.definitions, "definition")), \(counted(report.checkpoints, "checkpoint")): \(verdict)")
            print("root hash \(report.rootHash.hex)")
            if report.isValid && report.checkpoints == 0 {
                print("note: the store has no signed checkpoint, so this checked only that the history is consistent with itself, not that nothing was altered: whoever can write the database can rewrite an event and its hashes. Sign checkpoints with `assay log checkpoint` and keep them outside the store.")
            }
        }
        if !report.isValid { throw ExitCode.failure }
    }
}
