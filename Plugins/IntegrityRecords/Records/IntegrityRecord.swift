import AssayCore

/// One integrity record (seed 003, section 六; seed 004): a violation by an institution or an
/// expert, an expert's declared conflict of interest, or an expert's suspension. Nothing is
/// deleted: a correction or an appeal outcome is a new record under the same `id` that
/// supersedes the earlier one.
public struct IntegrityRecord: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case violation
        case conflict
        case suspension
    }

    /// Where a violation stands.
    public enum Finding: String, Sendable, Codable, CaseIterable {
        case pending
        case substantiated
        case unsubstantiated
    }

    /// The record's id, such as `V-2022-003`; a later record with the same id supersedes it.
    public var id: String
    public var kind: Kind
    public var description: String
    /// SHA-256 of the documents behind it.
    public var evidence: [String]
    /// The day it was decided or declared, `YYYY-MM-DD`.
    public var date: String
    /// A violation's finding.
    public var finding: Finding?
    /// A conflict's reach: an institution's id, or a county (GB/T 2260) for all its institutions.
    public var institution: String?
    public var county: String?
    /// A suspension's last day, `YYYY-MM-DD`; nil while it runs.
    public var until: String?
    /// A record that no longer holds (a conflict withdrawn, a suspension lifted early).
    public var withdrawn: Bool

    public init(id: String, kind: Kind, description: String, evidence: [String] = [], date: String, finding: Finding? = nil,
                institution: String? = nil, county: String? = nil, until: String? = nil, withdrawn: Bool = false) {
        self.id = id
        self.kind = kind
        self.description = description
        self.evidence = evidence
        self.date = date
        self.finding = finding
        self.institution = institution
        self.county = county
        self.until = until
        self.withdrawn = withdrawn
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, description, evidence, date, finding, institution, county, until, withdrawn
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        kind = try container.decode(Kind.self, forKey: .kind)
        description = try container.decode(String.self, forKey: .description)
        evidence = try container.decodeIfPresent([String].self, forKey: .evidence) ?? []
        date = try container.decode(String.self, forKey: .date)
        finding = try container.decodeIfPresent(Finding.self, forKey: .finding)
        institution = try container.decodeIfPresent(String.self, forKey: .institution)
        county = try container.decodeIfPresent(String.self, forKey: .county)
        until = try container.decodeIfPresent(String.self, forKey: .until)
        withdrawn = try container.decodeIfPresent(Bool.self, forKey: .withdrawn) ?? false
    }

    /// Why the record cannot stand as written about `subject`: the field and the problem, or nil.
    func problem(about subject: Subject) -> (field: String, message: String)? {
        if id.allSatisfy(\.isWhitespace) { return ("id", "a record needs an id, such as V-2022-001") }
        if description.allSatisfy(\.isWhitespace) { return ("description", "a record needs a description") }
        if Self.day(date) == nil { return ("date", "the date is YYYY-MM-DD, not '\(date)'") }
        if let stray = evidence.first(where: { !Self.isSHA256($0) }) { return ("evidence", "evidence is a SHA-256 (64 lowercase hex digits), not '\(stray)'") }
        switch kind {
        case .violation:
            if finding == nil { return ("finding", "a violation needs a finding: pending, substantiated or unsubstantiated") }
            if !["institution", "expert"].contains(subject.kind) { return ("subject", "a violation is about institution:ID or expert:ID") }
        case .conflict:
            if subject.kind != "expert" { return ("subject", "a conflict of interest is declared by an expert: about expert:ID") }
            if (institution == nil) == (county == nil) { return ("institution", "a conflict names an institution or a county, one of them") }
        case .suspension:
            if subject.kind != "expert" { return ("subject", "a suspension is of an expert: about expert:ID") }
            if let until, Self.day(until) == nil { return ("until", "until is YYYY-MM-DD, not '\(until)'") }
        }
        return nil
    }

    /// The start of `date` (`YYYY-MM-DD`) in China Standard Time.
    static func day(_ date: String) -> Timestamp? {
        CalendarDay(date)?.start
    }

    static func isSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
