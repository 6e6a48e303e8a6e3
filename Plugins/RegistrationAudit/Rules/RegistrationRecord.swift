import AssayCore

/// An institution's practice registration (执业登记) as the registration system holds it.
public struct RegistrationRecord: Sendable, Equatable, Codable {
    /// The unified social credit code.
    public var code: String
    public var name: String
    /// The registered category, an institution type such as `community-health-service-centre`.
    public var category: String
    /// The county-level region the institution is in.
    public var county: String
    /// The ownership form (所有制形式), such as 全民所有制.
    public var ownership: String
    /// The operating nature (经营性质): 营利性 or 非营利性.
    public var nature: String
    /// Whether it holds independent legal-person status (独立法人).
    public var legalPerson: Bool
    /// Its registered practice subjects (诊疗科目).
    public var practiceSubjects: [String]

    public init(code: String, name: String, category: String, county: String, ownership: String, nature: String,
                legalPerson: Bool, practiceSubjects: [String]) {
        self.code = code
        self.name = name
        self.category = category
        self.county = county
        self.ownership = ownership
        self.nature = nature
        self.legalPerson = legalPerson
        self.practiceSubjects = practiceSubjects
    }

    enum CodingKeys: String, CodingKey {
        case code, name, category, county, ownership, nature, legalPerson = "legal-person", practiceSubjects = "practice-subjects"
    }
}

/// A rule a registration breaks: which field, and why.
public struct RegistrationFinding: Sendable, Equatable, Codable, CustomStringConvertible {
    public var field: String
    public var problem: String

    public init(field: String, problem: String) {
        self.field = field
        self.problem = problem
    }

    public var description: String { "\(field): \(problem)" }
}

extension RegistrationRules {
    /// Every rule `record` breaks; empty when it is compliant.
    public func findings(for record: RegistrationRecord) -> [RegistrationFinding] {
        var findings: [RegistrationFinding] = []
        func find(_ field: String, _ problem: String) { findings.append(RegistrationFinding(field: field, problem: problem)) }
        do {
            let code = try SocialCreditCode(record.code)
            if !lists(division: code.division) {
                find("code", "characters 3 to 8 name division \(code.division), which is not in the directory")
            } else if !Self.division(code.division, contains: record.county) {
                find("code", "characters 3 to 8 name division \(code.division), which does not contain the institution's county \(record.county)")
            }
        } catch {
            find("code", error.description)
        }
        guard let category = categories[record.category] else {
            find("category", "'\(record.category)' is not a category these rules know; they know \(categories.keys.sorted().joined(separator: ", "))")
            return findings
        }
        if !category.nameEndsWith.contains(where: record.name.hasSuffix) {
            find("name", "'\(record.name)' is not the name of a \(category.title.zh) (\(category.title.en)); it should end with \(category.nameEndsWith.joined(separator: " or "))")
        }
        if let natures = ownership[record.ownership] {
            if !natures.contains(record.nature) {
                find("nature", "an institution of \(record.ownership) is \(natures.joined(separator: " or ")), not \(record.nature)")
            }
        } else {
            find("ownership", "'\(record.ownership)' is not an ownership form; forms: \(ownership.keys.sorted().joined(separator: ", "))")
        }
        if category.legalPerson == .required, !record.legalPerson {
            find("legal-person", "a \(category.title.zh) (\(category.title.en)) must have independent legal-person status; supply the certificate")
        }
        let missing = category.practiceSubjects.filter { !record.practiceSubjects.contains($0) }
        if !missing.isEmpty {
            find("practice-subjects", "basic medical care needs \(missing.joined(separator: ", ")), which the registration lacks")
        }
        return findings
    }

    /// Whether `division` is `county` or a city or province above it (GB/T 2260: `4108` + `00`).
    static func division(_ division: String, contains county: String) -> Bool {
        if division == county { return true }
        if division.hasSuffix("0000") { return county.hasPrefix(division.prefix(2)) }
        if division.hasSuffix("00") { return county.hasPrefix(division.prefix(4)) }
        return false
    }
}
