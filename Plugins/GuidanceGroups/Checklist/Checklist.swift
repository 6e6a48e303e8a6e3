import AssayCore
import AssayYAML

/// A versioned checklist an expert group scores on site: sections of items, the institution
/// types it is written for, and the pass rule of each tier. It is data, stored in the log by its
/// content hash; no number of the national standard is written in code.
public struct Checklist: Sendable, Equatable, Codable {
    /// A part of the checklist, such as "basic medical services".
    public struct Section: Sendable, Equatable, Codable {
        public var id: String
        public var title: LocalizedText
        public var items: [ChecklistItem]

        public init(id: String, title: LocalizedText, items: [ChecklistItem]) {
            self.id = id
            self.title = title
            self.items = items
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case id, title, items }

        public init(from decoder: any Decoder) throws {
            var fields = try FieldDecoder(decoder, keyedBy: CodingKeys.self)
            id = try fields.decode(.id, or: "")
            title = try fields.decode(.title, or: .empty)
            items = try fields.decode(.items, or: [])
            try fields.finish()
        }
    }

    /// Such as `township-health-centre`; flows name checklists by id.
    public var id: String
    /// The edition, such as `2023`.
    public var version: String
    public var title: LocalizedText
    /// The institution types the checklist is written for.
    public var institutionTypes: [InstitutionType]
    public var pass: PassRules
    public var sections: [Section] {
        didSet { layout = ChecklistLayout(sections) }
    }
    /// The items laid out for scoring: kept with `sections`.
    private(set) var layout = ChecklistLayout([])

    public init(id: String, version: String, title: LocalizedText, institutionTypes: [InstitutionType], pass: PassRules, sections: [Section]) {
        self.id = id
        self.version = version
        self.title = title
        self.institutionTypes = institutionTypes
        self.pass = pass
        self.sections = sections
        layout = ChecklistLayout(sections)
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case id, version, title, institutionTypes = "for", pass, sections }

    public init(from decoder: any Decoder) throws {
        var fields = try FieldDecoder(decoder, keyedBy: CodingKeys.self)
        id = try fields.decode(.id, or: "")
        version = try fields.decode(.version, or: "")
        title = try fields.decode(.title, or: .empty)
        institutionTypes = try fields.decode(.institutionTypes, or: [])
        pass = try fields.decode(.pass, or: PassRules(basic: PassRule(overall: 0)))
        sections = try fields.decode(.sections, or: [])
        try fields.finish()
        layout = ChecklistLayout(sections)
    }

    /// Every item, section by section.
    public var items: [ChecklistItem] { layout.items }

    /// The item numbered `id`.
    public func item(_ id: String) -> ChecklistItem? {
        layout.positions[id].map { layout.items[$0] }
    }

    /// `id` and `version`, as people name a checklist.
    public var name: String { "\(id) \(version)" }
}

extension Checklist: CheckedDataFile {
    public var problems: [DataFileProblem] {
        var found: [DataFileProblem] = []
        if id.isEmptyText { found.append(DataFileProblem(at: ["id"], "a checklist needs an id, such as township-health-centre")) }
        if version.isEmptyText { found.append(DataFileProblem(at: ["version"], "a checklist needs a version, such as 2023")) }
        if institutionTypes.isEmpty { found.append(DataFileProblem(at: ["for"], "name the institution types the checklist is for")) }
        if sections.isEmpty { found.append(DataFileProblem(at: ["sections"], "a checklist needs at least one section")) }
        let sectionIDs = Set(sections.map(\.id))
        for tier in pass.tiers {
            let rule = pass[tier]!
            if !(0...100).contains(rule.overall) {
                found.append(DataFileProblem(at: ["pass", tier.rawValue, "overall"], "a threshold is a percentage from 0 to 100, not \(rule.overall)"))
            }
            for (section, threshold) in rule.sections.sorted(by: { $0.key < $1.key }) {
                if !sectionIDs.contains(section) {
                    found.append(DataFileProblem(at: ["pass", tier.rawValue, "sections", section],
                                                 "there is no section '\(section)'; sections: \(sections.map(\.id).joined(separator: ", "))"))
                } else if !(0...100).contains(threshold) {
                    found.append(DataFileProblem(at: ["pass", tier.rawValue, "sections", section], "a threshold is a percentage from 0 to 100, not \(threshold)"))
                }
            }
        }
        var seenSections: Set<String> = []
        var seenItems: Set<String> = []
        var fieldNames: [String: String] = [:]
        for (s, section) in sections.enumerated() {
            if !seenSections.insert(section.id).inserted {
                found.append(DataFileProblem(at: ["sections", "\(s)", "id"], "two sections are numbered '\(section.id)'"))
            }
            if section.items.isEmpty { found.append(DataFileProblem(at: ["sections", "\(s)", "items"], "section \(section.id) has no items")) }
            for (i, item) in section.items.enumerated() {
                let path = ["sections", "\(s)", "items", "\(i)"]
                if !seenItems.insert(item.id).inserted {
                    found.append(DataFileProblem(at: path + ["id"], "two items are numbered '\(item.id)'"))
                } else if let other = fieldNames.updateValue(item.id, forKey: FieldForm.fieldName(item.id)) {
                    found.append(DataFileProblem(at: path + ["id"], "items '\(other)' and '\(item.id)' would share the field-form name \(FieldForm.fieldName(item.id))"))
                }
                found += item.problems(at: path, checklist: self)
            }
        }
        return found
    }
}

