import ArgumentParser
import AssayCore
import AssayHistory
import Foundation
import IntegrityRecords
import PluginCommandLine

/// `assay assign`: review teams for the cases waiting at review stages, with the least maximum
/// load and then the least travel, recorded with everything an auditor needs to re-check them.
struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay assign",
        abstract: "Assign review teams to the cases waiting at review stages; verify an assignment; record a decline.",
        discussion: "A stage names its team rule with `uses: { team-rule: [ID] }` (built in: city-on-site, province-on-site; `--rule FILE` gives a rule of an id as data, recorded in full with the assignment). make fills every open seat of the waiting cases from a directory snapshot, honouring the rule, jurisdiction, home-county avoidance, the expert's own institution, declared conflicts and suspensions (integrity records) and capacity per month, with the least maximum load and, at it, the least travel; when no valid assignment exists it says which counties and seats cannot be filled and why (exit 1). verify re-checks a recorded assignment against its directory and solves it again. decline frees a seat; the next make refills it.",
        subcommands: [AssignMake.self, AssignVerify.self, AssignDecline.self],
        defaultSubcommand: AssignMake.self
    )

    static let pluginCommand = pluginCommand(named: "assign")
}

/// `assay assign make`.
struct AssignMake: PluginSubcommand {
    static let configuration = CommandConfiguration(commandName: "make", abstract: "Assign teams to every waiting case with an open seat in the acting commission's region, and record them.", discussion: "Example:\n  assay assign --at 2023-03-02T09:00 --actor commission@410800 --role city-coordinator --for region:410800")

    @OptionGroup var acting: ActingOptions
    @Option(help: "The directory snapshot, by the hash `assay directory import` printed (default: the latest imported).") var directory: String?
    @Option(help: "The assignment's id (default: the period and a number, such as 2022-06-1).") var id: String?
    @Option(help: "A team rule file (YAML, as Data/team-rules): it stands in for the built-in rule of its id, or is the rule a flow names that none is built in for; repeat for more.")
    var rule: [String] = []
    @Flag(help: "Print the teams without recording them.") var dryRun = false

    func run(_ context: PluginCommand.Context) async throws -> String {
        let given = try rule.map { try CoordinatorsDataFile.load($0, kind: TeamRule.kind, as: TeamRule.self, host: context.host) }
        let engine = try await context.engine()
        // A commission assigns the cases of its own region, listed through the index of cases by
        // region (their openings, actions and teams, not their every record).
        let assigner: TeamAssigner
        if case .region(let region) = acting.actor.jurisdiction {
            assigner = try await TeamAssigner(engine: engine, directory: directory, inside: region, given: given, id: id, at: acting.date)
        } else {
            assigner = try await TeamAssigner(engine: engine, directory: directory, given: given, id: id, at: acting.date)
        }
        guard !assigner.assignments.isEmpty else { return "no case waits at a stage with a team rule with a seat to fill" }
        var lines: [String] = []
        for assignment in assigner.assignments {
            let (made, solved) = (assignment.made, assignment.solved)
            lines.append("assignment \(assignment.id): \(counted(made.cases.count, "team")) under \(made.rule.id), directory \(made.directory.prefix(12)), period \(made.period): "
                         + "maximum load \(made.maxLoad)\(solved.certificate.map { " (none has \($0.maxLoad): a cut of \($0.seats.count) seats proves it)" } ?? ""), travel \(made.travel)")
            for (state, team) in assignment.teams {
                lines.append("  \(state.id) \(state.institution.name): " + team.seats.map { "\($0.seat) \($0.expert)" }.joined(separator: ", ")
                             + (team.replaces.map { " (replacing \($0.joined(separator: ", ")))" } ?? ""))
            }
        }
        if dryRun { return (lines + ["(not recorded: --dry-run)"]).joined(separator: "\n") }
        try await engine.record(try assigner.records(by: acting.actor), at: acting.date)
        return lines.joined(separator: "\n")
    }
}

/// `assay assign verify`.
struct AssignVerify: PluginSubcommand {
    /// It only reads: the store is opened read-only.
    static let readsOnly = true

    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Re-check a recorded assignment against its directory, the rules and the loads, and solve it again.", discussion: "Example:\n  assay assign verify 2023-03-1")

    @Argument(help: "The assignment's id.") var id: String

    func run(_ context: PluginCommand.Context) async throws -> String {
        let engine = try await context.engine()
        let (made, verification) = try await AssignmentVerification.of(id, engine: engine)
        let report = verification.checks.map { "  \($0)" }.joined(separator: "\n")
        guard verification.passed else { throw CommandRefusal("assignment \(id) does NOT verify:\n\(report)") }
        return "assignment \(id) verifies (directory \(made.directory.prefix(12)), rule \(made.rule.id), period \(made.period)):\n\(report)"
    }
}

/// `assay assign decline`.
struct AssignDecline: PluginSubcommand {
    static let configuration = CommandConfiguration(commandName: "decline", abstract: "Record that an assigned reviewer declines a case; the next `assay assign` refills the seat.", discussion: "Example:\n  assay assign decline basic-standard/410883-001 --expert county-expert-1@410821 --reason 因病 --actor commission@410800 --role city-coordinator --for region:410800")

    @OptionGroup var acting: ActingOptions
    @Argument(help: "The case.") var caseID: String
    @Option(help: "The reviewer who declines.") var expert: String
    @Option(help: "Why (a conflict found late, illness, …).") var reason: String

    func run(_ context: PluginCommand.Context) async throws -> String {
        let engine = try await context.engine()
        let state = try await engine.state(of: CaseID(caseID))
        let assignments = try await engine.currentPluginStates().state(of: Coordinators.self) ?? AssignmentState()
        guard let team = assignments.team(of: state), team.seats.contains(where: { $0.expert == expert }) else {
            throw CommandRefusal("\(expert) is not on the review team of case \(caseID) at \(state.stage)")
        }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw PluginUsageError("--reason says why the reviewer declines") }
        let declined = TeamDeclined(expert: expert, reason: reason)
        try await engine.record(PluginRecord(plugin: Coordinators.name, type: AssignmentRecords.declined, by: acting.actor, value: try RecordValue(encoding: declined)),
                                about: state.id, at: acting.date)
        return "\(expert) declined case \(caseID): \(reason); `assay assign` fills the seat"
    }
}
