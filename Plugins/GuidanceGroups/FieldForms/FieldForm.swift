import AssayCore

/// A checklist as a field form: the XLSForm (survey, choices and settings sheets) that ODK
/// Collect or KoboToolbox runs offline, and the names its submissions come back under.
///
/// The form carries the checklist's hash (a calculated field), so a submission made on another
/// edition is refused on import; the case, when the form is made for one, is its default and
/// items that do not apply to the institution's type are left out.
struct FieldForm {
    static let checklistField = "checklist"
    static let caseField = "case"
    static let expertField = "expert"
    /// The choice that stands for `n/a` (a choice's name holds no `/`).
    static let notApplicableChoice = "na"

    /// The form field of item `id`: `i_` and the id with every character that XML names do not
    /// allow turned into `_` (`2.1.3` → `i_2_1_3`).
    static func fieldName(_ id: String) -> String {
        "i_" + String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }

    let checklist: Checklist
    let hash: String
    /// The case the form is made for, if any.
    let caseState: CaseState?

    private static let columns = ["type", "name", "label::中文 (zh)", "label::English (en)", "hint::中文 (zh)", "hint::English (en)",
                                  "required", "relevant", "constraint", "constraint_message::中文 (zh)", "constraint_message::English (en)",
                                  "calculation", "default", "parameters"]

    /// The items the form asks.
    var items: [(section: Checklist.Section, item: ChecklistItem)] {
        checklist.sections.flatMap { section in
            section.items.filter { caseState == nil || $0.applies(to: caseState?.institution.type) }.map { (section, $0) }
        }
    }

    var workbook: XLSXWorkbook {
        XLSXWorkbook(sheets: [
            .init(name: "survey", rows: [Self.columns] + survey),
            .init(name: "choices", rows: [["list_name", "name", "label::中文 (zh)", "label::English (en)"]] + choices),
            .init(name: "settings", rows: [["form_title", "form_id", "version", "default_language"],
                                           ["\(checklist.title.zh) · \(checklist.title.en)" + (caseState.map { " · \($0.id)" } ?? ""),
                                            "assay_" + Self.fieldName(checklist.id).dropFirst(2) + "_" + Self.fieldName(checklist.version).dropFirst(2),
                                            String(hash.prefix(12)), "English (en)"]]),
        ])
    }

    /// One survey row by column name.
    private func row(_ values: [String: String]) -> [String] {
        Self.columns.map { values[$0] ?? "" }
    }

    private func labelled(_ zh: String, _ en: String) -> [String: String] {
        ["label::中文 (zh)": zh, "label::English (en)": en]
    }

    private var survey: [[String]] {
        var rows = [
            row(["type": "calculate", "name": Self.checklistField, "calculation": "'\(hash)'"]),
            row(["type": "text", "name": Self.caseField, "required": "yes", "default": caseState?.id.value ?? ""].merging(labelled("案件编号", "Case")) { $1 }),
            row(["type": "text", "name": Self.expertField, "required": "yes"].merging(labelled("专家编号", "Your expert id")) { $1 }),
        ]
        var openSection: String?
        for (section, item) in items {
            if openSection != section.id {
                if openSection != nil { rows.append(row(["type": "end_group"])) }
                rows.append(row(["type": "begin_group", "name": "s" + Self.fieldName(section.id).dropFirst(1)].merging(labelled(section.title.zh, section.title.en)) { $1 }))
                openSection = section.id
            }
            rows += questions(item)
        }
        if openSection != nil { rows.append(row(["type": "end_group"])) }
        return rows
    }

