import AssayCore
import Foundation
import IntegrityRecords

/// Fills the open seats of the cases waiting at stages with a team rule, from a directory
/// snapshot, as the log stands: the call `assay assign`, the demo and the server make. It plans;
/// `records(by:)` are what the caller records (nothing is written here).
public struct TeamAssigner: Sendable {
    /// One assignment under one rule: its id, what it claims, and each case's team.
    public struct Assignment: Sendable {
        public var id: String
        public var made: AssignmentMade
        public var solved: TeamAssignment
        public var teams: [(state: CaseState, assigned: TeamAssigned)]
    }

    /// The directory snapshot the teams come from, by its hash; nil when no case waits (the
    /// directory is then not read).
    public var directory: String?
    /// One assignment per rule, in the rules' order; empty when no case waits.
    public var assignments: [Assignment]

    /// Plans the teams at `at` for the waiting cases (only those in `cases`, and under the team
    /// rules whose ids are in `rules`, when given), from the snapshot `directory` (the latest
    /// imported when nil). A rule in `given` stands in for the built-in rule of its id (or adds
    /// one a flow names); the assignment records the rule it used in full. `id` names the
    /// assignment (by default the period and a number, such as 2022-06-1).
    public init(engine: Engine, directory: String? = nil, cases: Set<CaseID>? = nil, rules ruleIDs: Set<String>? = nil, given: [TeamRule] = [], id: String? = nil,
                at: Date) async throws {
        // Only the cases asked for are read, in the order they were opened.
        var states: [CaseState] = []
        for id in try await engine.store.caseIDs() where cases?.contains(id) ?? true { states.append(try await engine.state(of: id)) }
        try await self.init(engine: engine, directory: directory, states: states, rules: ruleIDs, given: given, id: id, at: at)
    }

    /// Plans the teams for the waiting cases within `region`, as `init(engine:directory:cases:…)`
    /// does: for a commission, which assigns its own region's cases. Only the region's cases at
    /// a stage with a team rule (in any flow the engine knows) are read, with their teams,
    /// through the store's index of cases by region and stage; when none of them waits,
    /// nothing else is read.
    public init(engine: Engine, directory: String? = nil, inside region: RegionCode, rules ruleIDs: Set<String>? = nil, given: [TeamRule] = [], id: String? = nil,
                at: Date) async throws {
        let staffed = Set(engine.library.definitionsByHash.values.flatMap { flow in
            flow.stages.filter { $0.uses?[TeamRule.kind]?.isEmpty == false }.map(\.name)
        })
        let (states, plugins) = try await engine.caseListing(inside: region, atStages: staffed, withPlugins: [Coordinators.name])
        try await self.init(engine: engine, directory: directory, states: states, teams: plugins.state(of: Coordinators.self) ?? AssignmentState(),
                            rules: ruleIDs, given: given, id: id, at: at)
    }

    /// Plans the teams for those of the cases in `states` (as they stand now) that wait, as
    /// `init(engine:directory:cases:…)` does: for a caller that has read them already.
    public init(engine: Engine, directory: String? = nil, states: [CaseState], rules ruleIDs: Set<String>? = nil, given: [TeamRule] = [], id: String? = nil,
                at: Date) async throws {
        try await self.init(engine: engine, directory: directory, states: states, teams: nil, rules: ruleIDs, given: given, id: id, at: at)
    }

