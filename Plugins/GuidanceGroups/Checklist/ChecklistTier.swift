/// The level of the national standard an item belongs to. Tiers are cumulative: meeting the
/// recommended standard means meeting the basic standard and the recommended items too.
public enum ChecklistTier: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// 基本标准 (★).
    case basic
    /// 推荐标准 (☆).
    case recommended

    public static func < (lhs: ChecklistTier, rhs: ChecklistTier) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    public var description: String { rawValue }

    /// The mark the national guides print beside an item of this tier.
    public var mark: String { self == .basic ? "★" : "☆" }
}
