import AssayCore
import AssayHistory
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
