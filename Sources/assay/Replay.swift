import ArgumentParser
import AssayCore
import AssayHistory
import Foundation

/// `assay replay`: re-derives every decision from the rules and the recorded inputs.
struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-fold cases under their pinned definitions and check every recorded decision.",
        discussion: """
        For each case, re-takes every recorded action from its recorded actor, inputs and time \
        under the definition the case pinned, and re-evaluates every guard. Reports each event \
        the rules would not have produced, with case, sequence number and reason; exits 1 if \
        there is any.

        With --what-if PATH, replays the cases under the changes in PATH (a file or folder): \
        changed flow definitions, and changed plugin data files such as a checklist with a new \
        threshold or a newly critical item (taking the place of the stored one of the same id). \
        Lists the cases whose path or outcome would differ, and why.

        Example:
          assay replay --all --store sqlite:demo.sqlite
        """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "The cases to replay.")
    var cases: [String] = []

    @Flag(help: "Replay every case.")
    var all = false

    @Option(name: .customLong("what-if"), help: "Changed flows or checklists (a file or folder) to replay the cases under.")
    var whatIf: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if whatIf == nil, cases.isEmpty == !all {
            throw ValidationError(all ? "name cases or pass --all, not both" : "name the cases to replay, or pass --all")
        }
    }

    func run() async throws {
        let eventStore = try await store.open(.scan)
        if let whatIf {
            try await runWhatIf(whatIf, on: eventStore)
            return
        }
        let bar = ProgressBar("replaying", enabled: format == .text)
        let replayer = Replayer(store: eventStore, plugins: try RegisteredPlugins.host()) { done, total in bar.update(done, of: total) }
        let report = try await replayer.run(only: all ? nil : Set(cases.map { CaseID($0) }))
        bar.finish()
        let replayed = Set(report.paths.keys).union(report.divergences.map { $0.caseID })
        if !all, let missing = cases.first(where: { !replayed.contains(CaseID($0)) }) {
            throw CommandFailure.wrong("there is no case \(missing) in the store; check the case id")
        }
        switch format {
        case .json:
            print(try JSONOutput.encode(report))
        case .text:
            for divergence in report.divergences { print("divergence: \(divergence)") }
            let verdict = report.isConsistent ? "every decision follows from the rules" : counted(report.divergences.count, "divergence")
            print("\(counted(report.cases, "case")), \(counted(report.events, "event")) replayed: \(verdict)")
        }
        if !report.isConsistent { throw ExitCode.failure }
    }

    private func runWhatIf(_ path: String, on eventStore: any EventStore) async throws {
        let host = try RegisteredPlugins.host()
        let inputs = try WhatIfInputs(path, host: host)
        var flows: [FlowDefinition] = []
        if !inputs.flowFiles.isEmpty {
            let validation = WorkflowValidation(validator: Validator(plugins: host)).run(inputs.flowFiles)
            guard validation.errorCount == 0 else {
                print(validation.text, terminator: "")
                throw validation.hasUnreadableInput ? ExitCode.usage : ExitCode.failure
            }
            flows = validation.definitions.map(\.definition)
        }
        let report = try await WhatIf(store: eventStore, changed: flows, dataFiles: inputs.dataFiles, plugins: host).run()
        switch format {
        case .json:
            print(try JSONOutput.encode(report))
        case .text:
            for difference in report.differences { print(difference) }
            print("\(counted(report.casesCompared, "case")) compared: \(report.differences.count) would differ")
        }
    }
}
