import CryptCheckModel
import Foundation
import Testing

@testable import CryptCheckPolicy

/// `Policy.dayText` writes digits itself (it runs twice for every certificate judged); it must
/// write what the `String`-padding version wrote for every day, the odd years included.
@Suite("Days are written as YYYY-MM-DD exactly as before")
struct DayTextTests {
    static func reference(_ date: Date) -> String {
        let (year, month, day) = UTCCalendar.day(of: date)
        func padded(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    static let days: [Double] = [
        0, 86_399, 86_400, 951_782_400, 1_764_460_800, 1_798_675_199, 4_102_444_800, 253_402_300_799, 253_402_300_800,
        -1, -86_400, -2_208_988_800, -62_135_596_800, -62_135_596_801, -62_167_219_200, -62_198_755_200, -62_300_000_000,
        32_503_680_000, 1e12, -1e12,
    ]

    @Test(arguments: days)
    func sameTextAsThePaddedStrings(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(Policy.dayText(date) == Self.reference(date))
    }
}
