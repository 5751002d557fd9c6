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
        return String(format: "%04d-%02d-%02d", day.year, day.month, day.day)
    }

    /// The strength LS-0003 requires on the as-of day, if known.
    public var requiredStrength: Int? { strength?.window(at: asOf)?.required }
}
