/// Someone acting on a case: a person with a role and the unit they act for.
public struct Actor: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Where an actor's authority comes from.
    public enum Jurisdiction: Sendable, Hashable, Codable {
        /// Acts for one institution (its own cases only).
        case institution(String)
        /// Acts for a health commission of a region (cases of institutions inside it).
        case region(RegionCode)
        /// The engine itself, taking a deadline's action.
        case system
    }

    public var id: String
    public var role: String
    public var jurisdiction: Jurisdiction

    public init(id: String, role: String, jurisdiction: Jurisdiction) {
        self.id = id
        self.role = role
        self.jurisdiction = jurisdiction
    }

    /// The engine, when it takes the action of a passed deadline.
    public static let system = Actor(id: "system", role: "system", jurisdiction: .system)

    /// Whether this actor acts over `institution` at `level`.
    public func acts(at level: RegionLevel, over institution: Institution) -> Bool {
        switch jurisdiction {
        case .institution(let id): return level == .institution && id == institution.id
        case .region(let region): return region.level == level && region.contains(institution.region)
        case .system: return false
        }
    }

    /// Whether this actor may act for `institution` at all (at any level).
    public func covers(_ institution: Institution) -> Bool {
        switch jurisdiction {
        case .institution(let id): return id == institution.id
        case .region(let region): return region.contains(institution.region)
        case .system: return true
        }
    }

    public var description: String {
        switch jurisdiction {
        case .institution(let institution): "\(id) (\(role) of institution \(institution))"
        case .region(let region): "\(self.id) (\(role), \(region.level.rawValue) \(region))"
        case .system: "the system"
        }
    }
}

extension Actor.Jurisdiction {
    /// The jurisdiction written as one string: `institution:ID`, `region:410821` or `system`.
    public init?(text: String) {
        // Compared and cut as UTF-8 (prefixes are ASCII), not character by character.
        let utf8 = text.utf8
        if text == "system" {
            self = .system
        } else if utf8.starts(with: "institution:".utf8) {
            self = .institution(String(Substring(utf8.dropFirst("institution:".utf8.count))))
        } else if utf8.starts(with: "region:".utf8), let region = RegionCode(String(Substring(utf8.dropFirst("region:".utf8.count)))) {
            self = .region(region)
        } else {
            return nil
        }
    }

    /// The one-string form `init?(text:)` reads.
    public var text: String {
        switch self {
        case .institution(let id): "institution:\(id)"
        case .region(let region): "region:\(region.code)"
        case .system: "system"
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let jurisdiction = Self(text: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a jurisdiction; write institution:ID, region:CODE or system")
        }
        self = jurisdiction
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
