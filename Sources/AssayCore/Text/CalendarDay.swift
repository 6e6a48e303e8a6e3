import Foundation

/// A day written `YYYY-MM-DD`, as commissions date deadlines and decisions: in China Standard
/// Time (UTC+8), where the reviews take place.
public struct CalendarDay: Sendable, Hashable, CustomStringConvertible {
    /// The first moment of the day.
    public let start: Timestamp
    public let text: String

    /// The day `text` names; nil unless it is a real date written `YYYY-MM-DD`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
              calendar.dateComponents([.year, .month, .day], from: date) == DateComponents(year: year, month: month, day: day) else { return nil }
        start = Timestamp(date)
        self.text = text
    }

    /// The last moment of the day: when a deadline on that day passes.
    public var end: Timestamp { Timestamp(milliseconds: start.milliseconds + 86_400_000 - 1) }

    public var description: String { text }
}
