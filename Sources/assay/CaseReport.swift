import AssayCore
import Coordinators
import Foundation

/// A case as `case show`, `case list` and the case commands print it.
struct CaseReport: Encodable {
    struct Deadline: Encodable {
        var action: String
        var due: String
        var overdue: Bool
    }

    /// The review team assigned to the case at its current stage (`assay assign`).
    struct Team: Encodable {
        var assignment: String
        /// `seat expert`, such as `clinical city-group-1-member-1`; an empty seat is `seat (open)`.
        var seats: [String]
    }

    struct Availability: Encodable {
        var action: String
        var title: String
        var to: String
        var allowed: Bool
        var refusal: String?
        var inputs: [String]
        var guards: [String]
    }

    var id: String
    var flow: String
    var definition: String
    var institution: Institution
    var stage: String
    var since: String
    var version: Int
    var path: [String]
    var deadline: Deadline?
    var team: Team?
    var actions: [Availability]?

    /// The case at `now`; with `actor`, what they may do now, judged on `plugins` (the plugins'
    /// state folded from the log) as taking each action would judge it.
    init(_ state: CaseState, transition: Transition, now: Timestamp, time: TimeOptions, actor: Actor? = nil, plugins: PluginStates = .empty) {
        id = state.id.value
        flow = state.flowID
        definition = state.definitionHash.hex
        institution = state.institution
        stage = state.stage
        since = time.show(state.enteredStageAt)
        version = state.version
        path = state.path
        deadline = transition.deadline(of: state).map { Deadline(action: $0.action, due: time.show($0.due), overdue: $0.due <= now) }
        if let assigned = plugins.state(of: Coordinators.self)?.team(of: state) {
            team = Team(assignment: assigned.assignment, seats: assigned.seats.map { "\($0.seat) \($0.expert ?? "(open)")" })
        }
        actions = actor.map { actor in
            transition.availability(on: state, for: actor, at: now, plugins: plugins).map { item in
                Availability(action: item.action.name, title: item.action.title.en, to: item.action.target, allowed: item.isAllowed,
                             refusal: item.refusal?.description,
                             inputs: item.action.inputs.map { "\($0.name)\($0.required ? "" : "?")" }, guards: item.action.guards)
            }
        }
    }

    /// One line: id, stage, institution, and the deadline when there is one.
    var line: String {
        var text = "\(id)  \(stage)  \(institution.name) (\(institution.region))"
        if let deadline { text += "  \(deadline.action) due \(deadline.due)\(deadline.overdue ? " (overdue)" : "")" }
        if let team { text += "  team \(team.seats.joined(separator: ", "))" }
        return text
    }

    /// The case, its deadline, and what the actor may do.
    var text: String {
        var lines = [
            "case \(id): \(institution.name) (\(institution.id), region \(institution.region))",
            "flow \(flow), definition \(definition)",
            "stage \(stage) since \(since), version \(version); path \(path.joined(separator: " → "))",
        ]
        if let deadline {
            lines.append("deadline: \(deadline.action) \(deadline.overdue ? "was due" : "is due") \(deadline.due)")
        }
        if let team {
            lines.append("team: \(team.seats.joined(separator: ", ")) (assignment \(team.assignment))")
        }
        if let actions {
            lines.append(actions.isEmpty ? "no actions: the case rests in this stage" : "actions:")
            for item in actions {
                let needs = item.inputs.isEmpty ? "" : " (inputs: \(item.inputs.joined(separator: ", ")))"
                let checks = item.guards.isEmpty ? "" : " [guards: \(item.guards.joined(separator: ", "))]"
                lines.append(item.allowed
                    ? "  ✓ \(item.action) → \(item.to)\(needs)\(checks)"
                    : "  ✗ \(item.action) → \(item.to): \(item.refusal ?? "")")
            }
        }
        return lines.joined(separator: "\n")
    }
}