    private func questions(_ item: ChecklistItem) -> [[String]] {
        let name = Self.fieldName(item.id)
        var question = labelled("\(item.tier.mark) \(item.id) \(item.text.zh)", "\(item.tier.mark) \(item.id) \(item.text.en)")
        question["name"] = name
        question["required"] = "yes"
        switch item.kind {
        case .yesNo, .evidence: question["type"] = "select_one " + (item.allowsNotApplicable ? "yes_no_na" : "yes_no")
        case .levels, .choice: question["type"] = "select_one \(name)"
        case .text: question["type"] = "text"
        case .number:
            let range = item.range.map { "\($0.min)–\($0.max)" } ?? ""
            let unit = item.unit ?? ""
            if item.allowsNotApplicable {
                question["type"] = "text"
                question["constraint"] = "regex(., '^([0-9]+|na)$')" + (item.range.map { " and (. = 'na' or (number(.) >= \($0.min) and number(.) <= \($0.max)))" } ?? "")
                question["hint::中文 (zh)"] = "\(range) \(unit)；不适用填 na"
                question["hint::English (en)"] = "\(range) \(unit); na if it does not apply"
            } else {
                question["type"] = "integer"
                question["constraint"] = item.range.map { ". >= \($0.min) and . <= \($0.max)" } ?? ""
                question["hint::中文 (zh)"] = "\(range) \(unit)"
                question["hint::English (en)"] = "\(range) \(unit)"
            }
            question["constraint_message::中文 (zh)"] = "取值范围 \(range)"
            question["constraint_message::English (en)"] = "from \(range)"
        }
        var rows = [row(question)]
        let notMet = notMetCondition(item, name)
        let notApplicable = item.allowsNotApplicable ? "${\(name)} = '\(Self.notApplicableChoice)'" : nil
        let noteNeeded = [item.notMetNeeds.contains(.note) ? notMet : nil, notApplicable].compactMap { $0 }
        var note = labelled("\(item.id) 备注（未达标情况、不适用理由）", "\(item.id) note (the finding, or why it does not apply)")
        note["type"] = "text"
        note["name"] = name + "_note"
        if !noteNeeded.isEmpty { note["required"] = noteNeeded.joined(separator: " or ") }
        if item.kind != .text { rows.append(row(note)) }
        for need in [EvidenceKind.photo, .document] {
            let condition = item.kind == .evidence && need == .photo ? "${\(name)} = 'yes'" : (item.notMetNeeds.contains(need) ? notMet : nil)
            guard let condition else { continue }
            var file = need == .photo ? labelled("\(item.id) 照片", "\(item.id) photo") : labelled("\(item.id) 文件", "\(item.id) document")
            file["type"] = need == .photo ? "image" : "file"
            // Photos are scaled down on the phone, so they travel on a weak connection.
            if need == .photo { file["parameters"] = "max-pixels=1600" }
            file["name"] = "\(name)_\(need.rawValue)"
            file["relevant"] = condition
            file["required"] = "yes"
            rows.append(row(file))
        }
        return rows
    }

    /// The XPath condition under which the item's answer does not meet it.
    private func notMetCondition(_ item: ChecklistItem, _ name: String) -> String? {
        let field = "${\(name)}"
        func anyOf(_ values: [String]) -> String? {
            values.isEmpty ? nil : values.map { "\(field) = '\($0)'" }.joined(separator: " or ")
        }
        switch item.kind {
        case .yesNo, .evidence: return "\(field) = 'no'"
        case .levels: return anyOf((item.levels ?? []).map(\.name).filter { !item.evaluate($0).met })
        case .choice: return anyOf((item.options ?? []).filter { !item.evaluate($0).met })
        case .number:
            let number = item.allowsNotApplicable ? "number(\(field))" : field
            let guardNA = item.allowsNotApplicable ? "\(field) != '\(Self.notApplicableChoice)' and " : ""
            let bounds = [item.meets?.atLeast.map { "\(number) < \($0)" }, item.meets?.atMost.map { "\(number) > \($0)" }].compactMap { $0 }
            return bounds.isEmpty ? nil : "(\(guardNA)\(field) != '' and (\(bounds.joined(separator: " or "))))"
        case .text: return nil
        }
    }

    private var choices: [[String]] {
        var rows = [["yes_no", "yes", "是", "Yes"], ["yes_no", "no", "否", "No"],
                    ["yes_no_na", "yes", "是", "Yes"], ["yes_no_na", "no", "否", "No"], ["yes_no_na", Self.notApplicableChoice, "不适用", "Does not apply"]]
        for (_, item) in items where item.kind == .levels || item.kind == .choice {
            let name = Self.fieldName(item.id)
            let values = item.kind == .levels ? (item.levels ?? []).map { "\($0.name)" } : (item.options ?? [])
            for value in values {
                let label = item.kind == .levels ? "\(value)（\(item.levels?.first { $0.name == value }?.points ?? 0)分）" : value
                rows.append([name, value, label, item.kind == .levels ? "\(value) (\(item.levels?.first { $0.name == value }?.points ?? 0) points)" : value])
            }
            if item.allowsNotApplicable { rows.append([name, Self.notApplicableChoice, "不适用", "Does not apply"]) }
        }
        return rows
    }
}

extension GuidanceGroupsState {
    /// The XLSForm (the .xlsx file's bytes) the current group of the case `state` fills in, with
    /// its checklist; nil when no group has been formed on the case (`noGroup` says so).
    public func fieldForm(for state: CaseState) -> (bytes: [UInt8], checklist: Checklist, items: Int)? {
        guard let round = currentRound(of: state.id), let checklist = checklists[round.group.checklist] else { return nil }
        let form = FieldForm(checklist: checklist, hash: round.group.checklist, caseState: state)
        return (form.workbook.bytes, checklist, form.items.count)
    }
}
