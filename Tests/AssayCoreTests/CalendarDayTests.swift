@testable import AssayCore
import Foundation
import Testing

@Suite("Calendar days")
struct CalendarDayTests {
    /// Every day of 1583–1602 and 1896–2104 (leap years, the century years 1600, 1700, 1900,
    /// 2000 and 2100), and each month's 1st, 28th–31st up to 9999: the start counted in days
    /// is the one Foundation's calendar gives, and so are the days that do not exist.
    @Test("a day's start is Foundation's, and a day that does not exist is refused as Foundation refuses it")
    func startsAsFoundationCounts() {
        var years = Array(1583...1602) + Array(1896...2104)
        years += stride(from: 1603, through: 9999, by: 97).map { $0 } + [1700, 1800, 2400, 9999]
        var compared = 0, refused = 0
        for year in years {
            for month in 0...13 {
                let days = (1896...2104).contains(year) || year < 1603 ? Array(0...32) : [0, 1, 28, 29, 30, 31, 32]
                for day in days {
                    let text = String(format: "%04d-%02d-%02d", year, month, day)
                    let expected = CalendarDay.foundationStart(year: year, month: month, day: day)
                    #expect(CalendarDay(text)?.start == expected, "\(text)")
                    compared += 1
                    if expected == nil { refused += 1 }
                }
            }
        }
        #expect(compared > 100_000)
        #expect(refused > 10_000)
    }

    @Test("a day is its digits with two dashes, and its end is the last millisecond before the next day's start")
    func writtenInDigits() throws {
        for text in ["2022-+3-05", "2022-03-5", "2022/03/05", "22-03-05", "２０２２-03-05", "2022-03-05 ", "", "2022-02-29", "2021-13-01"] {
            #expect(CalendarDay(text) == nil, "\(text)")
        }
        let day = try #require(CalendarDay("2024-02-29"))
        #expect(day.start.description == "2024-02-28T16:00:00Z")
        #expect(day.end.milliseconds + 1 == CalendarDay("2024-03-01")?.start.milliseconds)
        #expect(CalendarDay("1500-02-29") != nil, "before 1583 Foundation's Julian days stand")
    }
}
