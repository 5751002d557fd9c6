import Foundation
import Testing

@testable import CryptCheckTLS

/// Chains are verified at the time the scan is judged at: now when judging as of today, else
/// noon (UTC) of the as-of day.
@Suite("Chains are verified now, or at noon of the as-of day")
struct VerificationTimeTests {
    static let midnight = Date(timeIntervalSince1970: 1_764_460_800)  // 2025-11-30T00:00:00Z

    @Test func todayIsVerifiedNow() {
        for seconds in [0.0, 1, 43_200, 86_399] {
            let now = Self.midnight.addingTimeInterval(seconds)
            #expect(TLSScanner.verificationTime(asOf: Self.midnight, now: now) == now)
        }
    }

    @Test func anotherDayIsVerifiedAtItsNoon() {
        for now in [Self.midnight.addingTimeInterval(86_400), Self.midnight.addingTimeInterval(-1), Date(timeIntervalSince1970: 0)] {
            #expect(TLSScanner.verificationTime(asOf: Self.midnight, now: now) == Self.midnight.addingTimeInterval(43_200))
        }
    }
}
