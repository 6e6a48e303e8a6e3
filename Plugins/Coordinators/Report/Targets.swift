import AssayCore
import AssayYAML

/// A region's targets for a year (seed 003, section 一), and what reaching each standard means
/// in the flows: configuration, not code.
public struct Targets: Sendable, Equatable, Codable {
    /// The flow and stage that mean an institution has reached a standard.
    public struct Standard: Sendable, Equatable, Codable {
        public var flow: String
        public var stage: String
    }

    public struct Goals: Sendable, Equatable, Codable {
        /// Shares of the institutions, in whole percent.
        public var basicShare: Int
        public var recommendedShare: Int
        public var newCommunityHospitals: Int

        enum CodingKeys: String, CodingKey, CaseIterable {
            case basicShare = "basic-share", recommendedShare = "recommended-share", newCommunityHospitals = "new-community-hospitals"
        }
    }

    public var id: String
    public var version: String
    public var region: String
    public var year: Int
    public var title: LocalizedText
    public var targets: Goals
    /// `basic`, `recommended`, `community-hospital`.
    public var standards: [String: Standard]
    /// Region names by code.
    public var regions: [String: String]

    enum CodingKeys: String, CodingKey, CaseIterable { case id, version, region, year, title, targets, standards, regions }

    public init(from decoder: any Decoder) throws {
        var fields = try FieldDecoder(decoder, keyedBy: CodingKeys.self)
        id = try fields.decode(.id, or: "")
        version = try fields.decode(.version, or: "")
        region = try fields.decode(.region, or: "")
        year = try fields.decode(.year, or: 0)
        title = try fields.decode(.title, or: .empty)
        targets = try fields.decode(.targets, or: Goals(basicShare: 0, recommendedShare: 0, newCommunityHospitals: 0))
        standards = try fields.decode(.standards, or: [:])
        regions = try fields.decode(.regions, or: [:])
        try fields.finish()
    }

    static let kind = "targets"
    static let standardNames = ["basic", "recommended", "community-hospital"]
}

extension Targets: CheckedDataFile {
    public var problems: [DataFileProblem] {
        var found: [DataFileProblem] = []
        for (key, share) in [("basic-share", targets.basicShare), ("recommended-share", targets.recommendedShare)] where !(0...100).contains(share) {
            found.append(DataFileProblem(at: ["targets", key], "a share is a percentage from 0 to 100, not \(share)"))
        }
        for name in Self.standardNames where standards[name] == nil {
            found.append(DataFileProblem(at: ["standards"], "name the flow and stage of the \(name) standard"))
        }
        if RegionCode(region) == nil { found.append(DataFileProblem(at: ["region"], "'\(region)' is not a region code")) }
        return found
    }
}
