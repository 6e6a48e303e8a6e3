import Foundation

/// Review teams for every team of an assignment problem, with the least maximum load and, at
/// that load, the least travel; or, when no valid assignment exists, the shortfall and why.
public struct TeamAssignment: Sendable {
    /// One max-flow probe of the search for the least maximum load.
    public struct Probe: Sendable, Equatable {
        public var maxLoad: Int
        public var filled: Int
        public var seconds: Double
    }

    /// A minimum cut proving that no assignment has a maximum load of `maxLoad` (the format of
    /// `../shared/assignment/verify.py`): a set of open seats and a set of experts.
    public struct Certificate: Sendable {
        public var maxLoad: Int
        /// Seats filled at `maxLoad`, of the `needed` open ones.
        public var filled: Int
        public var needed: Int
        public var seats: [(institution: String, seat: String)]
        public var experts: [String]

        init(_ cut: (seats: [(team: Int, seat: Int)], experts: [Int]), of flow: AssignmentNetwork, maxLoad: Int, filled: Int) {
            let problem = flow.problem
            self.maxLoad = maxLoad
            self.filled = filled
            needed = flow.openSeats
            seats = cut.seats.map { (problem.directory.institutions[problem.teams[$0.team].institution].id, problem.rule.seats[$0.seat].name) }
            experts = cut.experts.map { problem.directory.experts[$0].id }
        }
    }

    /// Each team's experts, by seat.
    public var teams: [[String]]
    /// The least maximum load (seats held in the period, earlier assignments included).
    public var maxLoad: Int
    /// Seats held by an expert from another city.
    public var travel: Int
    /// Proof that `maxLoad - 1` is impossible (nil when `maxLoad` is the trivial bound 1 or below).
    public var certificate: Certificate?
    public var probes: [Probe]
    /// Seconds from the start of `solve` to the least maximum load, and to the end.
    public var secondsToMaxLoad: Double
    public var seconds: Double

    /// Solves `problem`, or throws `AssignmentShortfall` explaining why no valid assignment exists.
    public static func solve(_ problem: AssignmentProblem) throws(AssignmentShortfall) -> TeamAssignment {
        let start = Date()
        let (maxLoad, certificate, probes) = try leastMaxLoad(problem)
        let reached = Date()
        // Least travel at that load: a least-cost maximum flow, on a fresh network.
        var costed = AssignmentNetwork(problem)
        costed.limit(maxLoad: maxLoad)
        _ = costed.network.minCostFlow(from: costed.source, to: costed.sink)
        return finish(costed, certificate: certificate, probes: probes, start: start, reached: reached)
    }

    /// The least maximum load, by max flows over a binary search of the load (each probe starts
    /// from the flow of the highest load known to fall short), with the cut one below it.
    private static func leastMaxLoad(_ problem: AssignmentProblem) throws(AssignmentShortfall) -> (Int, Certificate?, [Probe]) {
        var flow = AssignmentNetwork(problem)
        let needed = flow.openSeats
        var probes: [Probe] = []
        func probe(_ maxLoad: Int, from filled: Int) -> Int {
            let began = Date()
            flow.limit(maxLoad: maxLoad)
            let total = filled + flow.network.maxFlow(from: flow.source, to: flow.sink)
            probes.append(Probe(maxLoad: maxLoad, filled: total, seconds: Date().timeIntervalSince(began)))
            return total
        }
        let useful = problem.fits.indices.filter { problem.fits[$0] != 0 && problem.capacityLeft[$0] > 0 }.count
        let counting = useful == 0 ? 1 : (needed + useful - 1) / useful
        let top = problem.load.indices.map { problem.load[$0] + problem.capacityLeft[$0] }.max() ?? 0
        // `low` is a load no assignment meets (one below the counting bound); its flow is kept
        // to start later probes from, and to cut at the end.
        var low = max(0, max(counting, problem.load.max() ?? 0) - 1)
        var lowFilled = probe(low, from: 0)
        guard lowFilled < needed else { return (low, nil, probes) }
        var lowResidual = flow.network.residual
        var high = max(top, low + 1)
        let topFilled = probe(high, from: lowFilled)
        guard topFilled == needed else { throw AssignmentShortfall(flow, maxLoad: high, filled: topFilled) }
        while high - low > 1 {
            let middle = (low + high) / 2
            flow.network.residual = lowResidual
            let filled = probe(middle, from: lowFilled)
            if filled == needed {
                high = middle
            } else {
                low = middle
                lowFilled = filled
                lowResidual = flow.network.residual
            }
        }
        flow.network.residual = lowResidual
        flow.limit(maxLoad: low)
        let certificate = Certificate(flow.cut(), of: flow, maxLoad: low, filled: lowFilled)
        return (high, low >= 1 ? certificate : nil, probes)
    }

    private static func finish(_ flow: AssignmentNetwork, certificate: Certificate?, probes: [Probe], start: Date, reached: Date) -> TeamAssignment {
        let problem = flow.problem
        let teams = flow.teams().map { $0.map { $0! } }
        var travel = 0
        var load = problem.load
        for (team, members) in teams.enumerated() {
            for id in members {
                let expert = problem.expertIndex[id]!
                load[expert] += problem.teams[team].seated.contains(id) ? 0 : 1
                if problem.travels(expert: expert, team: team) { travel += 1 }
            }
        }
        return TeamAssignment(teams: teams, maxLoad: load.max() ?? 0, travel: travel, certificate: certificate, probes: probes,
                              secondsToMaxLoad: reached.timeIntervalSince(start), seconds: Date().timeIntervalSince(start))
    }
}
