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

    /// The built-in prerequisites, which the recommended flow's application uses.
    static let builtInID = "recommended-standard"
}

/// `assay prerequisites report`.
struct PrerequisitesReport: PluginSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Record figures for a case, as the institution: name=value, such as annual-visits=61200.",
        discussion: "Stores the built-in prerequisites in the log the first time, so the guard can read them.\n\nExample:\n  assay prerequisites report rs/1 annual-visits=86400 diseases=126 --actor staff@410882-002 --role institution --for institution:410882-002"
    )

    @OptionGroup var acting: ActingOptions
    @Argument(help: "The case.") var caseID: String
    @Argument(help: "Figures, name=value.") var figures: [String]

    func run(_ context: PluginCommand.Context) async throws -> String {
        let state = try await context.caseState(caseID)
        let file = try BuiltInData.file(kind: DataKind.prerequisites, id: PrerequisitesCommand.builtInID)
        let prerequisites = try file.content.decode(as: Prerequisites.self)
        var values: [String: Int64] = [:]
        for pair in figures {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Int64(parts[1]), value >= 0 else {
                throw PluginUsageError("'\(pair)' is not name=value with a whole number, such as annual-visits=61200")
            }
            guard prerequisites.figures[parts[0]] != nil else {
                throw PluginUsageError("'\(parts[0])' is not a figure; figures: \(prerequisites.figures.keys.sorted().joined(separator: ", "))")
            }
            values[parts[0]] = value
        }
        if try await context.guidance().prerequisites[prerequisites.id] != prerequisites {
            try await context.engine().storeDataFile(file, by: acting.actor, at: acting.date)
        }
        try await context.record(RecordType.figures, InstitutionFigures(figures: values), about: state.id, by: acting)
        return "recorded \(values.count) figures for case \(caseID)"
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
        let guidance = try await context.guidance()
        let prerequisites = try guidance.prerequisites[PrerequisitesCommand.builtInID]
            ?? BuiltInData.file(kind: DataKind.prerequisites, id: PrerequisitesCommand.builtInID).content.decode(as: Prerequisites.self)
        guard let type = state.institution.type, let (met, lines) = prerequisites.check(type, figures: guidance.figures[state.id] ?? [:]) else {
            throw CommandRefusal("no prerequisites apply to \(state.institution.name), whose type is \(state.institution.type?.rawValue ?? "not recorded")")
        }
        return (["prerequisites \(prerequisites.id) \(prerequisites.version) for a \(type): \(met ? "met" : "not met")"] + lines.map { "  " + $0 })
            .joined(separator: "\n")
    }
}
