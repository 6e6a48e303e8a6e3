/// A primary health-care institution under review, and the county-level region it belongs to.
public struct Institution: Sendable, Hashable, Codable {
    /// A stable identifier: the unified social credit code where known.
    public var id: String
    public var name: String
    /// The county-level unit the institution is registered in.
    public var region: RegionCode
    /// The registered type, when known; checklists and prerequisites depend on it.
    public var type: InstitutionType?

    public init(id: String, name: String, region: RegionCode, type: InstitutionType? = nil) {
        self.id = id
        self.name = name
        self.region = region
        self.type = type
    }
}
