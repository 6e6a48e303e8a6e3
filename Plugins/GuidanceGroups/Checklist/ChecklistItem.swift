import AssayCore
import AssayYAML

/// One item of a checklist: what is asked, how it is answered and scored, and when it applies.
public struct ChecklistItem: Sendable, Equatable, Codable {
    /// A graded level and its points.
    public struct Level: Sendable, Equatable, Codable {
        public var name: String
        public var points: Int

        public init(name: String, points: Int) {
            self.name = name
            self.points = points
        }
    }

    /// The values a number item accepts.
    public struct NumberRange: Sendable, Equatable, Codable {
        public var min: Int
        public var max: Int

        public init(min: Int, max: Int) {
            self.min = min
            self.max = max
        }
    }

    /// Which numbers meet a number item: at least one bound.
    public struct NumberTarget: Sendable, Equatable, Codable {
        public var atLeast: Int?
        public var atMost: Int?

        public init(atLeast: Int? = nil, atMost: Int? = nil) {
            self.atLeast = atLeast
            self.atMost = atMost
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case atLeast = "at-least", atMost = "at-most" }
    }

    /// The item's number within its checklist, such as `2.1.3`.
    public var id: String
    public var text: LocalizedText
    public var kind: ItemKind
    public var tier: ChecklistTier
    /// Not met, it fails its tier (and every tier above) whatever the score.
    public var critical: Bool
    /// Points the item is worth (a level item: times its level's points).
    public var weight: Int
    /// Whether an expert may answer "n/a", with a reason.
    public var allowsNotApplicable: Bool
    /// The institution types the item applies to; nil for every type the checklist is for.
    public var applicableIf: [InstitutionType]?
    /// What a not-met answer must carry.
    public var notMetNeeds: [EvidenceKind]
    /// A level item's levels, best first.
    public var levels: [Level]?
    /// The lowest level that meets a level item; by default the lowest worth any points.
    public var meetsFrom: String?
    /// A number item's unit, range and target.
    public var unit: String?
    public var range: NumberRange?
    public var meets: NumberTarget?
    /// A choice item's options, and those that meet it.
    public var options: [String]?
    public var meeting: [String]?

    public init(id: String, text: LocalizedText, kind: ItemKind = .yesNo, tier: ChecklistTier = .basic, critical: Bool = false,
                weight: Int = 1, allowsNotApplicable: Bool = false, applicableIf: [InstitutionType]? = nil,
                notMetNeeds: [EvidenceKind] = [], levels: [Level]? = nil, meetsFrom: String? = nil, unit: String? = nil,
                range: NumberRange? = nil, meets: NumberTarget? = nil, options: [String]? = nil, meeting: [String]? = nil) {
        self.id = id
        self.text = text
        self.kind = kind
        self.tier = tier
        self.critical = critical
        self.weight = weight
        self.allowsNotApplicable = allowsNotApplicable
        self.applicableIf = applicableIf
        self.notMetNeeds = notMetNeeds
        self.levels = levels
        self.meetsFrom = meetsFrom
        self.unit = unit
        self.range = range
        self.meets = meets
        self.options = options
        self.meeting = meeting
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, text, kind, tier, critical, weight, allowsNotApplicable = "allow-na", applicableIf = "applicable-if"
        case notMetNeeds = "not-met-needs", levels, meetsFrom = "meets-from", unit, range, meets, options, meeting
    }

    public init(from decoder: any Decoder) throws {
        var fields = try FieldDecoder(decoder, keyedBy: CodingKeys.self)
        id = try fields.decode(.id, or: "")
        text = try fields.decode(.text, or: .empty)
        kind = try fields.decodeIfPresent(.kind) ?? .yesNo
        tier = try fields.decodeIfPresent(.tier) ?? .basic
        critical = try fields.decodeIfPresent(.critical) ?? false
        weight = try fields.decodeIfPresent(.weight) ?? 1
        allowsNotApplicable = try fields.decodeIfPresent(.allowsNotApplicable) ?? false
        applicableIf = try fields.decodeIfPresent(.applicableIf)
        notMetNeeds = try fields.decodeIfPresent(.notMetNeeds) ?? []
        levels = try fields.decodeIfPresent(.levels)
        meetsFrom = try fields.decodeIfPresent(.meetsFrom)
        unit = try fields.decodeIfPresent(.unit)
        range = try fields.decodeIfPresent(.range)
        meets = try fields.decodeIfPresent(.meets)
        options = try fields.decodeIfPresent(.options)
        meeting = try fields.decodeIfPresent(.meeting)
        try fields.finish()
    }

    /// Whether the item applies to an institution of `type` (an unknown type: every item does).
    public func applies(to type: InstitutionType?) -> Bool {
        guard let applicableIf, let type else { return true }
        return applicableIf.contains(type)
    }

