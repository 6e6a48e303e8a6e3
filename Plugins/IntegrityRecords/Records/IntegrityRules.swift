import AssayCore
import AssayYAML

/// How long a substantiated violation weighs: data, versioned and content-hashed.
public struct IntegrityRules: Sendable, Equatable, Codable {
    public var id: String
    public var version: String
    public var title: LocalizedText
    /// Days an institution may not apply or be rechecked after a substantiated violation.
    public var institutionIneligibleDays: Int
    /// Days an expert may not review after a substantiated violation.
    public var expertBarredDays: Int

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, version, title, institutionIneligibleDays = "institution-ineligible-days", expertBarredDays = "expert-barred-days"
    }

    public init(from decoder: any Decoder) throws {
        var fields = try FieldDecoder(decoder, keyedBy: CodingKeys.self)
        id = try fields.decode(.id, or: "")
        version = try fields.decode(.version, or: "")
        title = try fields.decode(.title, or: .empty)
        institutionIneligibleDays = try fields.decode(.institutionIneligibleDays, or: 0)
        expertBarredDays = try fields.decode(.expertBarredDays, or: 0)
        try fields.finish()
    }

    static let kind = "integrity-rules"
}

extension IntegrityRules: CheckedDataFile {
    public var problems: [DataFileProblem] {
        var found: [DataFileProblem] = []
        for (key, days) in [("institution-ineligible-days", institutionIneligibleDays), ("expert-barred-days", expertBarredDays)] where !(0...3650).contains(days) {
            found.append(DataFileProblem(at: [key], "a period is 0 to 3650 days, not \(days)"))
        }
        return found
    }
}
