import AssayCore

/// The monthly report (月报): per county, rolled up to city and province, the institutions at
/// each standard and stage, overdue deadlines, progress toward the targets, and the
/// institutions not yet at basic standard — computed from the cases as the log left them at one
/// moment, so last month's report is reproduced exactly.
public struct MonthlyReport: Sendable, Codable {
    /// One region's figures.
    public struct Figures: Sendable, Codable, Equatable {
        public var code: String
        public var name: String
        public var level: String
        /// Institutions with a case in the log.
        public var institutions = 0
        public var basic = 0
        public var recommended = 0
        public var communityHospitals = 0
        /// Cases by flow and stage, such as `basic-standard/onsite-review`.
        public var stages: [String: Int] = [:]
        /// Cases whose stage deadline had passed.
        public var overdue = 0
        /// Institutions with a case but no basic standard yet.
        public var notYetBasic: [String] = []

        /// `part` of the institutions in whole tenths of a percent.
        public func tenths(_ part: Int) -> Int { institutions == 0 ? 0 : part * 1000 / institutions }
    }

    public var at: Timestamp
    public var targets: String
    public var goals: Targets.Goals
    /// Counties first (by code), then cities, then provinces.
    public var regions: [Figures]

    /// The report of `cases` (their states at `at`) against `targets`; `deadline` tells when a
    /// case's stage deadline falls, if it has one.
    public init(cases: [CaseState], at: Timestamp, targets: Targets, deadline: (CaseState) -> Timestamp?) {
        self.at = at
        self.targets = "\(targets.id) \(targets.version)"
        goals = targets.targets
        func reached(_ standard: String, _ state: CaseState) -> Bool {
            guard let wanted = targets.standards[standard] else { return false }
            return state.flowID == wanted.flow && state.stage == wanted.stage
        }
        var counties: [String: Figures] = [:]
        var byInstitution: [String: (institution: Institution, cases: [CaseState])] = [:]
        for state in cases {
            byInstitution[state.institution.id, default: (state.institution, [])].cases.append(state)
            let code = state.institution.region.code
            var figures = counties[code] ?? Figures(code: code, name: targets.regions[code] ?? code, level: "county")
            figures.stages["\(state.flowID)/\(state.stage)", default: 0] += 1
            if let due = deadline(state), due <= at { figures.overdue += 1 }
            counties[code] = figures
        }
        for (_, entry) in byInstitution.sorted(by: { $0.key < $1.key }) {
            let code = entry.institution.region.code
            counties[code]!.institutions += 1
            let has = { (standard: String) in entry.cases.contains { reached(standard, $0) } }
            if has("basic") { counties[code]!.basic += 1 } else { counties[code]!.notYetBasic.append("\(entry.institution.name) (\(entry.institution.id))") }
            if has("recommended") { counties[code]!.recommended += 1 }
            if has("community-hospital") { counties[code]!.communityHospitals += 1 }
        }
        let countyFigures = counties.values.sorted { $0.code < $1.code }
        let cities = Self.rollUp(countyFigures, to: { String($0.prefix(4)) + "00" }, level: "city", names: targets.regions)
        let provinces = Self.rollUp(cities, to: { String($0.prefix(2)) + "0000" }, level: "province", names: targets.regions)
        regions = countyFigures + cities + provinces
    }

    private static func rollUp(_ figures: [Figures], to parent: (String) -> String, level: String, names: [String: String]) -> [Figures] {
        var rolled: [String: Figures] = [:]
        for figure in figures {
            let code = parent(figure.code)
            var total = rolled[code] ?? Figures(code: code, name: names[code] ?? code, level: level)
            total.institutions += figure.institutions
            total.basic += figure.basic
            total.recommended += figure.recommended
            total.communityHospitals += figure.communityHospitals
            total.overdue += figure.overdue
            total.stages.merge(figure.stages, uniquingKeysWith: +)
            total.notYetBasic += figure.notYetBasic
            rolled[code] = total
        }
        return rolled.values.sorted { $0.code < $1.code }
    }

    /// The region with `code`.
    public func figures(of code: String) -> Figures? {
        regions.first { $0.code == code }
    }
}
