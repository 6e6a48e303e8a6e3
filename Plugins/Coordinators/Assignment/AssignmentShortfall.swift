/// Why no valid assignment exists, read from a minimum cut at full capacity: the seats on its
/// source side can be taken only by the experts on it (whose capacity runs out) and, once per
/// team, by a few others. Said in counties, seats and experts a coordinator can act on.
public struct AssignmentShortfall: Error, Sendable, CustomStringConvertible {
    /// Seats of one seat kind in one county on the cut's side.
    public struct Seats: Sendable, Equatable {
        public var county: String
        public var seat: String
        public var count: Int
        /// Experts with the seat's specialty kept out of these seats by home-county avoidance,
        /// and (expert, team) pairs kept out by declared conflicts and by declines.
        public var homeCountyExperts: Int
        public var conflicts: Int
        public var declines: Int
    }

    /// Seats that stay empty in every assignment.
    public var unfilled: Int
    public var openSeats: Int
    /// The seats that cannot all be filled, by county and seat.
    public var seats: [Seats]
    /// The only experts who can take them beyond one seat per team, and what they can take in all.
    public var experts: [String]
    public var capacity: Int
    /// Seats of those teams that experts outside `experts` can take (one per team each).
    public var others: Int
    /// The cut itself, which `verify.py` checks.
    public var certificate: TeamAssignment.Certificate

    init(_ flow: AssignmentNetwork, maxLoad: Int, filled: Int) {
        let problem = flow.problem
        let cut = flow.cut()
        certificate = TeamAssignment.Certificate(cut, of: flow, maxLoad: maxLoad, filled: filled)
        unfilled = flow.openSeats - filled
        openSeats = flow.openSeats
        experts = cut.experts.filter { problem.fits[$0] != 0 && problem.capacityLeft[$0] > 0 }.map { problem.directory.experts[$0].id }
        capacity = cut.experts.reduce(0) { $0 + max(0, min(maxLoad - problem.load[$1], problem.capacityLeft[$1])) }
        let cutSeats = cut.seats.count
        let outside = flow.openSeats - cutSeats
        others = max(0, filled - outside - capacity)
        var byCountySeat: [String: Seats] = [:]
        var homeCounted: Set<String> = []
        for (team, seat) in cut.seats {
            let county = problem.countyCode(of: team)
            let key = "\(county)\u{0}\(seat)"
            var entry = byCountySeat[key] ?? Seats(county: county, seat: problem.rule.seats[seat].name, count: 0, homeCountyExperts: 0, conflicts: 0, declines: 0)
            entry.count += 1
            if homeCounted.insert(key).inserted, problem.rule.avoidHomeCounty {
                entry.homeCountyExperts = problem.directory.experts.indices.filter {
                    problem.directory.experts[$0].homeCounty == county && problem.fits[$0] & (1 << UInt32(seat)) != 0
                }.count
            }
            let fitting = { (expert: Int32) in problem.fits[Int(expert)] & (1 << UInt32(seat)) != 0 }
            entry.conflicts += problem.conflicted[problem.teams[team].institution].filter(fitting).count
            entry.declines += problem.declinedBy[problem.teams[team].institution].filter(fitting).count
            byCountySeat[key] = entry
        }
        seats = byCountySeat.values.sorted { ($0.count, $1.county) > ($1.count, $0.county) }
    }

    public var description: String {
        let listed = seats.prefix(8).map { "\($0.county) \($0.seat) (\($0.count))" }.joined(separator: ", ")
        let total = seats.reduce(0) { $0 + $1.count }
        var lines = ["no valid assignment: \(unfilled) of \(openSeats) seats cannot be filled even with every expert at full capacity."]
        lines.append("The seats \(listed)\(seats.count > 8 ? " and \(seats.count - 8) more" : "") — \(total) in all — can be taken only by "
                     + "\(experts.count) experts (\(experts.prefix(10).joined(separator: ", "))\(experts.count > 10 ? ", …" : "")) with \(capacity) seats of capacity left, "
                     + "and \(others) by other experts once per team: short by \(unfilled).")
        let home = seats.reduce(0) { $0 + $1.homeCountyExperts }
        let conflicts = seats.reduce(0) { $0 + $1.conflicts }
        let declines = seats.reduce(0) { $0 + $1.declines }
        var causes: [String] = []
        if home > 0 { causes.append("home-county avoidance keeps out \(home) experts of these counties with the seats' specialties") }
        if conflicts > 0 { causes.append("declared conflicts keep out \(conflicts) expert-team pairs") }
        if declines > 0 { causes.append("declines keep out \(declines) expert-team pairs (an expert who declined a case is not seated on it again)") }
        causes.append("the experts who may serve lack capacity")
        lines.append("What makes it so: " + causes.joined(separator: "; ") + ". Add experts with these specialties to a group covering these counties, raise their capacity, or relax the rule.")
        return lines.joined(separator: "\n")
    }
}
