import AssayCore

/// Integrity records as a CSV file holds them, one a row: columns subject, kind, id,
/// description, date, finding, institution, county, until, withdrawn, evidence (SHA-256s
/// separated by ';'). Every row is read; a bad one is named by row and column.
public struct IntegrityCSV: Sendable {
    public static let columns = ["subject", "kind", "id", "description", "date", "finding", "institution", "county", "until", "withdrawn", "evidence"]

    /// The records read, each with the subject it is about.
    public var records: [(subject: Subject, record: IntegrityRecord)] = []
    /// What is wrong, such as `row 3, column date: the date is YYYY-MM-DD, not '2022-13-01'`.
    public var problems: [String] = []

    /// Reads `text`; a file that is not CSV or lacks a column is refused whole.
    public init(_ text: String) throws(IntegrityCSVError) {
        guard let table = CSVTable.rows(text), let header = table.first else { throw .notCSV }
        let missing = Self.columns.filter { !header.contains($0) }
        guard missing.isEmpty else { throw .missingColumns(missing) }
        let index = Dictionary(header.enumerated().map { ($1, $0) }) { first, _ in first }
        for (offset, values) in table.dropFirst().enumerated() {
            let row = offset + 2
            func field(_ column: String) -> String? {
                let position = index[column]!
                return position < values.count && !values[position].isEmpty ? values[position] : nil
            }
            func problem(_ column: String, _ message: String) { problems.append("row \(row), column \(column): \(message)") }
            let subject = Subject(field("subject") ?? "")
            guard ["institution", "expert"].contains(subject.kind), subject.value.utf8.contains(UInt8(ascii: ":")) else {
                problem("subject", "is institution:ID or expert:ID, not '\(subject)'")
                continue
            }
            guard let kind = IntegrityRecord.Kind(rawValue: field("kind") ?? "") else {
                problem("kind", "is violation, conflict or suspension, not '\(field("kind") ?? "")'")
                continue
            }
            var finding: IntegrityRecord.Finding?
            if let text = field("finding") {
                guard let known = IntegrityRecord.Finding(rawValue: text) else {
                    problem("finding", "is pending, substantiated or unsubstantiated, not '\(text)'")
                    continue
                }
                finding = known
            }
            let record = IntegrityRecord(id: field("id") ?? "", kind: kind, description: field("description") ?? "",
                                         evidence: (field("evidence") ?? "").split(separator: ";").map(String.init), date: field("date") ?? "",
                                         finding: finding, institution: field("institution"), county: field("county"), until: field("until"),
                                         withdrawn: ["yes", "true", "是"].contains(field("withdrawn") ?? ""))
            if let refusal = record.problem(about: subject) {
                problem(refusal.field, refusal.message)
                continue
            }
            records.append((subject, record))
        }
    }
}

/// A file that cannot be read as integrity records at all.
public enum IntegrityCSVError: Error, Sendable, Equatable, CustomStringConvertible {
    case notCSV
    case missingColumns([String])

    public var description: String {
        switch self {
        case .notCSV: "it is not CSV"
        case .missingColumns(let columns): "the header lacks \(columns.joined(separator: ", "))"
        }
    }
}
