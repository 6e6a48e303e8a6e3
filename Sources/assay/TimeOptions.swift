import ArgumentParser
import AssayCore
import Foundation

/// How times are read and shown: in a time zone the reader chooses, with its offset.
struct TimeOptions: ParsableArguments {
    @Option(name: .customLong("time-zone"), help: "Show and read times in this zone, such as Asia/Shanghai (default: this machine's zone).")
    var timeZoneName: String?

    @Flag(help: "Show and read times in UTC.")
    var utc = false

    func validate() throws {
        if utc && timeZoneName != nil { throw ValidationError("give --utc or --time-zone, not both") }
        if let timeZoneName, TimeZone(identifier: timeZoneName) == nil {
            throw ValidationError("'\(timeZoneName)' is not a time zone; use a name such as Asia/Shanghai, or --utc")
        }
    }

    var timeZone: TimeZone {
        if utc { return TimeZone(identifier: "UTC")! }
        return timeZoneName.flatMap(TimeZone.init(identifier:)) ?? .current
    }

    /// `2022-03-21T09:00:00+08:00`: the moment in the chosen zone, with the zone's offset.
    func show(_ timestamp: Timestamp) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        formatter.formatOptions = [.withInternetDateTime, .withColonSeparatorInTimeZone]
        return formatter.string(from: timestamp.date)
    }

    /// Reads `2022-03-21` (the end of that day), `2022-03-21T09:00` (in the chosen zone) or a
    /// full time with its offset, `2022-03-21T09:00:00+08:00` or `…Z`.
    func parse(_ text: String) throws -> Timestamp {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        let candidates: [(String, ISO8601DateFormatter.Options)] = [
            (text, [.withInternetDateTime]),
            (text + ":00", [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]),
            (text + "T23:59:59", [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]),
            (text, [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]),
        ]
        for (candidate, options) in candidates {
            formatter.formatOptions = options
            if let date = formatter.date(from: candidate) { return Timestamp(date) }
        }
        throw ValidationError("'\(text)' is not a time; write 2022-03-21, 2022-03-21T09:00 (in \(timeZone.identifier)) or 2022-03-21T09:00:00+08:00")
    }
}
