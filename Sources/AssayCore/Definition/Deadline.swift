/// A stage's time limit: when a case has stayed `after` in the stage, `action` is taken for it.
public struct Deadline: Sendable, Hashable, Codable {
    /// How long a case may stay in the stage.
    public var after: DeadlineDuration
    /// The action taken when the time has passed. Validation reports a deadline without one.
    public var action: String?

    public init(after: DeadlineDuration, action: String?) {
        self.after = after
        self.action = action
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case after, action }
}

/// A whole number of days or hours, written `15d` or `48h`, of at most ten years.
public struct DeadlineDuration: Sendable, Hashable, Codable, CustomStringConvertible {
    public var milliseconds: Int64

    /// The longest deadline a flow may set: ten years (3650 days, 87600 hours).
    public static let maximumDays = 3650

    public static func days(_ days: Int) -> DeadlineDuration { DeadlineDuration(milliseconds: Int64(days) * 86_400_000) }
    public static func hours(_ hours: Int) -> DeadlineDuration { DeadlineDuration(milliseconds: Int64(hours) * 3_600_000) }

    init(milliseconds: Int64) { self.milliseconds = milliseconds }

    /// Reads `15d` or `48h` of at most ten years; nil for anything else.
    public init?(_ text: String) {
        guard let unit = text.last, text.utf8.count <= 8, let count = Int(text.dropLast()), count > 0 else { return nil }
        switch unit {
        case "d" where count <= Self.maximumDays: self = .days(count)
        case "h" where count <= Self.maximumDays * 24: self = .hours(count)
        default: return nil
        }
    }

    public var description: String {
        milliseconds % 86_400_000 == 0 ? "\(milliseconds / 86_400_000)d" : "\(milliseconds / 3_600_000)h"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let duration = DeadlineDuration(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a duration; write a positive whole number of days or hours of at most ten years (\(Self.maximumDays)d), such as 15d or 48h")
        }
        self = duration
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
