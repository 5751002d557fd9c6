import CryptCheckModel
import Foundation

/// What one evaluation judges against: a ciphers list, optionally LS-0003 and GL-3001, a date.
public struct Policy: Sendable {
    public let list: CiphersList
    public let strength: StrengthRequirements?
    public let guideline: TLSGuideline?
    /// The day judged at (strength windows, certificate validity).
    public let asOf: Date
    /// The GL-3001 profile that decides protocol-version findings (`recommended` by default,
    /// IPA's advice when there is no special requirement).
    public let targetProfile: String

    public init(list: CiphersList, strength: StrengthRequirements?, guideline: TLSGuideline?, asOf: Date,
                targetProfile: String = "recommended") {
        self.list = list
        self.strength = strength
        self.guideline = guideline
        self.asOf = asOf
        self.targetProfile = targetProfile
    }

    /// `YYYY-MM-DD` of the as-of day (UTC).
    public var asOfText: String { Self.dayText(asOf) }

    public static func dayText(_ date: Date) -> String {
        let day = CalendarDay(date)
        func padded(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(padded(day.year, 4))-\(padded(day.month, 2))-\(padded(day.day, 2))"
    }

    /// The strength LS-0003 requires on the as-of day, if known.
    public var requiredStrength: Int? { strength?.window(at: asOf)?.required }
}
