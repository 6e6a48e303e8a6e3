import AssayCore
import Foundation
import IntegrityRecords

/// The assignment problem of cases waiting at a stage whose `uses: { team-rule: [ID] }` names
/// a rule: built from a directory, the integrity records and the teams already recorded, as
/// they stand at one moment of the log. `assay assign` solves it; `assay assign verify` builds
/// it again as it stood when an assignment was recorded.
struct AssignmentPlanning {
    /// A case that needs seats filled: the case, its stage and rule, and its team so far.
    struct Waiting {
        var state: CaseState
        var rule: String
        var seated: [String?]
        var declined: [String]
    }

    var directory: Directory
    var integrity: IntegrityState
    var assignments: AssignmentState
    var at: Timestamp
    /// Seats given by this run under other rules, held in the same period.
    var heldElsewhere: [String: Int] = [:]

    /// The capacity period of a moment: its month in China Standard Time (`YYYY-MM`).
    static func period(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let parts = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", parts.year!, parts.month!)
    }

    /// The cases waiting at a team-rule stage with a seat to fill, in the order given.
    static func waiting(_ cases: [(state: CaseState, stage: Stage)], assignments: AssignmentState, rules: [TeamRule]) -> [Waiting] {
        cases.compactMap { state, stage in
            guard let ruleID = stage.uses?[TeamRule.kind]?.first, let rule = rules.first(where: { $0.id == ruleID }) else { return nil }
            let team = assignments.team(of: state)
            let seated = rule.seats.map { seat in team?.seats.first { $0.seat == seat.name }?.expert }
            guard seated.contains(where: { $0 == nil }) else { return nil }
            return Waiting(state: state, rule: ruleID, seated: seated, declined: team?.declined ?? [])
        }
    }

    /// The problem of `waiting` (all under `rule`), with the loads already held in `period`.
    func problem(_ waiting: [Waiting], rule: TeamRule, period: String) throws -> AssignmentProblem {
        let index = Dictionary(directory.institutions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let missing = waiting.filter { index[$0.state.institution.id] == nil }.map { "\($0.state.id) (\($0.state.institution.id))" }
        guard missing.isEmpty else { throw AssignmentPlanningError.institutionsMissing(missing) }
        var constraints = AssignmentProblem.Constraints()
        constraints.loads = assignments.loads(in: period).merging(heldElsewhere, uniquingKeysWith: +)
        for expert in directory.experts {
            let subject = Subject(kind: "expert", id: expert.id)
            if integrity.suspension(of: expert.id, at: at) != nil { constraints.unavailable.insert(expert.id) }
            if let rules = integrity.rules, integrity.violation(by: subject, weighingFor: rules.expertBarredDays, at: at) != nil { constraints.unavailable.insert(expert.id) }
            for record in integrity.conflicts(of: expert.id) {
                if let institution = record.institution { constraints.conflicts.append((expert.id, institution)) }
                if let county = record.county { constraints.countyConflicts.append((expert.id, county)) }
            }
        }
        for waitingCase in waiting { for expert in waitingCase.declined { constraints.declines.append((expert, waitingCase.state.institution.id)) } }
        let teams = waiting.map { AssignmentProblem.Team(institution: index[$0.state.institution.id]!, seated: $0.seated) }
        return AssignmentProblem(directory: directory, rule: rule, teams: teams, constraints: constraints)
    }
}

/// Why an assignment problem cannot be built.
enum AssignmentPlanningError: Error, CustomStringConvertible {
    case institutionsMissing([String])

    var description: String {
        switch self {
        case .institutionsMissing(let cases):
            "the directory lists no institution for \(cases.count) waiting cases: \(cases.prefix(5).joined(separator: ", "))\(cases.count > 5 ? ", …" : ""); import a directory that lists them (`assay directory import`)"
        }
    }
}
