/// Teams to fill under one team rule, from one directory: who may take which seat, with what
/// capacity left, and which seats are travel. Compiled once to integer indexes for the solver.
public struct AssignmentProblem: Sendable {
    /// A team to fill: the institution's index in the directory and, for a team that lost a
    /// member, the experts who stay on it (by seat; nil for an open seat).
    public struct Team: Sendable, Equatable {
        public var institution: Int
        public var seated: [String?]

        public init(institution: Int, seated: [String?]) {
            self.institution = institution
            self.seated = seated
        }
    }

    /// What the integrity records and earlier assignments add to the directory.
    public struct Constraints: Sendable {
        /// Declared conflicts beyond the directory's: (expert, institution).
        public var conflicts: [(expert: String, institution: String)] = []
        /// Experts who declined a waiting case's seat, never seated on it again: (expert,
        /// institution).
        public var declines: [(expert: String, institution: String)] = []
        /// Conflicts with a whole county: (expert, county).
        public var countyConflicts: [(expert: String, county: String)] = []
        /// Experts who may sit on no team (suspended, or barred by a violation).
        public var unavailable: Set<String> = []
        /// Seats already held in the period, counted against capacity and load.
        public var loads: [String: Int] = [:]

        public init() {}
    }

    public let directory: Directory
    public let rule: TeamRule
    public let teams: [Team]
    let constraints: Constraints

    // Compiled.
    let expertIndex: [String: Int]
    /// For each expert, the seats (bit per seat) their specialties fit and the rule lets them take.
    let fits: [UInt32]
    let capacityLeft: [Int]
    let load: [Int]
    let homeCounty: [Int32]
    let homeCity: [Int32]
    let homeInstitution: [Int32]
    let county: [Int32]
    let countyCity: [Int32]
    /// Experts covering each county through a group of the rule's levels.
    let covering: [[Int32]]
    /// Experts in declared conflict with each institution (directory's and constraints').
    let conflicted: [[Int32]]
    /// Experts who declined each institution's case.
    let declinedBy: [[Int32]]
    let countyConflicted: [[Int32]]
    public let countyCodes: [String]

    public init(directory: Directory, rule: TeamRule, teams: [Team], constraints: Constraints = Constraints()) {
        self.directory = directory
        self.rule = rule
        self.teams = teams
        self.constraints = constraints
        var countyIndex: [String: Int] = [:]
        var countyCodes: [String] = []
        var cityIndex: [String: Int32] = [:]
        var countyCity: [Int32] = []
        for (code, region) in directory.regions.sorted(by: { $0.key < $1.key }) where region.level == "county" {
            countyIndex[code] = countyCodes.count
            countyCodes.append(code)
            let city = directory.city(of: code)
            if cityIndex[city] == nil { cityIndex[city] = Int32(cityIndex.count) }
            countyCity.append(cityIndex[city]!)
        }
        var institutionIndex: [String: Int] = [:]
        institutionIndex.reserveCapacity(directory.institutions.count)
        for (index, institution) in directory.institutions.enumerated() { institutionIndex[institution.id] = index }
        county = directory.institutions.map { Int32(countyIndex[$0.county] ?? -1) }

        var expertIndex: [String: Int] = [:]
        expertIndex.reserveCapacity(directory.experts.count)
        for (index, expert) in directory.experts.enumerated() { expertIndex[expert.id] = index }
        let levels = Set(rule.expertLevels)
        fits = directory.experts.map { expert in
            guard levels.contains(expert.level), !constraints.unavailable.contains(expert.id) else { return 0 }
            var mask: UInt32 = 0
            for (seat, spec) in rule.seats.enumerated() where spec.specialties.contains(where: expert.specialties.contains) { mask |= 1 << UInt32(seat) }
            return mask
        }
        load = directory.experts.map { constraints.loads[$0.id] ?? 0 }
        capacityLeft = directory.experts.map { max(0, $0.capacity - (constraints.loads[$0.id] ?? 0)) }
        homeCounty = directory.experts.map { Int32(countyIndex[$0.homeCounty] ?? -1) }
        homeCity = homeCounty.map { $0 < 0 ? -1 : countyCity[Int($0)] }
        homeInstitution = directory.experts.map { Int32(institutionIndex[$0.homeInstitution] ?? -1) }

        var covering = [[Int32]](repeating: [], count: countyCodes.count)
        var stamp = [Int](repeating: -1, count: directory.experts.count)
        let groupLevels = Set(rule.groupLevels)
        var coveringGroups = [[Int]](repeating: [], count: countyCodes.count)
        for (groupPosition, group) in directory.groups.enumerated() where groupLevels.contains(group.level) {
            for code in group.covers { if let position = countyIndex[code] { coveringGroups[position].append(groupPosition) } }
        }
        for position in countyCodes.indices {
            for groupPosition in coveringGroups[position] {
                for member in directory.groups[groupPosition].members {
                    guard let expert = expertIndex[member], stamp[expert] != position, fits[expert] != 0 else { continue }
                    stamp[expert] = position
                    covering[position].append(Int32(expert))
                }
            }
        }
        var conflicted = [[Int32]](repeating: [], count: directory.institutions.count)
        for (expert, institution) in directory.conflicts + constraints.conflicts {
            if let e = expertIndex[expert], let i = institutionIndex[institution] { conflicted[i].append(Int32(e)) }
        }
        var declinedBy = [[Int32]](repeating: [], count: directory.institutions.count)
        for (expert, institution) in constraints.declines {
            if let e = expertIndex[expert], let i = institutionIndex[institution] { declinedBy[i].append(Int32(e)) }
        }
        var countyConflicted = [[Int32]](repeating: [], count: countyCodes.count)
        for (expert, code) in constraints.countyConflicts {
            if let e = expertIndex[expert], let c = countyIndex[code] { countyConflicted[c].append(Int32(e)) }
        }
        self.expertIndex = expertIndex
        self.countyCodes = countyCodes
        self.countyCity = countyCity
        self.covering = covering
        self.conflicted = conflicted
        self.declinedBy = declinedBy
        self.countyConflicted = countyConflicted
    }

