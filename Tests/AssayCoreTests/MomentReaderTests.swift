import AssayCore
import Foundation
import Testing

/// Every command reads times through one reader: in the campaign's zone unless an offset is
/// given, and never a date or time that does not exist.
@Suite("Reading a moment")
struct MomentReaderTests {
    static let beijing = MomentReader(zone: TimeZone(identifier: "Asia/Shanghai")!)

    @Test("a time without an offset is in the campaign's zone; with one, it is exact", arguments: [
        ("2022-03-21T09:00", "2022-03-21T01:00:00Z"),
        ("2022-03-21T09:00:30", "2022-03-21T01:00:30Z"),
        ("2022-03-21 09:00", "2022-03-21T01:00:00Z"),
        ("2022-03-21T09:00:00+08:00", "2022-03-21T01:00:00Z"),
        ("2022-03-21T09:00:00+0800", "2022-03-21T01:00:00Z"),
        ("2022-03-21T01:00:00Z", "2022-03-21T01:00:00Z"),
        ("2022-03-21T01:00:00-05:30", "2022-03-21T06:30:00Z"),
        ("2024-02-29T23:59:59", "2024-02-29T15:59:59Z"),
        ("2000-02-29T08:00", "2000-02-29T00:00:00Z"),
    ])
    func reads(_ text: String, _ utc: String) throws {
        #expect(try Self.beijing.read(text).description == utc)
    }

    @Test("milliseconds are kept")
    func fractions() throws {
        #expect(try Self.beijing.read("2022-03-21T09:00:00.25+08:00").milliseconds % 1000 == 250)
    }

    @Test("an impossible date or time is refused, saying what is wrong", arguments: [
        ("2022-02-30T09:00", "'2022-02-30T09:00' is not a real time: February 2022 has 28 days"),
        ("2022-04-31T09:00:00+08:00", "'2022-04-31T09:00:00+08:00' is not a real time: April 2022 has 30 days"),
        ("1900-02-29T09:00", "'1900-02-29T09:00' is not a real time: February 1900 has 28 days"),
        ("2022-13-01T09:00", "'2022-13-01T09:00' is not a real time: there is no month 13"),
        ("2022-03-01T24:00", "'2022-03-01T24:00' is not a real time: the hour is 00 to 23, not 24"),
        ("2022-03-01T09:60", "'2022-03-01T09:60' is not a real time: the minute is 00 to 59, not 60"),
        ("2022-03-01T09:00:61Z", "'2022-03-01T09:00:61Z' is not a real time: the second is 00 to 59, not 61"),
    ])
    func impossible(_ text: String, _ message: String) {
        #expect(throws: MomentError.self) { try Self.beijing.read(text) }
        #expect((try? Self.beijing.read(text)) == nil)
        do {
            _ = try Self.beijing.read(text)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("a day alone is not a moment, and what is not a time says how to write one", arguments: [
        ("2022-03-21", "'2022-03-21' is a day, not a moment; give the time too, such as 2022-03-21T09:00"),
        ("2022-03-21T9:00", "'2022-03-21T9:00' is not a time; write 2022-03-21T09:00 (in Asia/Shanghai) or with its offset, 2022-03-21T09:00:00+08:00"),
        ("2022-03-21T09:00+8", "'2022-03-21T09:00+8' is not a time; write 2022-03-21T09:00 (in Asia/Shanghai) or with its offset, 2022-03-21T09:00:00+08:00"),
        ("next tuesday", "'next tuesday' is not a time; write 2022-03-21T09:00 (in Asia/Shanghai) or with its offset, 2022-03-21T09:00:00+08:00"),
    ])
    func notMoments(_ text: String, _ message: String) {
        do {
            _ = try Self.beijing.read(text)
            Issue.record("'\(text)' was read as a moment")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("as of a day means its last moment; an impossible day is named as written")
    func asOfADay() throws {
        #expect(try Self.beijing.readAsOf("2022-03-21").description == "2022-03-21T15:59:59Z")
        #expect(try Self.beijing.readAsOf("2022-03-21T09:00") == Self.beijing.read("2022-03-21T09:00"))
        #expect(throws: MomentError.impossible("2022-02-30", "February 2022 has 28 days")) { try Self.beijing.readAsOf("2022-02-30") }
    }

    @Test("a local time the clocks skipped is refused; the same time with its offset is read")
    func daylightSaving() throws {
        let newYork = MomentReader(zone: TimeZone(identifier: "America/New_York")!)
        #expect(throws: MomentError.skipped("2022-03-13T02:30", zone: "America/New_York")) { try newYork.read("2022-03-13T02:30") }
        #expect(try newYork.read("2022-03-13T02:30:00-05:00").description == "2022-03-13T07:30:00Z")
    }

    @Test("the campaign's zone is China Standard Time by default, not the machine's")
    func campaignZone() {
        if ProcessInfo.processInfo.environment[CampaignZone.setting] == nil {
            #expect(CampaignZone.current.identifier == "Asia/Shanghai")
            #expect(MomentReader().zone.identifier == "Asia/Shanghai")
        }
    }
}
