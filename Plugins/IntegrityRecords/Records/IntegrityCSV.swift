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
        // Rows are read apart from each other, on every core.
        for row in Array(table.dropFirst().enumerated()).concurrentMap({ Self.read($1, row: $0 + 2, columns: index) }) {
            switch row {
            case .success(let read): records.append(read)
            case .failure(let problem): problems.append(problem.text)
            }
        }
    }

    /// The records as `actor` records them, each about its subject.
    public func entries(by actor: Actor) throws -> [SubjectRecord] {
        try records.concurrentMap { subject, record in
            Result { () throws -> SubjectRecord in
                try SubjectRecord(subject: subject, plugin: IntegrityRecords.name, type: IntegrityRecordType.of(subject), by: actor, encoding: record)
            }
        }.map { try $0.get() }
    }

    /// What is wrong with one row, in words naming its row and column.
    private struct RowProblem: Error {
        var text: String
    }

    /// The record in `values`, the fields of spreadsheet row `row` by `columns`' positions.
    private static func read(_ values: [String], row: Int, columns index: [String: Int]) -> Result<(subject: Subject, record: IntegrityRecord), RowProblem> {
        func field(_ column: String) -> String? {
            let position = index[column]!
            return position < values.count && !values[position].isEmpty ? values[position] : nil
        }
        func problem(_ column: String, _ message: String) -> Result<(subject: Subject, record: IntegrityRecord), RowProblem> {
            .failure(RowProblem(text: "row \(row), column \(column): \(message)"))
        }
        let subject = Subject(field("subject") ?? "")
        guard ["institution", "expert"].contains(subject.kind), subject.value.utf8.contains(UInt8(ascii: ":")) else {
            return problem("subject", "is institution:ID or expert:ID, not '\(subject)'")
        }
        guard let kind = IntegrityRecord.Kind(rawValue: field("kind") ?? "") else {
            return problem("kind", "is violation, conflict or suspension, not '\(field("kind") ?? "")'")
        }
        var finding: IntegrityRecord.Finding?
        if let text = field("finding") {
            guard let known = IntegrityRecord.Finding(rawValue: text) else {
                return problem("finding", "is pending, substantiated or unsubstantiated, not '\(text)'")
            }
            finding = known
        }
        let record = IntegrityRecord(id: field("id") ?? "", kind: kind, description: field("description") ?? "",
                                     evidence: (field("evidence") ?? "").split(separator: ";").map(String.init), date: field("date") ?? "",
                                     finding: finding, institution: field("institution"), county: field("county"), until: field("until"),
                                     withdrawn: ["yes", "true", "是"].contains(field("withdrawn") ?? ""))
        if let refusal = record.problem(about: subject) { return problem(refusal.field, refusal.message) }
        return .success((subject, record))
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
