import AssayCore
import AssayYAML

/// What a review team needs and who may sit on it (seed 003, attachment 5: at least one
/// clinical expert and one for nursing or infection control): configuration a stage names with
/// `uses: { team-rule: [ID] }`.
public struct TeamRule: Sendable, Equatable, Codable {
    /// One seat of the team, held by an expert with any of `specialties`.
    public struct Seat: Sendable, Equatable, Codable {
        public var name: String
        public var specialties: [String]

        public init(name: String, specialties: [String]) {
            self.name = name
            self.specialties = specialties
        }
    }

    public var id: String
    public var version: String
    public var title: LocalizedText
    public var seats: [Seat]
    /// The levels of the groups whose coverage makes an expert eligible (the level the stage acts at, and above).
    public var groupLevels: [String]
    /// The experts' levels that may sit on the team.
    public var expertLevels: [String]
    /// Never an expert from the institution's own county (the expert's own institution is always excluded).
    public var avoidHomeCounty: Bool

    public init(id: String, version: String = "1", title: LocalizedText = .empty, seats: [Seat], groupLevels: [String], expertLevels: [String], avoidHomeCounty: Bool) {
        self.id = id
        self.version = version
        self.title = title
        self.seats = seats
        self.groupLevels = groupLevels
        self.expertLevels = expertLevels
        self.avoidHomeCounty = avoidHomeCounty
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, version, title, seats
        case groupLevels = "group-levels", expertLevels = "expert-levels", avoidHomeCounty = "avoid-home-county"
    }

    public init(from decoder: any Decoder) throws {
        var fields = try FieldDecoder(decoder, keyedBy: CodingKeys.self)
        id = try fields.decode(.id, or: "")
        version = try fields.decode(.version, or: "")
        title = try fields.decode(.title, or: .empty)
        seats = try fields.decode(.seats, or: [])
        groupLevels = try fields.decode(.groupLevels, or: Directory.groupLevels)
        expertLevels = try fields.decode(.expertLevels, or: Directory.levels)
        avoidHomeCounty = try fields.decode(.avoidHomeCounty, or: true)
        try fields.finish()
    }

    /// The rule of `../shared/assignment/`: a clinical and a care seat, any group, any level,
    /// never the home county.
    public static let sharedAssignment = TeamRule(
        id: "shared-assignment",
        seats: [Seat(name: "clinical", specialties: ["clinical"]), Seat(name: "care", specialties: ["nursing", "infection-control"])],
        groupLevels: Directory.groupLevels, expertLevels: Directory.levels, avoidHomeCounty: true)

    static let kind = "team-rule"
}

extension TeamRule: CheckedDataFile {
    public var problems: [DataFileProblem] {
        var found: [DataFileProblem] = []
        if id.isEmpty { found.append(DataFileProblem(at: ["id"], "a team rule needs an id")) }
        if seats.isEmpty { found.append(DataFileProblem(at: ["seats"], "a team has at least one seat")) }
        var names: Set<String> = []
        for (index, seat) in seats.enumerated() {
            if !names.insert(seat.name).inserted { found.append(DataFileProblem(at: ["seats", "\(index)", "name"], "two seats are named '\(seat.name)'")) }
            if seat.specialties.isEmpty { found.append(DataFileProblem(at: ["seats", "\(index)", "specialties"], "a seat needs at least one specialty")) }
            for specialty in seat.specialties where !Directory.specialties.contains(specialty) {
                found.append(DataFileProblem(at: ["seats", "\(index)", "specialties"], "'\(specialty)' is not a specialty; specialties: \(Directory.specialties.joined(separator: ", "))"))
            }
        }
        for level in groupLevels where !Directory.groupLevels.contains(level) {
            found.append(DataFileProblem(at: ["group-levels"], "groups are city or province, not '\(level)'"))
        }
        for level in expertLevels where !Directory.levels.contains(level) {
            found.append(DataFileProblem(at: ["expert-levels"], "experts are county, city or province, not '\(level)'"))
        }
        return found
    }
}
