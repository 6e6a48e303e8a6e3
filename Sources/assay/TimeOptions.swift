import ArgumentParser
import AssayCore
import Foundation

/// How times are read and shown: in the campaign's zone (China Standard Time unless
/// `ASSAY_TIME_ZONE` says otherwise), or one the reader chooses, with its offset.
struct TimeOptions: ParsableArguments {
    @Option(name: .customLong("time-zone"), help: "Show times, and read those without an offset, in this zone, such as Asia/Shanghai (default: the campaign's, Asia/Shanghai unless ASSAY_TIME_ZONE names another).")
    var timeZoneName: String?

    @Flag(help: "Show times, and read those without an offset, in UTC.")
    var utc = false

    func validate() throws {
        if utc && timeZoneName != nil { throw ValidationError("give --utc or --time-zone, not both") }
        if let timeZoneName, TimeZone(identifier: timeZoneName) == nil {
            throw ValidationError("'\(timeZoneName)' is not a time zone; use a name such as Asia/Shanghai, or --utc")
        }
        if let problem = CampaignZone.problem { throw ValidationError(problem) }
    }

    var timeZone: TimeZone {
        if utc { return TimeZone(identifier: "UTC")! }
        return timeZoneName.flatMap(TimeZone.init(identifier:)) ?? CampaignZone.current
    }

    /// `2022-03-21T09:00:00+08:00`: the moment in the chosen zone, with the zone's offset.
    func show(_ timestamp: Timestamp) -> String {
        TimeDisplay(zone: timeZone).show(timestamp)
    }

    /// Reads `2022-03-21T09:00` (in the chosen zone) or a time with its offset,
    /// `2022-03-21T09:00:00+08:00` or `…Z`; a day alone, or a date or time that does not exist,
    /// is refused.
    func parse(_ text: String) throws -> Timestamp {
        do {
            return try MomentReader(zone: timeZone).read(text)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Reads a moment as `parse` does, or a day alone as its last moment: for reads as of a
    /// time (`history --at`, `case list --now`), never for a time to record.
    func parseAsOf(_ text: String) throws -> Timestamp {
        do {
            return try MomentReader(zone: timeZone).readAsOf(text)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
