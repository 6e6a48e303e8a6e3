import AssayCore
import PluginCommandLine
import Foundation

/// Completed field forms, as ODK Central or KoboToolbox export them (CSV, or JSON), read back as
/// answer records for a case's current review round. Every row is checked before anything is
/// written: a submission made for another checklist edition or another case, by someone outside
/// the group, or with a value the item does not take, is refused by row and column.
public struct Submissions {
    /// One submission: its row (as a spreadsheet numbers it) and its fields by name.
    struct Row {
        var number: Int
        /// Field name (the last part of the column's group path) → column and value.
        var fields: [String: (column: String, value: String)]
    }

    /// A problem at a row and column.
    public struct Problem: Sendable, CustomStringConvertible {
        public var row: Int
        public var column: String
        public var message: String

        public var description: String { "row \(row), column \(column): \(message)" }
    }

    var rows: [Row]

    /// How many submissions were read.
    public var count: Int { rows.count }

    /// Reads `data`, a CSV export (header row first) or a JSON export (an array of submissions,
    /// or ODK Central's `{"value": [...]}`, groups nested or flattened as `group/field`).
    public init(_ data: Data, file: String) throws {
        if let json = try? JSONSerialization.jsonObject(with: data) {
            let list = (json as? [String: Any])?["value"] as? [Any] ?? json as? [Any]
            guard let submissions = list?.compactMap({ $0 as? [String: Any] }) else {
                throw CommandRefusal("\(file) is JSON but not a list of submissions")
            }
            rows = submissions.enumerated().map { index, submission in
                var fields: [String: (String, String)] = [:]
                Self.flatten(submission, prefix: "", into: &fields)
                return Row(number: index + 1, fields: fields)
            }
            return
        }
        guard let text = String(data: data, encoding: .utf8), let table = CSVTable.rows(text) else {
            throw CommandRefusal("\(file) is neither a CSV nor a JSON export of submissions")
        }
        guard let header = table.first else { throw CommandRefusal("\(file) is empty") }
        rows = table.dropFirst().enumerated().map { index, values in
            var fields: [String: (String, String)] = [:]
            for (column, value) in zip(header, values) {
                fields[Self.fieldName(of: column)] = (column, value)
            }
            return Row(number: index + 2, fields: fields)
        }
    }

    /// `s_basic_medical_services-i_2_1` or `s_x/i_2_1` → `i_2_1`.
    static func fieldName(of column: String) -> String {
        String(column.split(whereSeparator: { $0 == "/" || $0 == "-" }).last ?? "")
    }

    private static func flatten(_ object: [String: Any], prefix: String, into fields: inout [String: (String, String)]) {
        for (key, value) in object {
            let column = prefix.isEmpty ? key : "\(prefix)/\(key)"
            switch value {
            case let nested as [String: Any]: flatten(nested, prefix: column, into: &fields)
            case let text as String: fields[fieldName(of: key)] = (column, text)
            case let number as NSNumber: fields[fieldName(of: key)] = (column, number.stringValue)
            default: break
            }
        }
    }

    /// The answers of every row for `round` of the case `state`, by the experts who submitted
    /// them, or every problem found. `media` finds the SHA-256 of an attached photo or document
    /// by the file name the export gives it (nil when it is missing); `missing` says where it
    /// was looked for and what to do. With `onlyBy`, a submission by another expert is a problem.
    public func answers(for state: CaseState, round: ReviewRound, checklist: Checklist, onlyBy: String? = nil,
                        media: (String) async throws -> String?, missing: String) async throws -> (answers: [(expert: String, answer: ItemAnswer)], problems: [Problem]) {
        var answers: [(String, ItemAnswer)] = []
        var problems: [Problem] = []
        for row in rows {
            func field(_ name: String) -> (column: String, value: String)? { row.fields[name] }
            func problem(_ column: String, _ message: String) { problems.append(Problem(row: row.number, column: column, message: message)) }
            guard let stamped = field(FieldForm.checklistField) else {
                problem(FieldForm.checklistField, "there is no checklist column; export the submissions of a form made by `assay checklist xlsform`")
                continue
            }
            guard stamped.value == round.group.checklist else {
                problem(stamped.column, "the submission was made on checklist \(stamped.value.prefix(12))…, but the group of case \(state.id) scores \(checklist.name) (\(round.group.checklist.prefix(12))…); make a new form with `assay checklist xlsform`")
                continue
            }
            guard let caseField = field(FieldForm.caseField), caseField.value == state.id.value else {
                problem(field(FieldForm.caseField)?.column ?? FieldForm.caseField, "the submission is for case '\(field(FieldForm.caseField)?.value ?? "")', not \(state.id)")
                continue
            }
            guard let expert = field(FieldForm.expertField), round.hasMember(expert.value) else {
                problem(field(FieldForm.expertField)?.column ?? FieldForm.expertField,
                        "'\(field(FieldForm.expertField)?.value ?? "")' is not in the group of case \(state.id): \(round.group.members.joined(separator: ", "))")
                continue
            }
            if let onlyBy, expert.value != onlyBy {
                problem(expert.column, "the submission is by \(expert.value), who imports it; \(onlyBy) imports only its own")
                continue
            }
            for item in checklist.items where item.applies(to: state.institution.type) {
                let name = FieldForm.fieldName(item.id)
                guard let given = field(name), !given.value.isEmpty else { continue }
                var value = given.value
                if value == FieldForm.notApplicableChoice { value = AnswerValue.notApplicable }
                var evidence: [Evidence] = []
                for kind in [EvidenceKind.photo, .document] {
                    guard let attached = field("\(name)_\(kind.rawValue)"), !attached.value.isEmpty else { continue }
                    guard let sha256 = try await media(attached.value) else {
                        problem(attached.column, "the \(kind) \(attached.value) is not \(missing)")
                        continue
                    }
                    evidence.append(Evidence(kind: kind, sha256: sha256))
                }
                let note = field("\(name)_note").map(\.value).flatMap { $0.isEmpty ? nil : $0 }
                let answer = AnswerValue(value: value, note: note, evidence: evidence)
                if let refusal = item.problem(with: answer) {
                    problem(given.column, refusal)
                } else {
                    answers.append((expert.value, ItemAnswer(item: item.id, answer: answer)))
                }
            }
        }
        return (answers, problems)
    }
}
