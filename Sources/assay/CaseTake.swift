import ArgumentParser
import AssayCore
import Foundation

/// `assay case take`: an actor takes an action on a case.
struct CaseTake: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "take",
        abstract: "Take an action on a case.",
        discussion: "The engine checks the stage, the actor's role, level and jurisdiction, independence from earlier decisions, the inputs and the guards. A refusal prints the reason, exits 1 and writes nothing.\n\nExample:\n  assay case take bs/1 submit --input self-assessment=自评达标 --at 2022-03-01T10:00 --actor staff@410883-002 --role institution --for institution:410883-002"
    )

    @OptionGroup var engineOptions: EngineOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var time: TimeOptions

    @Argument(help: "The case's id.")
    var caseID: String

    @Argument(help: "The action, as `assay case show` lists it.")
    var action: String

    @Option(name: .customLong("input"), help: "An input of the action, as name=value; repeat for each.")
    var inputs: [String] = []

    @Option(help: "When the action is taken, such as 2022-03-21T09:00 (in the --time-zone) or with its offset (default: now).")
    var at: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        for input in inputs where !input.contains("=") || input.hasPrefix("=") {
            throw ValidationError("--input '\(input)' is not name=value")
        }
    }

    func run() async throws {
        var values: [String: String] = [:]
        for input in inputs {
            let parts = input.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            values[String(parts[0])] = String(parts[1])
        }
        let moment = try at.map(time.parse) ?? Timestamp(Date())
        let who = try actor.actor
        let engine = try await engineOptions.engine(.write)
        do {
            let state = try await engine.take(action, on: CaseID(caseID), by: who, inputs: values, at: moment.date)
            let report = CaseReport(state, transition: try engine.transition(for: state), now: moment, time: time, actor: who,
                                    plugins: try await engine.currentPluginStates())
            print(format == .json ? try JSONOutput.encode(report) : "took \(action)\n" + report.text)
        } catch let refusal as TransitionError {
            throw CommandFailure.wrong("refused: \(refusal.description)")
        }
    }
}