    /// Why `expert` may not sit on seat `seat` of `team`; empty when they may.
    public func objections(expert id: String, seat: Int, team: Int) -> [String] {
        guard let expert = expertIndex[id] else { return ["\(id) is not an expert of the directory"] }
        let spec = directory.experts[expert]
        let institution = teams[team].institution
        let countyPosition = Int(county[institution])
        var why: [String] = []
        if !Set(rule.expertLevels).contains(spec.level) { why.append("a \(spec.level)-level expert; the rule takes \(rule.expertLevels.joined(separator: ", "))") }
        if constraints.unavailable.contains(id) { why.append("suspended or barred by the integrity records") }
        if fits[expert] & (1 << UInt32(seat)) == 0, Set(rule.expertLevels).contains(spec.level), !constraints.unavailable.contains(id) {
            why.append("no specialty of the \(rule.seats[seat].name) seat (\(rule.seats[seat].specialties.joined(separator: " or ")))")
        }
        if countyPosition < 0 || !covering[countyPosition].contains(Int32(expert)) && fits[expert] != 0 {
            why.append("no \(rule.groupLevels.joined(separator: " or ")) group of theirs covers county \(directory.institutions[institution].county)")
        }
        if rule.avoidHomeCounty && homeCounty[expert] == county[institution] { why.append("home county") }
        if homeInstitution[expert] == Int32(institution) { why.append("own institution") }
        if conflicted[institution].contains(Int32(expert)) { why.append("declared conflict") }
        if declinedBy[institution].contains(Int32(expert)) { why.append("declined this case") }
        if countyPosition >= 0, countyConflicted[countyPosition].contains(Int32(expert)) { why.append("declared conflict with the county") }
        return why
    }

    /// The experts who may take some open seat of `team` (not yet on it), with the open seats
    /// each fits, in directory order. `stamp` is scratch space of one entry per expert.
    func candidates(for team: Int, stamp: inout [Int32], visit: (_ expert: Int, _ seats: UInt32) -> Void) {
        let institution = teams[team].institution
        let countyPosition = Int(county[institution])
        guard countyPosition >= 0 else { return }
        var open: UInt32 = 0
        for (seat, holder) in teams[team].seated.enumerated() where holder == nil { open |= 1 << UInt32(seat) }
        let mark = Int32(team)
        for expert in conflicted[institution] { stamp[Int(expert)] = mark }
        for expert in declinedBy[institution] { stamp[Int(expert)] = mark }
        for expert in countyConflicted[countyPosition] { stamp[Int(expert)] = mark }
        for holder in teams[team].seated { if let holder, let expert = expertIndex[holder] { stamp[expert] = mark } }
        for expert in covering[countyPosition] {
            let e = Int(expert)
            guard stamp[e] != mark, capacityLeft[e] > 0 else { continue }
            if rule.avoidHomeCounty && homeCounty[e] == Int32(countyPosition) { continue }
            if homeInstitution[e] == Int32(institution) { continue }
            let seats = fits[e] & open
            if seats != 0 { visit(e, seats) }
        }
    }

    /// Whether a seat of `team` held by `expert` is travel (the expert's home city is another).
    func travels(expert: Int, team: Int) -> Bool {
        let countyPosition = Int(county[teams[team].institution])
        return countyPosition < 0 || homeCity[expert] != countyCity[countyPosition]
    }

    /// The institution's county code for `team`.
    func countyCode(of team: Int) -> String { directory.institutions[teams[team].institution].county }
}
