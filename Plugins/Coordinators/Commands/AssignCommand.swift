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
        discussion: "A stage names its team rule with `uses: { team-rule: [ID] }` (built in: city-on-site, province-on-site). make fills every open seat of the waiting cases from a directory snapshot, honouring the rule, jurisdiction, home-county avoidance, the expert's own institution, declared conflicts and suspensions (integrity records) and capacity per month, with the least maximum load and, at it, the least travel; when no valid assignment exists it says which counties and seats cannot be filled and why (exit 1). verify re-checks a recorded assignment against its directory and solves it again. decline frees a seat; the next make refills it.",
        subcommands: [AssignMake.self, AssignVerify.self, AssignDecline.self],
        defaultSubcommand: AssignMake.self
    )

    static let pluginCommand = pluginCommand(named: "assign")
}

/// `assay assign make`.
struct AssignMake: PluginSubcommand {
    static let configuration = CommandConfiguration(commandName: "make", abstract: "Assign teams to every waiting case with an open seat, and record them.", discussion: "Example:\n  assay assign --at 2023-03-02T09:00 --actor commission@410800 --role city-coordinator --for region:410800")

    @OptionGroup var acting: ActingOptions
    @Option(help: "The directory snapshot, by the hash `assay directory import` printed (default: the latest imported).") var directory: String?
    @Option(help: "The assignment's id (default: the period and a number, such as 2022-06-1).") var id: String?
    @Flag(help: "Print the teams without recording them.") var dryRun = false

    func run(_ context: PluginCommand.Context) async throws -> String {
        let engine = try await context.engine()
        let (hash, files) = try await DirectorySnapshots.snapshot(directory, in: engine.store)
        let (read, problems) = Directory.read(files)
        guard let read else { throw CommandRefusal("directory \(hash.prefix(12)) no longer reads: \(problems.first.map(\.description) ?? "")") }
        let states = try await engine.currentPluginStates()
        let assignments = states.state(of: Coordinators.self) ?? AssignmentState()
        var planning = AssignmentPlanning(directory: read, integrity: states.state(of: IntegrityRecords.self) ?? IntegrityState(),
                                          assignments: assignments, at: Timestamp(acting.date))
        let period = AssignmentPlanning.period(of: acting.date)
        var cases: [(state: CaseState, stage: Stage)] = []
        for state in try await engine.cases() {
            if let stage = try engine.transition(for: state).definition.stages[state.stage] { cases.append((state, stage)) }
        }
        let rules = try BuiltInTeamRules.rules()
        let waiting = AssignmentPlanning.waiting(cases, assignments: assignments, rules: rules)
        guard !waiting.isEmpty else { return "no case waits at a stage with a team rule with a seat to fill" }
        let base = id ?? "\(period)-\(assignments.assignments.keys.filter { $0.hasPrefix("\(period)-") }.count + 1)"
        let groups = Dictionary(grouping: waiting, by: \.rule).sorted { $0.key < $1.key }
        var entries: [SubjectRecord] = []
        var lines: [String] = []
        for (ruleID, group) in groups {
            let rule = rules.first { $0.id == ruleID }!
            let assignmentID = groups.count == 1 ? base : "\(base)-\(ruleID)"
            guard assignments.assignments[assignmentID] == nil else { throw CommandRefusal("assignment \(assignmentID) exists already; give another --id") }
            let problem = try planning.problem(group, rule: rule, period: period)
            let solved: TeamAssignment
            do { solved = try TeamAssignment.solve(problem) } catch { throw CommandRefusal("\(ruleID): \(error)") }
            let made = AssignmentMade(directory: hash, rule: rule, period: period, cases: group.map(\.state.id.value), maxLoad: solved.maxLoad, travel: solved.travel)
            entries.append(SubjectRecord(subject: Subject(kind: "assignment", id: assignmentID), record: try record(AssignmentRecords.made, made)))
            lines.append("assignment \(assignmentID): \(counted(group.count, "team")) under \(ruleID), directory \(hash.prefix(12)), period \(period): "
                         + "maximum load \(solved.maxLoad)\(solved.certificate.map { " (none has \($0.maxLoad): a cut of \($0.seats.count) seats proves it)" } ?? ""), travel \(solved.travel)")
            for (waitingCase, team) in zip(group, solved.teams) {
                let seats = zip(rule.seats, team).map { TeamAssigned.Seat(seat: $0.name, expert: $1) }
                let assigned = TeamAssigned(assignment: assignmentID, stage: waitingCase.state.stage, seats: seats,
                                            replaces: waitingCase.declined.isEmpty ? nil : waitingCase.declined)
                entries.append(SubjectRecord(subject: waitingCase.state.id, record: try record(AssignmentRecords.team, assigned)))
                lines.append("  \(waitingCase.state.id) \(waitingCase.state.institution.name): " + seats.map { "\($0.seat) \($0.expert)" }.joined(separator: ", ")
                             + (waitingCase.declined.isEmpty ? "" : " (replacing \(waitingCase.declined.joined(separator: ", ")))"))
            }
            for (waitingCase, team) in zip(group, solved.teams) {
                for (seat, expert) in team.enumerated() where waitingCase.seated[seat] == nil { planning.heldElsewhere[expert, default: 0] += 1 }
            }
        }
        if dryRun { return (lines + ["(not recorded: --dry-run)"]).joined(separator: "\n") }
        try await engine.record(entries, at: acting.date)
        return lines.joined(separator: "\n")
    }