    /// Plans the teams for the waiting cases among `states`, whose teams are those `teams` holds
    /// (the coordinators' state folded from their records alone; the whole log's when nil).
    private init(engine: Engine, directory: String?, states: [CaseState], teams: AssignmentState?, rules ruleIDs: Set<String>?, given: [TeamRule], id: String?,
                 at: Date) async throws {
        var open: [(state: CaseState, stage: Stage)] = []
        for state in states {
            if let stage = try engine.transition(for: state).definition.stages[state.stage] { open.append((state, stage)) }
        }
        // A rule given for this assignment stands in for the built-in rule of its id, or adds one a flow names.
        let rules = given + (try BuiltInTeamRules.rules()).filter { builtIn in !given.contains { $0.id == builtIn.id } }
        func waiting(given teams: AssignmentState) -> [AssignmentPlanning.Waiting] {
            AssignmentPlanning.waiting(open, assignments: teams, rules: rules).filter { ruleIDs?.contains($0.rule) ?? true }
        }
        self.directory = nil
        self.assignments = []
        if let teams, waiting(given: teams).isEmpty { return }
        let (hash, files, read) = try await DirectorySnapshots.snapshot(directory, in: engine)
        guard let read else { throw TeamAssignerError.directoryUnreadable(hash: hash, problem: Directory.read(files).problems.first.map(\.description) ?? "") }
        // The plan reads the assignments and the integrity records only: those two plugins are
        // folded, each from its own records (recording the plan judges it on every plugin's).
        let plugins = try await engine.currentPluginStates(of: [Coordinators.name, IntegrityRecords.name])
        let recorded = plugins.state(of: Coordinators.self) ?? AssignmentState()
        var planning = AssignmentPlanning(directory: read, integrity: plugins.state(of: IntegrityRecords.self) ?? IntegrityState(),
                                          assignments: recorded, at: Timestamp(at))
        let period = AssignmentPlanning.period(of: at)
        let waiting = waiting(given: recorded)
        let base = id ?? "\(period)-\(recorded.assignments.keys.filter { $0.hasPrefix("\(period)-") }.count + 1)"
        let byRule = Dictionary(grouping: waiting, by: \.rule).sorted { $0.key < $1.key }
        self.directory = hash
        for (ruleID, group) in byRule {
            let rule = rules.first { $0.id == ruleID }!
            let assignmentID = byRule.count == 1 ? base : "\(base)-\(ruleID)"
            guard recorded.assignments[assignmentID] == nil else { throw TeamAssignerError.exists(assignmentID) }
            let solved: TeamAssignment
            do { solved = try TeamAssignment.solve(try planning.problem(group, rule: rule, period: period)) } catch let shortfall as AssignmentShortfall {
                throw TeamAssignerError.shortfall(rule: ruleID, shortfall)
            }
            let made = AssignmentMade(directory: hash, rule: rule, period: period, cases: group.map(\.state.id.value), maxLoad: solved.maxLoad, travel: solved.travel)
            let teams = zip(group, solved.teams).map { waitingCase, team in
                (waitingCase.state, TeamAssigned(assignment: assignmentID, stage: waitingCase.state.stage,
                                                 seats: zip(rule.seats, team).map { TeamAssigned.Seat(seat: $0.name, expert: $1) },
                                                 replaces: waitingCase.declined.isEmpty ? nil : waitingCase.declined))
            }
            for (waitingCase, team) in zip(group, solved.teams) {
                for (seat, expert) in team.enumerated() where waitingCase.seated[seat] == nil { planning.heldElsewhere[expert, default: 0] += 1 }
            }
            assignments.append(Assignment(id: assignmentID, made: made, solved: solved, teams: teams))
        }
    }

    /// The records that make the assignments, by `coordinator`: each assignment, then its teams.
    public func records(by coordinator: Actor) throws -> [SubjectRecord] {
        try assignments.flatMap { assignment in
            [SubjectRecord(subject: Subject(kind: "assignment", id: assignment.id),
                           record: try Self.record(AssignmentRecords.made, assignment.made, by: coordinator))]
                + (try assignment.teams.map { SubjectRecord(subject: $0.state.id, record: try Self.record(AssignmentRecords.team, $0.assigned, by: coordinator)) })
        }
    }

    private static func record(_ type: String, _ value: some Encodable, by actor: Actor) throws -> PluginRecord {
        PluginRecord(plugin: Coordinators.name, type: type, by: actor, value: try RecordValue(encoding: value))
    }
}

/// Why no teams could be planned.
public enum TeamAssignerError: Error, CustomStringConvertible {
    case directoryUnreadable(hash: String, problem: String)
    case exists(String)
    case shortfall(rule: String, AssignmentShortfall)

    public var description: String {
        switch self {
        case .directoryUnreadable(let hash, let problem): "directory \(hash.prefix(12)) no longer reads: \(problem)"
        case .exists(let id): "assignment \(id) exists already; give another --id"
        case .shortfall(let rule, let shortfall): "\(rule): \(shortfall)"
        }
    }
}