extension ChecklistItem {
    /// What is wrong with the item as a checklist's data.
    func problems(at path: [String], checklist: Checklist) -> [DataFileProblem] {
        var found: [DataFileProblem] = []
        func problem(_ key: String, _ message: String) { found.append(DataFileProblem(at: path + [key], message)) }
        if id.isEmptyText || id.contains(where: { $0.isWhitespace }) { problem("id", "an item needs an id without spaces, such as 2.1.3") }
        if weight < 1 { problem("weight", "an item's weight is a whole number of at least 1, not \(weight)") }
        if checklist.pass[tier] == nil { problem("tier", "the checklist has no pass rule for the \(tier) tier") }
        if kind == .text, critical { problem("critical", "a text item is not scored, so it cannot be critical") }
        for type in applicableIf ?? [] where !checklist.institutionTypes.contains(type) {
            problem("applicable-if", "the checklist is not for \(type); it is for \(checklist.institutionTypes.map(\.rawValue).joined(separator: ", "))")
        }
        let kindKeys: [(String, Bool, ItemKind)] = [("levels", levels != nil, .levels), ("meets-from", meetsFrom != nil, .levels),
                                                   ("unit", unit != nil, .number), ("range", range != nil, .number), ("meets", meets != nil, .number),
                                                   ("options", options != nil, .choice), ("meeting", meeting != nil, .choice)]
        for (key, present, owner) in kindKeys where present && kind != owner {
            problem(key, "'\(key)' is for \(owner) items; this item is \(kind)")
        }
        switch kind {
        case .levels:
            let levels = levels ?? []
            if levels.count < 2 { problem("levels", "a levels item needs at least two levels") }
            if Set(levels.map(\.name)).count != levels.count { problem("levels", "two levels share a name") }
            if levels.contains(where: { $0.points < 0 }) { problem("levels", "a level's points are 0 or more") }
            if !levels.contains(where: { $0.points > 0 }) { problem("levels", "at least one level must be worth points") }
            if let meetsFrom, !levels.contains(where: { $0.name == meetsFrom }) {
                problem("meets-from", "there is no level '\(meetsFrom)'; levels: \(levels.map(\.name).joined(separator: ", "))")
            }
        case .number:
            if range == nil { problem("kind", "a number item needs a range: { min: …, max: … }") }
            if let range, range.min > range.max { problem("range", "the range's min \(range.min) is above its max \(range.max)") }
            if meets?.atLeast == nil, meets?.atMost == nil { problem("kind", "a number item needs meets: { at-least: … } or { at-most: … }") }
        case .choice:
            let options = options ?? []
            if options.count < 2 { problem("options", "a choice item needs at least two options") }
            if let meeting, let stray = meeting.first(where: { !options.contains($0) }) {
                problem("meeting", "'\(stray)' is not one of the options: \(options.joined(separator: ", "))")
            }
            if meeting?.isEmpty ?? true { problem("kind", "a choice item needs meeting: the options that meet it") }
        case .yesNo, .text, .evidence:
            break
        }
        return found
    }
}
