import AssayCore

/// An assignment of review teams, recorded about `assignment:ID`: what an auditor needs to
/// re-run it (the directory snapshot, the rule, the period) and the figures it claims.
public struct AssignmentMade: Sendable, Equatable, Codable {
    public var directory: String
    public var rule: TeamRule
    /// Capacity is per period (`YYYY-MM`): seats held in it by earlier assignments count.
    public var period: String
    public var cases: [String]
    public var maxLoad: Int
    public var travel: Int

    public init(directory: String, rule: TeamRule, period: String, cases: [String], maxLoad: Int, travel: Int) {
        self.directory = directory
        self.rule = rule
        self.period = period
        self.cases = cases
        self.maxLoad = maxLoad
        self.travel = travel
    }

    enum CodingKeys: String, CodingKey { case directory, rule, period, cases, maxLoad = "max-load", travel }
}

/// A case's review team, recorded about the case: the expert of each seat. After a decline, the
/// new team, naming whom it replaces and why.
public struct TeamAssigned: Sendable, Equatable, Codable {
    public struct Seat: Sendable, Equatable, Codable {
        public var seat: String
        public var expert: String

        public init(seat: String, expert: String) {
            self.seat = seat
            self.expert = expert
        }
    }

    public var assignment: String
    public var stage: String
    public var seats: [Seat]
    /// The expert replaced, for a reassignment.
    public var replaces: [String]?

    public init(assignment: String, stage: String, seats: [Seat], replaces: [String]? = nil) {
        self.assignment = assignment
        self.stage = stage
        self.seats = seats
        self.replaces = replaces
    }
}

/// An assigned reviewer declines a case.
public struct TeamDeclined: Sendable, Equatable, Codable {
    public var expert: String
    public var reason: String

    public init(expert: String, reason: String) {
        self.expert = expert
        self.reason = reason
    }
}

/// The assignments as the log holds them: each case's team as it stands.
public struct AssignmentState: Sendable {
    public struct Team: Sendable, Equatable {
        public var assignment: String
        public var stage: String
        /// Each seat's expert; nil once they declined and until a reassignment.
        public var seats: [(seat: String, expert: String?)]
        /// Experts who declined this case at this stage: never assigned to it again.
        public var declined: [String] = []
        /// When the team (or its last replacement) was assigned.
        public var assignedAt: Timestamp

        public static func == (lhs: Team, rhs: Team) -> Bool {
            lhs.assignment == rhs.assignment && lhs.stage == rhs.stage && lhs.declined == rhs.declined && lhs.assignedAt == rhs.assignedAt
                && lhs.seats.elementsEqual(rhs.seats) { $0 == $1 }
        }
    }

    public internal(set) var assignments: [String: AssignmentMade] = [:]
    public internal(set) var teams: [Subject: Team] = [:]
    /// The directory snapshots the log holds, in the order they were stored, each read once
    /// (nil when it does not read): what `assay assign` and the pages read the latest of,
    /// without scanning the log or reading its CSV again.
    public internal(set) var directories: [(hash: String, files: Directory.Files, directory: Directory?)] = []

    public init() {}

    /// The team assigned to the case for its current stay in its stage, or nil: a team assigned
    /// at another stage, or before the case last entered this one (an upheld appeal sends it back
    /// to the on-site review, which a new assignment then staffs), does not act now.
    public func team(of state: CaseState) -> Team? {
        guard let team = teams[state.id], team.stage == state.stage, team.assignedAt >= state.enteredStageAt else { return nil }
        return team
    }

    /// Seats held in `period` by the teams as they stand, by expert.
    public func loads(in period: String) -> [String: Int] {
        var loads: [String: Int] = [:]
        for team in teams.values where assignments[team.assignment]?.period == period {
            for case let (_, expert?) in team.seats { loads[expert, default: 0] += 1 }
        }
        return loads
    }

    mutating func fold(_ record: CheckedRecord, about subject: Subject, at: Timestamp) {
        switch record.type {
        case DataFileKind.recordType:
            if let file = record.content(as: StoredDataFile.self), file.kind == Directory.kind,
               let files = try? file.content.decode(as: Directory.Files.self) {
                directories.append((file.hash.hex, files, Directory.read(files).directory))
            }
        case AssignmentRecords.made:
            if let made = record.content(as: AssignmentMade.self) { assignments[String(subject.value.dropFirst("assignment:".count))] = made }
        case AssignmentRecords.team:
            if let team = record.content(as: TeamAssigned.self) {
                // A replacement after a decline keeps the declines; a new team starts afresh.
                let declined = team.replaces == nil ? [] : teams[subject].flatMap { $0.stage == team.stage ? $0.declined : nil } ?? []
                teams[subject] = Team(assignment: team.assignment, stage: team.stage, seats: team.seats.map { ($0.seat, $0.expert) },
                                      declined: declined, assignedAt: at)
            }
        case AssignmentRecords.declined:
            if let declined = record.content(as: TeamDeclined.self), var team = teams[subject] {
                team.seats = team.seats.map { ($0.seat, $0.expert == declined.expert ? nil : $0.expert) }
                team.declined.append(declined.expert)
                teams[subject] = team
            }
        default: break
        }
    }
}

/// The assignment records' names, and the guard flows ask for with `assigned-reviewers`.
public enum AssignmentRecords {
    public static let made = "assignment-made"
    public static let team = "team-assigned"
    public static let declined = "team-declined"

    static let assignedReviewer = Guard(name: FlowDefinition.assignedReviewerGuard,
                                        summary: "the actor is one of the case's assigned reviewers at this stage") { context in
        guard let state = context.plugins.state(of: Coordinators.self) else { return .fail("the coordinators plugin is not registered") }
        guard let team = state.team(of: context.state) else {
            return .fail("case \(context.state.id) has no review team assigned for its stay at \(context.state.stage); a coordinator assigns one with `assay assign`")
        }
        let members = team.seats.compactMap(\.expert)
        guard members.contains(context.actor.id) else {
            return .fail("\(context.actor.id) is not one of the reviewers assigned to case \(context.state.id) (\(members.joined(separator: ", ")), assignment \(team.assignment))")
        }
        return .pass("\(context.actor.id) is an assigned reviewer (assignment \(team.assignment))")
    }
}
