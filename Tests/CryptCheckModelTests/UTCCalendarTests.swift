import CryptCheckModel
import Foundation
import Testing

/// The date arithmetic used on every certificate agrees with Foundation's calendar.
@Suite("UTC calendar arithmetic")
struct UTCCalendarTests {
    @Test func dayOfDateAgreesWithTheCalendarFrom1600To2400() {
        var checked = 0
        // Every 7th day across 800 years, before and after 1970, at the start, middle and last
        // second of the day.
        for days in stride(from: -135_000, to: 157_000, by: 7) {
            for offset in [0, 43_200, 86_399] {
                let date = Date(timeIntervalSince1970: TimeInterval(days * 86_400 + offset))
                let parts = UTCCalendar.gregorian.dateComponents([.year, .month, .day], from: date)
                let day = UTCCalendar.day(of: date)
                #expect(day.year == parts.year && day.month == parts.month && day.day == parts.day, "\(date)")
                #expect(UTCCalendar.daysSinceEpoch(year: day.year, month: day.month, day: day.day) == days)
                checked += 1
            }
        }
        #expect(checked > 120_000)
    }

    @Test func validity() {
        #expect(UTCCalendar.isValid(year: 2024, month: 2, day: 29))
        #expect(UTCCalendar.isValid(year: 2000, month: 2, day: 29))
        #expect(!UTCCalendar.isValid(year: 1900, month: 2, day: 29))
        #expect(!UTCCalendar.isValid(year: 2023, month: 2, day: 29))
        #expect(!UTCCalendar.isValid(year: 2023, month: 4, day: 31))
        #expect(!UTCCalendar.isValid(year: 2023, month: 13, day: 1))
        #expect(!UTCCalendar.isValid(year: 2023, month: 1, day: 0))
    }
}
