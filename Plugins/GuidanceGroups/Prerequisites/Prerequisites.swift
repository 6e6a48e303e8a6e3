import AssayCore
import AssayYAML

/// The conditions an institution must meet to apply for the recommended standard (seed 003,
/// attachment 2), by institution type, over figures the institution records. Data, not code.
public struct Prerequisites: Sendable, Equatable, Codable {
    public var id: String
    public var version: String
    public var title: LocalizedText
    /// Each figure's name for people, such as `annual-visits`: annual outpatient and emergency visits.
    public var figures: [String: LocalizedText]
    /// The conditions of each institution type; all must hold.
    public var conditions: [String: [Condition]]

    enum CodingKeys: String, CodingKey, CaseIterable { case id, version, title, figures, conditions }

    public init(from decoder: any Decoder) throws {
        var fields = try FieldDecoder(decoder, keyedBy: CodingKeys.self)
        id = try fields.decode(.id, or: "")
        version = try fields.decode(.version, or: "")
        title = try fields.decode(.title, or: .empty)
        figures = try fields.decode(.figures, or: [:])
        conditions = try fields.decode(.conditions, or: [:])
        try fields.finish()
    }

    /// One condition: a figure (or a figure per so many of another) at least a threshold, or
    /// any one of several conditions.
    public struct Condition: Sendable, Equatable, Codable {
        public var figure: String?
        /// Compare `figure` per `scale` of this figure, such as GPs per 10,000 residents.
        public var per: String?
        public var scale: Int64?
        public var atLeast: Int64?
        public var any: [Condition]?

        enum CodingKeys: String, CodingKey, CaseIterable { case figure, per, scale, atLeast = "at-least", any }

        public init(from decoder: any Decoder) throws {
            var fields = try FieldDecoder(decoder, keyedBy: CodingKeys.self)
            figure = try fields.decodeIfPresent(.figure)
            per = try fields.decodeIfPresent(.per)
            scale = try fields.decodeIfPresent(.scale)
            atLeast = try fields.decodeIfPresent(.atLeast)
            any = try fields.decodeIfPresent(.any)
            try fields.finish()
        }
    }

    /// Whether an institution of `type` with `figures` meets every condition, and a line per
    /// condition saying by how much it is met or short.
    public func check(_ type: InstitutionType, figures reported: [String: Int64]) -> (met: Bool, lines: [String])? {
        guard let conditions = conditions[type.rawValue] else { return nil }
        let results = conditions.map { evaluate($0, reported) }
        return (results.allSatisfy(\.met), results.map(\.line))
    }

    private func evaluate(_ condition: Condition, _ reported: [String: Int64]) -> (met: Bool, line: String) {
        if let any = condition.any {
            let results = any.map { evaluate($0, reported) }
            let met = results.contains { $0.met }
            return (met, "any of (" + results.map(\.line).joined(separator: "; ") + ") — " + (met ? "met" : "none met"))
        }
        guard let figure = condition.figure, let atLeast = condition.atLeast else { return (false, "an incomplete condition") }
        let label = figures[figure]?.en ?? figure
        guard let value = reported[figure] else { return (false, "\(label): not reported — record it") }
        if let per = condition.per, let scale = condition.scale {
            let perLabel = figures[per]?.en ?? per
            let name = "\(label) per \(Self.grouped(scale)) \(perLabel)"
            guard let base = reported[per], base > 0 else { return (false, "\(name): \(perLabel) not reported — record it") }
            let met = value * scale >= atLeast * base
            let tenths = value * scale * 10 / base
            return (met, "\(name): \(tenths / 10).\(tenths % 10), at least \(Self.grouped(atLeast)) needed — " + (met ? "met" : "short"))
        }
        if value >= atLeast {
            return (true, "\(label): \(Self.grouped(value)), at least \(Self.grouped(atLeast)) needed — met")
        }
        return (false, "\(label): \(Self.grouped(value)) of \(Self.grouped(atLeast)) — short by \(Self.grouped(atLeast - value))")
    }

    /// `80000` as `80,000`.
    static func grouped(_ number: Int64) -> String {
        let digits = String(number.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (number < 0 ? "-" : "") + out
    }
}

extension Prerequisites: CheckedDataFile {
    public var problems: [DataFileProblem] {
        var found: [DataFileProblem] = []
        if id.isEmptyText { found.append(DataFileProblem(at: ["id"], "prerequisites need an id, such as recommended-standard")) }
        if version.isEmptyText { found.append(DataFileProblem(at: ["version"], "prerequisites need a version, such as 2022")) }
        for (type, list) in conditions.sorted(by: { $0.key < $1.key }) {
            guard InstitutionType(rawValue: type) != nil else {
                found.append(DataFileProblem(at: ["conditions", type],
                                             "'\(type)' is not an institution type; types: \(InstitutionType.allCases.map(\.rawValue).joined(separator: ", "))"))
                continue
            }
            for (index, condition) in list.enumerated() {
                found += problems(in: condition, at: ["conditions", type, "\(index)"])
            }
        }
        return found
    }

    private func problems(in condition: Condition, at path: [String]) -> [DataFileProblem] {
        if let any = condition.any {
            guard condition.figure == nil, condition.atLeast == nil, condition.per == nil else {
                return [DataFileProblem(at: path, "a condition is either `any:` or a figure with `at-least:`, not both")]
            }
            return any.enumerated().flatMap { problems(in: $1, at: path + ["any", "\($0)"]) }
        }
        var found: [DataFileProblem] = []
        for name in [condition.figure, condition.per].compactMap({ $0 }) where figures[name] == nil {
            found.append(DataFileProblem(at: path, "'\(name)' is not one of the figures: \(figures.keys.sorted().joined(separator: ", "))"))
        }
        if condition.figure == nil || condition.atLeast == nil {
            found.append(DataFileProblem(at: path, "a condition needs a figure and at-least, such as { figure: annual-visits, at-least: 80000 }"))
        }
        if (condition.per == nil) != (condition.scale == nil) {
            found.append(DataFileProblem(at: path, "give per and scale together, such as per: residents, scale: 10000"))
        }
        if let scale = condition.scale, scale < 1 { found.append(DataFileProblem(at: path + ["scale"], "a scale is at least 1")) }
        return found
    }
}

/// Figures an institution records about its case, by name, such as `annual-visits: 61200`. A
/// later record's figure replaces the earlier one.
public struct InstitutionFigures: Sendable, Equatable, Codable {
    public var figures: [String: Int64]

    public init(figures: [String: Int64]) {
        self.figures = figures
    }
}
