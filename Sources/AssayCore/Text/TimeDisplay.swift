import Foundation

/// How a command shows moments: in one zone, with that zone's offset, such as
/// `2022-03-21T09:00:00+08:00`; the campaign's zone unless the reader chose another
/// (`--time-zone`, `--utc`). Every command, the plugins' included, shows times through it.
public struct TimeDisplay: Sendable {
    public let zone: TimeZone

    public init(zone: TimeZone = CampaignZone.current) {
        self.zone = zone
    }

    /// The moment in `zone`, with its offset (`Z` for UTC).
    public func show(_ timestamp: Timestamp) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        formatter.formatOptions = [.withInternetDateTime, .withColonSeparatorInTimeZone]
        return formatter.string(from: timestamp.date)
    }
}
