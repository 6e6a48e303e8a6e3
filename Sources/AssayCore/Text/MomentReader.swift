import Foundation

/// Reads a moment as people type it: `2022-03-21T09:00`, `2022-03-21T09:00:30`, or either
/// with an offset (`+08:00`, `+0800`, `Z`). A time without an offset is in `zone`, by default
/// the campaign's (`CampaignZone`), never the machine's. Every command reads times through it,
/// so an impossible date or time (`2022-02-30`, `24:00`), or a day given where a moment is
/// needed, is refused everywhere, and nothing rolls over into another day.
public struct MomentReader: Sendable {
    public let zone: TimeZone

    public init(zone: TimeZone = CampaignZone.current) {
        self.zone = zone
    }

    /// The moment `text` names, or why it names none.
    public func read(_ text: String) throws(MomentError) -> Timestamp {
        let b = Array(text.utf8)
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= b.count else { return nil }
            var value = 0
            for byte in b[start..<start + count] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard b.count >= 10, let year = digits(0, 4), b[4] == UInt8(ascii: "-"), let month = digits(5, 2), b[7] == UInt8(ascii: "-"),
              let day = digits(8, 2) else { throw .malformed(text, zone: zone.identifier) }
        guard b.count > 10 else { throw .dayOnly(text) }
        guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "), b.count >= 16, let hour = digits(11, 2), b[13] == UInt8(ascii: ":"),
              let minute = digits(14, 2) else { throw .malformed(text, zone: zone.identifier) }
        var i = 16
        var second = 0
        var milliseconds = 0
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard let found = digits(i + 1, 2) else { throw .malformed(text, zone: zone.identifier) }
            second = found
            i += 3
            if i < b.count, b[i] == UInt8(ascii: ".") {
                var scale = 100
                i += 1
                let start = i
                while i < b.count, (48...57).contains(b[i]) {
                    milliseconds += Int(b[i] - 48) * scale
                    scale /= 10
                    i += 1
                }
                guard i > start else { throw .malformed(text, zone: zone.identifier) }
            }
        }
        var offset: Int?
        if i < b.count {
            if b[i] == UInt8(ascii: "Z"), i + 1 == b.count {
                offset = 0
            } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), let hours = digits(i + 1, 2) {
                let colon = i + 3 < b.count && b[i + 3] == UInt8(ascii: ":")
                guard let minutes = digits(i + (colon ? 4 : 3), 2), i + (colon ? 6 : 5) == b.count, hours <= 14, minutes < 60 else {
                    throw .malformed(text, zone: zone.identifier)
                }
                offset = (b[i] == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
            } else {
                throw .malformed(text, zone: zone.identifier)
            }
        }
        if let problem = Self.impossibility(year: year, month: month, day: day, hour: hour, minute: minute, second: second) {
            throw .impossible(text, problem)
        }
        if let offset {
            let seconds = Self.daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
            return Timestamp(milliseconds: Int64(seconds) * 1000 + Int64(milliseconds))
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let wanted = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: wanted),
              calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date) == wanted else {
            throw .skipped(text, zone: zone.identifier)
        }
        return Timestamp(milliseconds: Timestamp(date).milliseconds + Int64(milliseconds))
    }

    /// The moment `text` names, or, for a day alone (`2022-03-21`), its last moment in `zone`:
    /// what a read "as of" a day means (a history, a list of overdue cases), never a time to
    /// record.
    public func readAsOf(_ text: String) throws(MomentError) -> Timestamp {
        do {
            return try read(text)
        } catch .dayOnly {
            do {
                let end = try read(text + "T23:59:59")
                return Timestamp(milliseconds: end.milliseconds + 999)
            } catch .impossible(_, let problem) {
                throw .impossible(text, problem)
            }
        }
    }

    /// Why the fields name no real moment (February 30th, the 25th hour), or nil.
    static func impossibility(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> String? {
        guard (1...12).contains(month) else { return "there is no month \(month)" }
        let length = daysIn(month: month, year: year)
        guard (1...length).contains(day) else {
            return "\(Self.monthNames[month - 1]) \(year) has \(length) days"
        }
        guard hour <= 23 else { return "the hour is 00 to 23, not \(hour)" }
        guard minute <= 59 else { return "the minute is 00 to 59, not \(minute)" }
        guard second <= 59 else { return "the second is 00 to 59, not \(second)" }
        return nil
    }

    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                                     "November", "December"]

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the date, in the proleptic Gregorian calendar (Howard Hinnant's
    /// days_from_civil).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// Why a text names no moment.
public enum MomentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not written as a time at all.
    case malformed(String, zone: String)
    /// A day where a moment is needed.
    case dayOnly(String)
    /// Written as a time, but no such date or time exists.
    case impossible(String, String)
    /// A local time the zone's clocks skipped (a daylight-saving change).
    case skipped(String, zone: String)

    public var description: String {
        switch self {
        case .malformed(let text, let zone):
            "'\(text)' is not a time; write 2022-03-21T09:00 (in \(zone)) or with its offset, 2022-03-21T09:00:00+08:00"
        case .dayOnly(let text):
            "'\(text)' is a day, not a moment; give the time too, such as \(text)T09:00"
        case .impossible(let text, let problem):
            "'\(text)' is not a real time: \(problem)"
        case .skipped(let text, let zone):
            "'\(text)' does not exist in \(zone): the clocks skipped it; give the offset"
        }
    }
}

/// The campaign's time zone: where a time typed without an offset is read, and where times are
/// shown unless a command is told otherwise. China Standard Time (`Asia/Shanghai`) unless the
/// `ASSAY_TIME_ZONE` setting names another; never the machine's own zone, so a server abroad
/// or in UTC reads `09:00` as the inspectors meant it.
public enum CampaignZone {
    /// The setting that names the campaign's zone.
    public static let setting = "ASSAY_TIME_ZONE"
    public static let standard = TimeZone(identifier: "Asia/Shanghai")!

    /// The zone `ASSAY_TIME_ZONE` names, or China Standard Time.
    public static var current: TimeZone {
        configured ?? standard
    }

    /// The zone the setting names; nil when it is unset or names no zone (see `problem`).
    /// Read once: a process's environment is set when it starts.
    static let configured: TimeZone? = ProcessInfo.processInfo.environment[setting].flatMap(TimeZone.init(identifier:))

    /// Why the setting cannot be used, or nil.
    public static var problem: String? {
        guard let name = ProcessInfo.processInfo.environment[setting], TimeZone(identifier: name) == nil else { return nil }
        return "\(setting)='\(name)' is not a time zone; use a name such as Asia/Shanghai"
    }
}