    private func record(_ type: String, _ value: some Encodable) throws -> PluginRecord {
        PluginRecord(plugin: Coordinators.name, type: type, by: acting.actor, value: try RecordValue(encoding: value))
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
        let recorded = try await RecordedAssignment(id, store: engine.store, host: context.host)
        let files = try await DirectorySnapshots.files(recorded.made.directory, in: engine.store)
        guard let directory = Directory.read(files).directory else { throw CommandRefusal("the directory snapshot of assignment \(id) does not read") }
        let planning = AssignmentPlanning(directory: directory, integrity: recorded.states.state(of: IntegrityRecords.self) ?? IntegrityState(),
                                          assignments: recorded.states.state(of: Coordinators.self) ?? AssignmentState(), at: recorded.at)
        var waiting: [AssignmentPlanning.Waiting] = []
        for (caseID, team) in zip(recorded.made.cases, recorded.teams) {
            let state = try await engine.state(of: CaseID(caseID))
            let before = planning.assignments.teams[CaseID(caseID)].flatMap { $0.stage == team.stage ? $0 : nil }
            let seated = recorded.made.rule.seats.map { seat in before?.seats.first { $0.seat == seat.name }?.expert }
            waiting.append(.init(state: state, rule: recorded.made.rule.id, seated: seated, declined: before?.declined ?? []))
        }
        let problem = try planning.problem(waiting, rule: recorded.made.rule, period: recorded.made.period)
        let verification = AssignmentVerification(recorded.made, teams: recorded.teams, problem: problem)
        let report = verification.checks.map { "  \($0)" }.joined(separator: "\n")
        guard verification.passed else { throw CommandRefusal("assignment \(id) does NOT verify:\n\(report)") }
        return "assignment \(id) verifies (directory \(recorded.made.directory.prefix(12)), rule \(recorded.made.rule.id), period \(recorded.made.period)):\n\(report)"
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
        guard let team = assignments.teams[state.id], team.stage == state.stage, team.seats.contains(where: { $0.expert == expert }) else {
            throw CommandRefusal("\(expert) is not on the review team of case \(caseID) at \(state.stage)")
        }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw PluginUsageError("--reason says why the reviewer declines") }
        let declined = TeamDeclined(expert: expert, reason: reason)
        try await engine.record(PluginRecord(plugin: Coordinators.name, type: AssignmentRecords.declined, by: acting.actor, value: try RecordValue(encoding: declined)),
                                about: state.id, at: acting.date)
        return "\(expert) declined case \(caseID): \(reason); `assay assign` fills the seat"
    }
}