    /// Points the item is worth when met in full; 0 for a text item, which is not scored.
    public var possiblePoints: Int {
        switch kind {
        case .text: 0
        case .levels: weight * (levels ?? []).reduce(0) { max($0, $1.points) }
        case .yesNo, .number, .choice, .evidence: weight
        }
    }

    /// The points a valid `value` earns and whether it meets the item. A value must first pass
    /// `problem(with:)`.
    public func evaluate(_ value: String) -> (earned: Int, met: Bool) {
        switch kind {
        case .text:
            return (0, true)
        case .yesNo, .evidence:
            return value == "yes" ? (weight, true) : (0, false)
        case .choice:
            return meeting?.contains(value) == true ? (weight, true) : (0, false)
        case .number:
            guard let number = Int(value) else { return (0, false) }
            let met = (meets?.atLeast.map { number >= $0 } ?? true) && (meets?.atMost.map { number <= $0 } ?? true)
            return met ? (weight, true) : (0, false)
        case .levels:
            guard let levels, let level = levels.first(where: { $0.name == value }) else { return (0, false) }
            return (weight * level.points, level.points >= levelThreshold(levels))
        }
    }

    /// The points of the lowest level that meets the item: `meets-from`'s, or else the fewest
    /// points any level is worth above none.
    private func levelThreshold(_ levels: [Level]) -> Int {
        if let meetsFrom, let level = levels.first(where: { $0.name == meetsFrom }) { return level.points }
        var lowest = Int.max
        for level in levels where level.points > 0 { lowest = min(lowest, level.points) }
        return lowest == .max ? 1 : lowest
    }

    /// What `answer` comes to: its points and whether it meets the item, n/a, or why the item
    /// does not take it.
    func evaluation(of answer: AnswerValue) -> AnswerEvaluation {
        if let problem = problem(with: answer) { return .invalid(problem) }
        if answer.value == AnswerValue.notApplicable { return .notApplicable }
        let (earned, met) = evaluate(answer.value)
        return met ? .met(earned) : .notMet(earned)
    }

    /// The values the item accepts, for people: `yes or no`, `A, B, C or D`, `20–200 beds`.
    public var acceptedValues: String {
        switch kind {
        case .yesNo, .evidence: "yes or no"
        case .levels: Self.either(levels?.map(\.name) ?? [])
        case .choice: Self.either(options ?? [])
        case .number: range.map { "a whole number from \($0.min) to \($0.max)" + (unit.map { " \($0)" } ?? "") } ?? "a whole number"
        case .text: "any text"
        }
    }

    private static func either(_ names: [String]) -> String {
        names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// Why `answer` is not an acceptable answer to this item, or nil.
    public func problem(with answer: AnswerValue) -> String? {
        if answer.value == AnswerValue.notApplicable {
            guard allowsNotApplicable else { return "item \(id) may not be answered n/a" }
            return answer.note.isEmptyText ? "an n/a answer to item \(id) needs a reason (a note)" : nil
        }
        switch kind {
        case .yesNo, .evidence:
            guard ["yes", "no"].contains(answer.value) else { return "item \(id) is answered yes or no, not '\(answer.value)'" }
            if kind == .evidence, answer.value == "yes", answer.evidence.isEmpty {
                return "a yes to evidence item \(id) needs the file's SHA-256 (a photo or document)"
            }
        case .levels, .choice:
            let accepted = kind == .levels ? (levels ?? []).contains { $0.name == answer.value } : (options ?? []).contains(answer.value)
            guard accepted else { return "item \(id) is answered \(acceptedValues), not '\(answer.value)'" }
        case .number:
            guard let number = Int(answer.value) else { return "item \(id) is answered with a whole number, not '\(answer.value)'" }
            if let range, !(range.min...range.max).contains(number) {
                return "item \(id) takes \(acceptedValues); \(number) is out of range"
            }
        case .text:
            if answer.value.isEmptyText { return "item \(id) needs some text" }
        }
        guard !evaluate(answer.value).met else { return nil }
        let missing = notMetNeeds.filter { need in
            switch need {
            case .note: answer.note.isEmptyText
            case .photo, .document: !answer.evidence.contains { $0.kind == need }
            }
        }
        return missing.isEmpty ? nil : "a not-met answer to item \(id) needs \(missing.map(\.rawValue).joined(separator: " and "))"
    }
}

extension Optional where Wrapped == String {
    /// Nil, or only spaces.
    var isEmptyText: Bool { self?.allSatisfy(\.isWhitespace) ?? true }
}

extension String {
    var isEmptyText: Bool { allSatisfy(\.isWhitespace) }
}
