/// Who may take an action: actors holding `role` who act at `level` over the case's institution.
public struct Permission: Sendable, Hashable, Codable {
    public var role: String
    public var level: RegionLevel

    public init(role: String, level: RegionLevel) {
        self.role = role
        self.level = level
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case role, level }
}
