import ArgumentParser
import AssayCore
import PluginCommandLine

/// `assay prerequisites`: the figures an institution reports before applying for the
/// recommended standard, and the check the `prerequisites-met` guard makes.
struct PrerequisitesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay prerequisites",
        abstract: "Report an institution's figures and check them against the recommended standard's prerequisites.",
        subcommands: [PrerequisitesReport.self, PrerequisitesCheck.self]
    )

    static let pluginCommand = pluginCommand(named: "prerequisites")
}

/// `assay prerequisites report`.
struct PrerequisitesReport: PluginSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Record figures for a case, as the institution: name=value, such as annual-visits=61200.",
        discussion: "Stores the built-in prerequisites in the log the first time, with the figures, so the guard can read them.\n\nExample:\n  assay prerequisites report rs/1 annual-visits=86400 diseases=126 --actor staff@410882-002 --role institution --for institution:410882-002"
    )

    @OptionGroup var acting: ActingOptions
    @Argument(help: "The case.") var caseID: String
    @Argument(help: "Figures, name=value.") var figures: [String]

    func run(_ context: PluginCommand.Context) async throws -> String {
        let state = try await context.caseState(caseID)
        let (prerequisites, unstored) = try await context.guidance().prerequisitesToReport()
        var values: [String: Int64] = [:]
        for pair in figures {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Int64(parts[1]), value >= 0 else {
                throw PluginUsageError("'\(pair)' is not name=value with a whole number, such as annual-visits=61200")
            }
            if let problem = prerequisites.unknownFigure(parts[0]) { throw PluginUsageError(problem) }
            values[parts[0]] = value
        }
        // The prerequisites, when the log lacks them, are stored with the figures or not at all.
        let record = PluginRecord(plugin: GuidanceGroups.name, type: RecordType.figures, by: acting.actor, value: try RecordValue(encoding: InstitutionFigures(figures: values)))
        try await context.engine().record([SubjectRecord(subject: state.id, record: record)], storing: unstored.map { [$0] } ?? [], by: acting.actor, at: acting.date)
        return "recorded \(counted(values.count, "figure")) for case \(caseID)"
    }
}

/// `assay prerequisites check`.
struct PrerequisitesCheck: PluginSubcommand {
    /// It only reads: the store is opened read-only.
    static let readsOnly = true

    static let configuration = CommandConfiguration(commandName: "check", abstract: "Check a case's recorded figures against the prerequisites, condition by condition.", discussion: "Example:\n  assay prerequisites check rs/1")

    @Argument(help: "The case.") var caseID: String

    func run(_ context: PluginCommand.Context) async throws -> String {
        let state = try await context.caseState(caseID)
        guard let check = try await context.guidance(of: state).prerequisitesCheck(of: state) else {
            throw CommandRefusal(GuidanceGroupsState.noPrerequisites(for: state))
        }
        return check.text
    }
}
