import Foundation

/// A day written `YYYY-MM-DD`, as commissions date deadlines and decisions: in China Standard
/// Time (UTC+8), where the reviews take place.
public struct CalendarDay: Sendable, Hashable, CustomStringConvertible {
    /// The first moment of the day.
    public let start: Timestamp
    public let text: String

    /// The day `text` names; nil unless it is a real date written `YYYY-MM-DD` in digits.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        guard let start = Self.start(year: year, month: month, day: day) else { return nil }
        self.start = start
        self.text = text
    }

    /// The first moment of the day in UTC+8, or nil when there is no such day. From 1583 on,
    /// the first whole year of the Gregorian calendar, it is counted in days (Howard Hinnant's
    /// `days_from_civil`); earlier days are left to Foundation's calendar, which counts them in
    /// the Julian calendar.
    private static func start(year: Int, month: Int, day: Int) -> Timestamp? {
        guard year >= 1583 else { return foundationStart(year: year, month: month, day: day) }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), (1...lengths[month - 1]).contains(day) else { return nil }
        let shifted = month <= 2 ? year - 1 : year
        let era = shifted / 400, yearOfEra = shifted % 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Timestamp(milliseconds: Int64(days) * 86_400_000 - 8 * 3_600_000)
    }

    /// The first moment of the day as Foundation's Gregorian calendar in UTC+8 counts it.
    static func foundationStart(year: Int, month: Int, day: Int) -> Timestamp? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components), calendar.dateComponents([.year, .month, .day], from: date) == components else { return nil }
        return Timestamp(date)
    }

    /// The last moment of the day: when a deadline on that day passes.
    public var end: Timestamp { Timestamp(milliseconds: start.milliseconds + 86_400_000 - 1) }

    public var description: String { text }
}
