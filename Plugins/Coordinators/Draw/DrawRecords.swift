import AssayCore

/// A draw announced before its seed exists: the rule, the pool it draws from (the directory
/// files by SHA-256), and the recusals known then.
public struct DrawAnnouncement: Sendable, Equatable, Codable {
    /// How many institutions to draw, and how many inspectors for each.
    public var targets: Int
    public var inspectors: Int
    /// Only institutions whose county code starts with this (a province, city or county).
    public var region: String
    /// SHA-256 of the institutions and experts files.
    public var institutionsFile: String
    public var expertsFile: String
    /// Experts who may not inspect an institution (a declared conflict), or any (a suspension):
    /// `expert` or `expert@institution`.
    public var recusals: [String]

    enum CodingKeys: String, CodingKey {
        case targets, inspectors, region, institutionsFile = "institutions-file", expertsFile = "experts-file", recusals
    }
}

/// A draw's outcome: the checkpoint that fixed its seed, and who inspects what.
public struct DrawResult: Sendable, Equatable, Codable {
    public struct Inspection: Sendable, Equatable, Codable {
        public var institution: String
        public var inspectors: [String]
    }

    /// The first signed checkpoint covering the announcement.
    public var checkpoint: Int
    public var treeSize: Int
    public var rootHash: String
    public var seed: String
    public var inspections: [Inspection]

    enum CodingKeys: String, CodingKey { case checkpoint, treeSize = "tree-size", rootHash = "root-hash", seed, inspections }
}
