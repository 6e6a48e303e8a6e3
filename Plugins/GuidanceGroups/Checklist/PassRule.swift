import AssayYAML

/// What meeting one tier takes, as a share of the applicable points, in whole percent: overall,
/// and per section where a section has its own threshold. A critical item not met fails the
/// tier whatever the score.
public struct PassRule: Sendable, Equatable, Codable {
    /// The least overall share of points, 0–100.
    public var overall: Int
    /// The least share of each named section's points, 0–100.
    public var sections: [String: Int]

    public init(overall: Int, sections: [String: Int] = [:]) {
        self.overall = overall
        self.sections = sections
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case overall, sections }

    public init(from decoder: any Decoder) throws {
        var fields = try FieldDecoder(decoder, keyedBy: CodingKeys.self)
        overall = try fields.decode(.overall, or: 0)
        sections = try fields.decodeIfPresent(.sections) ?? [:]
        try fields.finish()
    }
}

/// The pass rule of each tier a checklist scores.
public struct PassRules: Sendable, Equatable, Codable {
    public var basic: PassRule
    /// Nil for a checklist with basic items only, such as the community-hospital standard.
    public var recommended: PassRule?

    public init(basic: PassRule, recommended: PassRule? = nil) {
        self.basic = basic
        self.recommended = recommended
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case basic, recommended }

    public init(from decoder: any Decoder) throws {
        var fields = try FieldDecoder(decoder, keyedBy: CodingKeys.self)
        basic = try fields.decode(.basic, or: PassRule(overall: 0))
        recommended = try fields.decodeIfPresent(.recommended)
        try fields.finish()
    }

    /// The rule of `tier`, if the checklist scores it.
    public subscript(tier: ChecklistTier) -> PassRule? {
        tier == .basic ? basic : recommended
    }

    /// The tiers scored, lowest first.
    public var tiers: [ChecklistTier] {
        ChecklistTier.allCases.filter { self[$0] != nil }
    }
}
