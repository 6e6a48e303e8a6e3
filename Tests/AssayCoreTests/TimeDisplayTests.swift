import AssayCore
import Foundation
import Testing

/// Every command shows moments through one display: RFC 3339 to the second, in one zone, with
/// that zone's offset, as Foundation's `ISO8601DateFormatter` writes them.
@Suite("Showing a moment")
struct TimeDisplayTests {
    @Test("a moment is shown in its zone with the offset it had then, to the second, as ISO8601DateFormatter shows it",
          arguments: ["Asia/Shanghai", "UTC", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"])
    func showsAsFoundationDoes(_ name: String) throws {
        let zone = try #require(TimeZone(identifier: name))
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        formatter.formatOptions = [.withInternetDateTime, .withColonSeparatorInTimeZone]
        let display = TimeDisplay(zone: zone)
        // Around the campaigns' days, both sides of daylight-saving changes, a leap day, the
        // last millisecond of a second, and moments before 1970.
        // Between, 2,000 moments a prime number of milliseconds apart, from 1938 to 2065.
        let moments: [Int64] = [0, 999, -1, 1_646_096_400_000, 1_646_096_399_999, 1_709_251_199_999, 1_678_604_400_000, 1_699_164_000_000, -62_135_596_800_000]
            + Array(stride(from: -1_000_000_000_000, to: 3_000_000_000_000, by: 1_999_999_937))
        for milliseconds in moments {
            let timestamp = Timestamp(milliseconds: milliseconds)
            #expect(display.show(timestamp) == formatter.string(from: timestamp.date), "\(name) \(milliseconds)")
        }
        #expect(TimeDisplay(zone: try #require(TimeZone(identifier: "Asia/Shanghai"))).show(Timestamp(milliseconds: 1_646_096_400_000)) == "2022-03-01T09:00:00+08:00")
        #expect(TimeDisplay(zone: try #require(TimeZone(identifier: "UTC"))).show(Timestamp(milliseconds: 1_646_096_400_000)) == "2022-03-01T01:00:00Z")
    }
}
