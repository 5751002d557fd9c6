import CryptCheckModel
import Foundation

/// What one evaluation judges against: a ciphers list, optionally LS-0003 and GL-3001, a date.
package struct Policy: Sendable {
    package let list: CiphersList
    package let strength: StrengthRequirements?
    package let guideline: TLSGuideline?
    /// The day judged at (certificate validity, the list in force).
    package let asOf: Date
    /// The planned end of the system's operation (`--operation-end`), by which LS-0003 judges
    /// strength; `nil` when not given, and then the as-of day is assumed (the shortest period:
    /// any longer operation can only need more).
    package let operationEnd: Date?
    /// The weakest strength LS-0003 accepts for new protection through the end of operation
    /// (GL-3001 profile floors follow it too), if known.
    package let requiredStrength: Int?
    /// The weakest strength acceptable without migration through the end of operation: where a
    /// migration leads and what remediations ask for, if known.
    package let targetStrength: Int?
    /// The GL-3001 profile that decides protocol-version findings (`recommended` by default,
    /// IPA's advice when there is no special requirement).
    package let targetProfile: String

    package init(
        list: CiphersList, strength: StrengthRequirements?, guideline: TLSGuideline?, asOf: Date,
        operationEnd: Date? = nil, targetProfile: String = "recommended"
    ) {
        self.list = list
        self.strength = strength
        self.guideline = guideline
        self.asOf = asOf
        self.operationEnd = operationEnd
        // Fixed for the policy: computed once, not for every strength judged.
        requiredStrength = strength?.requiredStrength(operationEnd: operationEnd ?? asOf)
        targetStrength = strength?.targetStrength(operationEnd: operationEnd ?? asOf)
        operationEndText = Self.dayText(operationEnd ?? asOf)
        asOfText = Self.dayText(asOf)
        self.targetProfile = targetProfile
    }

    /// The same policy for a system whose operation ends on `end` (`nil`: not given).
    package func operating(until end: Date?) -> Policy {
        Policy(list: list, strength: strength, guideline: guideline, asOf: asOf, operationEnd: end, targetProfile: targetProfile)
    }

    /// What the evaluation records about the end of operation.
    package var operationEndRecord: OperationEnd {
        OperationEnd(date: operationEndText, given: operationEnd != nil)
    }

    /// `YYYY-MM-DD` of the as-of day (UTC).
    package let asOfText: String

    /// `YYYY-MM-DD` (UTC; a year past 9999 in full, each part zero-padded to its width before
    /// any sign). Written digit by digit: two per certificate judged.
    package static func dayText(_ date: Date) -> String {
        let day = CalendarDay(date)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(11)
        func digits(_ value: Int, width: Int) {
            let sign = value < 0 ? 1 : 0
            for _ in 0..<max(0, width - DecimalText.digitCount(value.magnitude) - sign) { bytes.append(UInt8(ascii: "0")) }
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            DecimalText.append(value.magnitude, to: &bytes)
        }
        digits(day.year, width: 4)
        bytes.append(UInt8(ascii: "-"))
        digits(day.month, width: 2)
        bytes.append(UInt8(ascii: "-"))
        digits(day.day, width: 2)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The end of operation strength is judged by: the given one, else the as-of day.
    package var judgedOperationEnd: Date { operationEnd ?? asOf }

    /// `YYYY-MM-DD` of the end of operation judged by.
    package let operationEndText: String

}

/// The planned end of the system's operation that strength was judged by, and whether it was
/// given or assumed (recorded in every output).
package struct OperationEnd: Sendable, Hashable, Codable {
    /// `YYYY-MM-DD`.
    package var date: String
    /// False when `--operation-end` was not given and the as-of day was assumed.
    package var given: Bool
    /// What was assumed, when nothing was given.
    package var assumption: String?

    package init(date: String, given: Bool) {
        self.date = date
        self.given = given
        self.assumption =
            given
            ? nil
            : "no end of operation was given (--operation-end): the as-of day is assumed, the shortest operating period; "
                + "a system that runs longer may need stronger keys"
    }

    /// `YYYY` (the last day of that year) or `YYYY-MM-DD`, as `--operation-end` takes it.
    package static func parse(_ text: String) -> Date? {
        if text.count == 4, text.allSatisfy(\.isASCII), let year = Int(text), year >= 1000 {
            return PolicySelection.parseDay("\(text)-12-31")
        }
        return PolicySelection.parseDay(text)
    }
}
