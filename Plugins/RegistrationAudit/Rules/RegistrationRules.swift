import AssayCore
import AssayYAML

/// What an institution's practice registration must show (seed 003, section 四), by registered
/// category: versioned data, content-hashed like every plugin data file.
public struct RegistrationRules: Sendable, Equatable, Codable {
    /// One registered category's requirements.
    public struct Category: Sendable, Equatable, Codable {
        public var title: LocalizedText
        /// The endings a name of this category may have.
        public var nameEndsWith: [String]
        /// Whether independent legal-person status is required.
        public var legalPerson: Requirement
        /// Practice subjects (诊疗科目) a registration of this category must include.
        public var practiceSubjects: [String]

        enum CodingKeys: String, CodingKey, CaseIterable {
            case title, nameEndsWith = "name-ends-with", legalPerson = "legal-person", practiceSubjects = "practice-subjects"
        }

        public init(from decoder: any Decoder) throws {
            var fields = try FieldDecoder(decoder, keyedBy: CodingKeys.self)
            title = try fields.decode(.title, or: .empty)
            nameEndsWith = try fields.decode(.nameEndsWith, or: [])
            legalPerson = try fields.decodeIfPresent(.legalPerson) ?? .optional
            practiceSubjects = try fields.decodeIfPresent(.practiceSubjects) ?? []
            try fields.finish()
        }
    }

    public enum Requirement: String, Sendable, Codable { case required, optional }

    public var id: String
    public var version: String
    public var title: LocalizedText
    /// The administrative divisions registration authorities sit in.
    public var divisions: [String] { didSet { listed = Set(divisions) } }
    /// `divisions`, for look-ups: the nation's directory has some 3,500.
    private var listed: Set<String> = []
    /// By institution type (`township-health-centre`, …).
    public var categories: [String: Category]
    /// Ownership form → the operating natures it may have.
    public var ownership: [String: [String]]

    enum CodingKeys: String, CodingKey, CaseIterable { case id, version, title, divisions, categories, ownership }

    public init(from decoder: any Decoder) throws {
        var fields = try FieldDecoder(decoder, keyedBy: CodingKeys.self)
        id = try fields.decode(.id, or: "")
        version = try fields.decode(.version, or: "")
        title = try fields.decode(.title, or: .empty)
        divisions = try fields.decode(.divisions, or: [])
        listed = Set(divisions)
        categories = try fields.decode(.categories, or: [:])
        ownership = try fields.decode(.ownership, or: [:])
        try fields.finish()
    }

    /// Whether `division` is in the rules' directory.
    public func lists(division: String) -> Bool {
        listed.contains(division)
    }

    /// `id` and `version`, as people name the rules.
    public var name: String { "\(id) \(version)" }
}

extension RegistrationRules: CheckedDataFile {
    public var problems: [DataFileProblem] {
        var found: [DataFileProblem] = []
        for (index, division) in divisions.enumerated() where division.count != 6 || !division.allSatisfy(\.isASCIIDigit) {
            found.append(DataFileProblem(at: ["divisions", "\(index)"], "a division is a six-digit GB/T 2260 code, not '\(division)'"))
        }
        for (type, category) in categories.sorted(by: { $0.key < $1.key }) {
            if InstitutionType(rawValue: type) == nil {
                found.append(DataFileProblem(at: ["categories", type],
                                             "'\(type)' is not an institution type; types: \(InstitutionType.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            if category.nameEndsWith.isEmpty {
                found.append(DataFileProblem(at: ["categories", type, "name-ends-with"], "name the endings a \(type)'s name may have"))
            }
        }
        for (form, natures) in ownership.sorted(by: { $0.key < $1.key }) where natures.isEmpty {
            found.append(DataFileProblem(at: ["ownership", form], "name the operating natures \(form) may have"))
        }
        return found
    }
}
