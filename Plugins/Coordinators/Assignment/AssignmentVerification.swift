
/// Re-checks a recorded assignment against the problem it answered (its directory, rule,
/// period, the integrity records and earlier loads as they stood): every rule on every seat,
/// the loads against capacity, the figures it claims, and, by solving again, that its maximum
/// load and travel are the least possible.
public struct AssignmentVerification: Sendable {
    /// One check and whether it held.
    public struct Check: Sendable, Equatable, CustomStringConvertible {
        public var passed: Bool
        public var text: String
        public var description: String { (passed ? "ok   " : "FAIL ") + text }
    }

    public var checks: [Check]
    public var passed: Bool { checks.allSatisfy(\.passed) }

    /// Checks `made` and its teams (in the order of `made.cases`) against `problem`, whose
    /// teams are the cases as the assigner saw them.
    public init(_ made: AssignmentMade, teams recorded: [TeamAssigned], problem: AssignmentProblem) {
        var checks: [Check] = []
        func check(_ passed: Bool, _ text: String) { checks.append(Check(passed: passed, text: text)) }
        check(recorded.count == made.cases.count && recorded.count == problem.teams.count,
              "a team for each of the \(made.cases.count) cases (\(recorded.count) recorded)")
        var problems: [String] = []
        var load = problem.load
        var travel = 0
        for (team, record) in zip(problem.teams.indices, recorded) {
            let seatNames = problem.rule.seats.map(\.name)
            if record.seats.map(\.seat) != seatNames { problems.append("\(made.cases[team]): seats \(record.seats.map(\.seat)) are not the rule's \(seatNames)") }
            if Set(record.seats.map(\.expert)).count != record.seats.count { problems.append("\(made.cases[team]): one expert holds two seats") }
            for (seat, holder) in record.seats.enumerated() where seat < seatNames.count {
                let kept = problem.teams[team].seated[seat] == holder.expert
                if !kept {
                    for why in problem.objections(expert: holder.expert, seat: seat, team: team) { problems.append("\(made.cases[team]): \(holder.expert): \(why)") }
                    if let expert = problem.expertIndex[holder.expert] { load[expert] += 1 }
                }
                if let expert = problem.expertIndex[holder.expert], problem.travels(expert: expert, team: team) { travel += 1 }
            }
        }
        check(problems.isEmpty, "team rule, jurisdiction, home county, own institution, conflicts, suspensions"
              + (problems.isEmpty ? "" : ": \(problems.count) problems, e.g. \(problems.prefix(3).joined(separator: "; "))"))
        let over = problem.directory.experts.indices.filter { load[$0] > problem.directory.experts[$0].capacity }
        check(over.isEmpty, "every load within capacity in \(made.period)" + (over.isEmpty ? "" : "; over: \(over.prefix(5).map { problem.directory.experts[$0].id })"))
        let maxLoad = load.max() ?? 0
        check(maxLoad == made.maxLoad, "maximum load \(maxLoad) equals the recorded \(made.maxLoad)")
        check(travel == made.travel, "travel \(travel) equals the recorded \(made.travel)")
        do {
            let best = try TeamAssignment.solve(problem)
            check(best.maxLoad == made.maxLoad, "solved again: the least maximum load is \(best.maxLoad)")
            check(best.travel == made.travel, "solved again: the least travel at it is \(best.travel)")
        } catch {
            check(false, "solved again: \(error)")
        }
        self.checks = checks
    }
}
