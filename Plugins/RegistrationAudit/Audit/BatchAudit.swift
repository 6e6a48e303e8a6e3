import AssayCore

/// A batch of registrations as commissions keep them: a CSV file, one institution a row, with
/// the columns `institution, code, name, category, county, ownership, nature, legal-person,
/// practice-subjects` (practice subjects separated by `;` or `、`, legal person `yes`/`no`).
/// Every row is read and audited; problems are named by row and column.
public struct BatchAudit: Sendable {
    public static let columns = ["institution", "code", "name", "category", "county", "ownership", "nature", "legal-person", "practice-subjects"]

    /// One row read: the institution and its registration, or what stops it being read.
    public struct Row: Sendable {
        /// As a spreadsheet numbers it: the header is row 1.
        public var number: Int
        public var institution: String
        public var registration: RegistrationRecord?
        /// Problems by column: unreadable fields, or the rules' findings.
        public var problems: [(column: String, message: String)]
        /// The rules' findings, when the row could be read.
        public var findings: [RegistrationFinding]
    }

    public var rows: [Row]

    /// Whether `scalar` separates practice subjects in their column.
    private static func separatesSubjects(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ";", "；", "、": true
        default: false
        }
    }

    /// Reads and audits `text` against `rules`; a file whose header lacks a column, or that is
    /// not CSV, is refused whole.
    public init(_ text: String, rules: RegistrationRules) throws(BatchAuditError) {
        guard let table = CSVTable.rows(text) else { throw .notCSV }
        guard let header = table.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else { throw .empty }
        let missing = Self.columns.filter { !header.contains($0) }
        guard missing.isEmpty else { throw .missingColumns(missing, found: header) }
        let index = Dictionary(header.enumerated().map { ($1, $0) }) { first, _ in first }
        let positions = Self.columns.map { index[$0]! }
        // Rows are audited apart from each other, on every core.
        rows = Array(table.dropFirst().enumerated()).concurrentMap { offset, values in
            let number = offset + 2
            // Each column's field, trimmed once, in the order of `columns`.
            let fields = positions.map { $0 < values.count ? Self.trimmed(values[$0]) : "" }
            func field(_ column: String) -> String { fields[Self.columns.firstIndex(of: column)!] }
            var problems: [(String, String)] = []
            for column in Self.columns where column != "practice-subjects" && field(column).isEmpty {
                problems.append((column, "is empty"))
            }
            let legalPerson: Bool?
            switch field("legal-person").lowercased() {
            case "yes", "是", "true", "1": legalPerson = true
            case "no", "否", "false", "0": legalPerson = false
            case "": legalPerson = nil
            case let other:
                legalPerson = nil
                problems.append(("legal-person", "is yes or no, not '\(other)'"))
            }
            guard problems.isEmpty, let legalPerson else {
                return Row(number: number, institution: field("institution"), registration: nil, problems: problems, findings: [])
            }
            let subjects = field("practice-subjects").unicodeScalars.split(whereSeparator: Self.separatesSubjects)
                .map { Self.trimmed(String(Substring($0))) }.filter { !$0.isEmpty }
            let registration = RegistrationRecord(code: field("code"), name: field("name"), category: field("category"), county: field("county"),
                                                  ownership: field("ownership"), nature: field("nature"), legalPerson: legalPerson,
                                                  practiceSubjects: subjects)
            let findings = rules.findings(for: registration)
            return Row(number: number, institution: field("institution"), registration: registration,
                       problems: findings.map { ($0.field, $0.problem) }, findings: findings)
        }
    }

    /// `text` without the spaces around it (most fields have none, and are returned as they are).
    static func trimmed(_ text: String) -> String {
        // A first or last byte that is ASCII and not a space is a character that is not one;
        // otherwise the end scalars are asked (a character is a space when its scalar is), which
        // needs no search for where characters begin.
        func plain(_ byte: UInt8?) -> Bool { byte.map { $0 > 0x20 && $0 < 0x80 } ?? true }
        if plain(text.utf8.first) && plain(text.utf8.last) { return text }
        let scalars = text.unicodeScalars
        guard scalars.first?.properties.isWhitespace == true || scalars.last?.properties.isWhitespace == true else { return text }
        return String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// Rows that could not be read (as opposed to rows read and found wanting).
    public var unreadable: [Row] { rows.filter { $0.registration == nil } }

    /// The records of every row's audit against the stored rules `rules`, by `actor`: what
    /// `assay registration audit --record` writes. Every row must be readable.
    public func records(rules: StoredDataFile, by actor: Actor) throws -> [SubjectRecord] {
        // The rules' hash is computed once: it is the canonical bytes of every division hashed.
        let hash = rules.hash.hex
        return try rows.concurrentMap { row in
            Result { () throws -> SubjectRecord in
                guard let registration = row.registration else { throw BatchAuditError.unreadable(row: row.number) }
                return try SubjectRecord(subject: Subject(kind: "institution", id: row.institution), plugin: RegistrationAudit.name,
                                         type: RegistrationRecordType.audit, by: actor,
                                         encoding: RegistrationAudited(registration: registration, rules: hash, findings: row.findings))
            }
        }.map { try $0.get() }
    }

    /// A line per problem, by row and column, then a summary.
    public var report: String {
        var lines: [String] = []
        for row in rows where !row.problems.isEmpty {
            for problem in row.problems {
                lines.append("row \(row.number), column \(problem.column) (\(row.institution)): \(problem.message)")
            }
        }
        let failing = rows.filter { !$0.problems.isEmpty }.count
        lines.append("\(counted(rows.count, "row")): \(rows.count - failing) compliant, \(failing) not")
        return lines.joined(separator: "\n")
    }
}

/// A batch file that cannot be audited at all.
public enum BatchAuditError: Error, Sendable, Equatable, CustomStringConvertible {
    case notCSV
    case empty
    case missingColumns([String], found: [String])
    case unreadable(row: Int)

    public var description: String {
        switch self {
        case .notCSV: "the file is not CSV: a quoted field never closes"
        case .empty: "the file is empty; it needs a header row naming the columns \(BatchAudit.columns.joined(separator: ", "))"
        case .missingColumns(let missing, let found):
            "the header lacks the column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")); it has \(found.joined(separator: ", "))"
        case .unreadable(let row): "row \(row) cannot be read, so no row's audit is recorded"
        }
    }
}
