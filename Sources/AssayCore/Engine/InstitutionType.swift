/// The kind of primary health-care institution, as registered: what a checklist is written for
/// and which prerequisite thresholds apply.
public enum InstitutionType: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// 乡镇卫生院, including central township health centres.
    case townshipHealthCentre = "township-health-centre"
    /// 社区卫生服务中心.
    case communityHealthServiceCentre = "community-health-service-centre"
    /// 社区医院: a centre accredited at the community-hospital standard.
    case communityHospital = "community-hospital"

    public var description: String { rawValue }

    /// The type a Chinese institution name states, when it states one: 卫生院 is a township
    /// health centre; 卫生服务中心 a community health service centre; 社区医院 a community hospital.
    public init?(name: String) {
        if name.hasSuffix("社区医院") {
            self = .communityHospital
        } else if name.hasSuffix("卫生院") {
            self = .townshipHealthCentre
        } else if name.hasSuffix("卫生服务中心") {
            self = .communityHealthServiceCentre
        } else {
            return nil
        }
    }
}
