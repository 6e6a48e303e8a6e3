import Foundation

/// How a command shows moments: in one zone, with that zone's offset, such as
/// `2022-03-21T09:00:00+08:00`; the campaign's zone unless the reader chose another
/// (`--time-zone`, `--utc`). Every command, the plugins' included, shows times through it.
public struct TimeDisplay: Sendable {
    public let zone: TimeZone
    /// RFC 3339 to the second, in `zone`: the text `ISO8601DateFormatter` gives with
    /// `.withInternetDateTime` and a colon in the offset, without making an ICU formatter for
    /// every moment shown (a listing shows thousands).
    private let style: Date.ISO8601FormatStyle

    public init(zone: TimeZone = CampaignZone.current) {
        self.zone = zone
        style = Date.ISO8601FormatStyle(timeSeparator: .colon, timeZoneSeparator: .colon, includingFractionalSeconds: false, timeZone: zone)
    }

    /// The moment in `zone`, with its offset (`Z` for UTC).
    public func show(_ timestamp: Timestamp) -> String {
        timestamp.date.formatted(style)
    }
}
