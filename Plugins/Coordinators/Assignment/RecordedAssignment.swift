import AssayCore
import AssayHistory
import IntegrityRecords
import PluginCommandLine

/// A recorded assignment as the log holds it, with the plugins' state just before it was
/// recorded: what the assigner saw (integrity records, earlier teams and loads).
struct RecordedAssignment {
    var made: AssignmentMade
    /// Its teams, in the order of `made.cases`.
    var teams: [TeamAssigned]
    var states: PluginStates
    var at: Timestamp

    init(_ id: String, store: any EventStore, host: PluginHost) async throws {
        let subject = Subject(kind: "assignment", id: id)
        var states = host.initialStates
        var found: (AssignmentMade, PluginStates, Timestamp)?
        var teams: [Subject: TeamAssigned] = [:]
        for try await batch in LogReader(store: store) {
            for entry in batch {
                let event = try Event(canonical: entry.body)
                if found == nil {
                    if entry.subject == subject, case .recorded(let record) = event.body, record.type == AssignmentRecords.made {
                        found = (try record.value.decode(as: AssignmentMade.self), states, event.at)
                    } else {
                        host.fold(&states, event)
                    }
                } else if case .recorded(let record) = event.body, record.type == AssignmentRecords.team,
                          let team = try? record.value.decode(as: TeamAssigned.self), team.assignment == id {
                    teams[entry.subject] = team
                }
            }
        }
        guard let (made, before, at) = found else { throw CommandRefusal("the log holds no assignment \(id)") }
        self.made = made
        self.teams = made.cases.compactMap { teams[Subject($0)] }
        self.states = before
        self.at = at
    }
}

extension AssignmentVerification {
    /// Re-checks recorded assignment `id` against its directory, the rules and the loads as the
    /// log stood when it was recorded, and solves it again: what `assay assign verify` reports.
    public static func of(_ id: String, engine: Engine) async throws -> (made: AssignmentMade, verification: AssignmentVerification) {
        let recorded = try await RecordedAssignment(id, store: engine.store, host: engine.plugins)
        guard let directory = try await DirectorySnapshots.named(recorded.made.directory, in: engine).directory else { throw CommandRefusal("the directory snapshot of assignment \(id) does not read") }
        let planning = AssignmentPlanning(directory: directory, integrity: recorded.states.state(of: IntegrityRecords.self) ?? IntegrityState(),
                                          assignments: recorded.states.state(of: Coordinators.self) ?? AssignmentState(), at: recorded.at)
        var waiting: [AssignmentPlanning.Waiting] = []
        for (caseID, team) in zip(recorded.made.cases, recorded.teams) {
            let state = try await engine.state(of: CaseID(caseID))
            // A replacement fills the seats of the team it completes; a new team fills them all.
            let before = team.replaces == nil ? nil : planning.assignments.teams[CaseID(caseID)].flatMap { $0.stage == team.stage ? $0 : nil }
            let seated = recorded.made.rule.seats.map { seat in before?.seats.first { $0.seat == seat.name }?.expert }
            waiting.append(.init(state: state, rule: recorded.made.rule.id, seated: seated, declined: before?.declined ?? []))
        }
        let problem = try planning.problem(waiting, rule: recorded.made.rule, period: recorded.made.period)
        return (recorded.made, AssignmentVerification(recorded.made, teams: recorded.teams, problem: problem))
    }
}
