/// The administrative level at which an actor acts on a case.
///
/// `institution` is the institution under review itself; the others are health commissions (and
/// their experts) of a county-level unit, a city (prefecture) or a province.
public enum RegionLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case institution
    case county
    case city
    case province

    private var rank: Int {
        switch self {
        case .institution: 0
        case .county: 1
        case .city: 2
        case .province: 3
        }
    }

    public static func < (lhs: RegionLevel, rhs: RegionLevel) -> Bool { lhs.rank < rhs.rank }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let level = RegionLevel(rawValue: text) else {
            let options = RegionLevel.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown level '\(text)'; use one of: \(options)")
        }
        self = level
    }
}
