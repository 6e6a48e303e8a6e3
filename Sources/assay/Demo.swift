import ArgumentParser
import AssayCore
import AssayDemo

/// `assay demo`: runs Jiaozuo's 2022 campaign end to end.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the Jiaozuo demonstration: 28 institutions on all three tracks.",
        discussion: """
        Loads the flows, opens a case for each of the 28 institutions of seed 003's attachment 1 \
        on the basic-standard track, and for a few on the recommended-standard and \
        community-hospital tracks, and drives them through application, initial review, on-site \
        review, an appeal, a closed appeal window and a recheck on a simulated 2022 clock. Every \
        event goes into the store (by default ./assay.sqlite), which must be empty. Prints each \
        case's path and final stage; `assay verify` and `assay replay --all` then check the store.

        Example:
          assay demo --store sqlite:demo.sqlite
        """
    )

    @OptionGroup var engineOptions: EngineOptions

    @Option(help: "The name the demo's log signs its checkpoints under.")
    var origin = "demo.assay.example/jiaozuo-2022"

    func validate() throws {
        if let problem = LogOrigin.problem(with: origin) { throw ValidationError("--origin '\(origin)': \(problem)") }
    }

    func run() async throws {
        let location = try engineOptions.store.resolved()
        let engine = try await engineOptions.engine(.create)
        let existing = try await engine.store.logSize()
        guard existing == 0 else {
            throw CommandFailure.unreadable("the store \(location) already holds \(counted(existing, "event")); run the demo on a new store (remove the file, or pass --store sqlite:OTHER.sqlite)")
        }
        try await engine.store.name(origin: origin)
        let cases = try await DemoScenario(engine: engine).run()

        for summary in cases {
            let county = Jiaozuo.county(summary.institution.region)?.name ?? summary.institution.region.code
            print("\(summary.id)  \(summary.institution.name)（\(county)）")
            print("    \(summary.path.joined(separator: " → "))")
            for refusal in summary.refusals { print("    refused \(refusal)") }
        }
        print("")
        var outcomes: [String: Int] = [:]
        for summary in cases { outcomes["\(summary.flowID): \(summary.stage)", default: 0] += 1 }
        for (outcome, count) in outcomes.sorted(by: { $0.key < $1.key }) {
            print("\(outcome)  \(count)")
        }
        print("\(counted(cases.count, "case")), \(counted(try await engine.store.logSize(), "event")) in \(location)")
    }
}
