/// The flow network of an assignment problem, exact for its rules (the network of
/// `../shared/assignment/`): one unit of flow is one expert on one seat.
///
///     source → seat (team, seat)                     capacity 1, each open seat
///     seat → expert                                  the expert fits only this open seat
///     seat → pair (team, expert) → expert            the expert fits several: one seat per team
///     expert → sink                                  min(L − load, capacity left)
///
/// Arcs exist only for eligible (expert, team) pairs. The arcs into an expert cost 1 when the
/// seat is travel.
struct AssignmentNetwork {
    let problem: AssignmentProblem
    var network: FlowNetwork
    let source = 0, sink = 1
    let seatsPerTeam: Int
    let firstExpertNode: Int
    /// Row of each expert's arc to the sink.
    let sinkArcs: [Int32]
    let openSeats: Int

    init(_ problem: AssignmentProblem) {
        self.problem = problem
        let seats = problem.rule.seats.count
        seatsPerTeam = seats
        let firstExpertNode = 2 + problem.teams.count * seats
        self.firstExpertNode = firstExpertNode
        let experts = problem.directory.experts.count
        var builder = FlowNetwork.Builder(nodeCount: firstExpertNode + experts)
        var open = 0
        for (team, spec) in problem.teams.enumerated() {
            for (seat, holder) in spec.seated.enumerated() where holder == nil {
                builder.addArc(from: 0, to: 2 + team * seats + seat, capacity: 1)
                open += 1
            }
        }
        openSeats = open
        builder.reserve(arcs: open * 40)
        var stamp = [Int32](repeating: -1, count: experts)
        for team in problem.teams.indices {
            let first = 2 + team * seats
            problem.candidates(for: team, stamp: &stamp) { expert, fitting in
                let expertNode = firstExpertNode + expert
                let cost = problem.travels(expert: expert, team: team) ? 1 : 0
                if fitting & (fitting - 1) == 0 {
                    builder.addArc(from: first + fitting.trailingZeroBitCount, to: expertNode, capacity: 1, cost: cost)
                } else {
                    let pair = builder.addNode()
                    var rest = fitting
                    while rest != 0 {
                        builder.addArc(from: first + rest.trailingZeroBitCount, to: pair, capacity: 1)
                        rest &= rest - 1
                    }
                    builder.addArc(from: pair, to: expertNode, capacity: 1, cost: cost)
                }
            }
        }
        for expert in 0..<experts { builder.addArc(from: firstExpertNode + expert, to: 1, capacity: 0) }
        let network = builder.build()
        // Nothing leaves the sink, so each expert's arc to it is the one in the expert's row.
        sinkArcs = (0..<experts).map { Int32(network.arc(from: firstExpertNode + $0, to: 1)!) }
        self.network = network
    }

    /// Sets every expert's capacity for a maximum load of `maxLoad` (the flow must fit).
    mutating func limit(maxLoad: Int) {
        for (expert, arc) in sinkArcs.enumerated() {
            let room = max(0, min(maxLoad - problem.load[expert], problem.capacityLeft[expert]))
            network.setCapacity(at: Int(arc), to: room)
        }
    }

    /// The teams the flow describes: each seat's expert (seated ones kept), nil where open.
    func teams() -> [[String?]] {
        let experts = problem.directory.experts
        return problem.teams.enumerated().map { team, spec in
            var seated = spec.seated
            for seat in seated.indices where seated[seat] == nil {
                let node = 2 + team * seatsPerTeam + seat
                for arc in Int(network.firstArc[node])..<Int(network.firstArc[node + 1]) {
                    let to = Int(network.head[arc])
                    guard to != source, network.residual[arc] == 0 else { continue }
                    seated[seat] = experts[expert(reachedThrough: to)].id
                }
            }
            return seated
        }
    }

    /// The expert a node stands for: the node itself, or the expert behind a pair node.
    private func expert(reachedThrough node: Int) -> Int {
        if node < firstExpertNode + problem.directory.experts.count { return node - firstExpertNode }
        for arc in Int(network.firstArc[node])..<Int(network.firstArc[node + 1]) {
            let to = Int(network.head[arc])
            // A pair node's one arc to an expert; its other arcs lead back to seats.
            if to >= firstExpertNode, to < firstExpertNode + problem.directory.experts.count, network.residual[arc] == 0 {
                return to - firstExpertNode
            }
        }
        preconditionFailure("a pair node carries flow to no expert")
    }

    /// The source side of a minimum cut of the present (maximum) flow: its open seats as
    /// (team, seat) and its experts.
    func cut() -> (seats: [(team: Int, seat: Int)], experts: [Int]) {
        let side = network.reachable(from: source)
        var seats: [(Int, Int)] = []
        for team in problem.teams.indices {
            for seat in 0..<seatsPerTeam where problem.teams[team].seated[seat] == nil && side[2 + team * seatsPerTeam + seat] {
                seats.append((team, seat))
            }
        }
        let experts = problem.directory.experts.indices.filter { side[firstExpertNode + $0] }
        return (seats, experts)
    }
}
