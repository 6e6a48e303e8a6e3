import ArgumentParser
import AssayCore
import Foundation

/// `assay case show`: where a case stands, and what an actor may do on it.
struct CaseShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a case's stage, deadline and path, and the actions an actor may take now.",
        discussion: "With --actor, --role and --for, lists every action of the stage with ✓ for those the actor may take (inputs and guards are checked when taken) and the reason each other is refused.\n\nExample:\n  assay case show bs/1 --actor staff@410883-002 --role institution --for institution:410883-002"
    )

    @OptionGroup var engineOptions: EngineOptions
    @OptionGroup var time: TimeOptions

    @Argument(help: "The case's id.")
    var caseID: String

    @Option(name: .customLong("actor"), help: "Who would act (with --role and --for).")
    var actorID: String?

    @Option(help: "The role they would act in.")
    var role: String?

    @Option(name: .customLong("for"), help: "Whom they would act for: institution:ID or region:CODE.")
    var jurisdiction: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        let given = [actorID, role, jurisdiction].compactMap { $0 }.count
        guard given == 0 || given == 3 else { throw ValidationError("give --actor, --role and --for together, or none of them") }
        if let jurisdiction { _ = try ActorOptions.jurisdiction(jurisdiction) }
    }

    func run() async throws {
        var actor: Actor?
        if let actorID, let role, let jurisdiction {
            actor = Actor(id: actorID, role: role, jurisdiction: try ActorOptions.jurisdiction(jurisdiction))
        }
        let engine = try await engineOptions.engine(.read)
        let state = try await engine.state(of: CaseID(caseID))
        let report = CaseReport(state, transition: try engine.transition(for: state), now: Timestamp(Date()), time: time, actor: actor,
                                plugins: try await engine.currentPluginStates())
        print(format == .json ? try JSONOutput.encode(report) : report.text)
    }
}
