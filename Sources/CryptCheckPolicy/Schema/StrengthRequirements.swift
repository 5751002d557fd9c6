import CryptCheckModel
import Foundation

/// LS-0003: key size to security strength, and which strength is required when.
package struct StrengthRequirements: Sendable {
    package let header: DocumentHeader
    package let levels: [Int]
    package let levelsEvidence: EvidenceLevel
    package let families: [StrengthTable]
    package let curveStrengths: [CurveStrength]
    /// The levels' standing by end of operation, weakest level first.
    package let periods: [StrengthPeriod]
    /// The days on which some level's standing changes (every `usableThrough`/`migrationThrough`
    /// plus one day, every `unusableFrom`), ascending.
    package var deadlines: [Date] {
        let day: TimeInterval = 86_400
        let days = periods.flatMap { period in
            [period.usableThrough.map { $0 + day }, period.migrationThrough.map { $0 + day }, period.unusableFrom].compactMap { $0 }
        }
        return Array(Set(days)).sorted()
    }

    /// The family table for a name (`rsa`, `ffc`, `ecc`, `symmetric`, `hash`).
    package func family(_ name: StrengthFamily) -> StrengthTable? {
        families.first { $0.name == name }
    }

    /// The period row that governs `strength`: the strongest level it reaches; `nil` below the
    /// weakest level (then it is not usable at all).
    package func period(for strength: Int) -> StrengthPeriod? {
        periods.last { strength >= $0.strength }
    }

    /// The standing of `strength` for a system whose operation ends on `end`, for `use`, and the
    /// day that decides it (the end of plain use or of the migration period, or the first day
    /// it is no longer usable).
    package func status(of strength: Int, operationEnd end: Date, use: StrengthUse) -> (status: StrengthStatus, deadline: Date?) {
        guard let period = period(for: strength) else { return (.notAcceptable, nil) }
        let day = CalendarDay(end)
        if let through = period.usableThrough, day <= CalendarDay(through) { return (.acceptable, through) }
        if let through = period.migrationThrough, day <= CalendarDay(through) { return (.migrationPeriod, through) }
        if let unusable = period.unusableFrom, day >= CalendarDay(unusable) {
            return (use == .existingData && period.existingDataTolerated ? .processingOnly : .notAcceptable, unusable)
        }
        return (.beyondTable, period.lastKnownDay)
    }

    /// The weakest level acceptable without migration for new protection through `end`: where a
    /// migration leads and what a remediation asks for; `nil` when the table covers no level that far.
    package func targetStrength(operationEnd end: Date) -> Int? {
        periods.first { status(of: $0.strength, operationEnd: end, use: .newProtection).status == .acceptable }?.strength
    }

    /// The weakest level usable (acceptable or in migration) for new protection through `end`;
    /// `nil` when the table covers no level that far.
    package func requiredStrength(operationEnd end: Date) -> Int? {
        periods.first { status(of: $0.strength, operationEnd: end, use: .newProtection).status.isUsable }?.strength
    }
}

/// A key-size-to-strength table for one family of algorithms.
package struct StrengthTable: Sendable {
    package struct Row: Sendable, Hashable {
        package let size: Int
        package let strength: Int
    }

    package let name: StrengthFamily
    package let rows: [Row]
    package let below: Int
    package let evidence: EvidenceLevel

    /// The strength of a key of `size` bits: the largest row reached.
    package func strength(ofSize size: Int) -> Int {
        rows.last { size >= $0.size }?.strength ?? below
    }
}

/// A curve whose strength is set explicitly.
package struct CurveStrength: Sendable, Hashable {
    package let curve: String
    package let strength: Int
    package let evidence: EvidenceLevel
    package let derived: Bool
    package let note: String
}

/// What LS-0003 says of one strength level, keyed by the day the system's operation ends
/// (cryptrec.md 8.2): usable through a day, then a migration-completion period (移行完遂期間)
/// through another, then not usable for new protection (利用不可). Processing existing data
/// (decrypt, verify) stays tolerated when `existingDataTolerated`.
package struct StrengthPeriod: Sendable, Hashable {
    package let strength: Int
    /// Last day of plain use; `nil` when the level is in its migration period from the start.
    package let usableThrough: Date?
    /// Last day of the migration-completion period, if the level has one.
    package let migrationThrough: Date?
    /// First day the level is not usable for new protection; `nil` when the table sets no end
    /// (then an operation ending after the last known day is beyond the table).
    package let unusableFrom: Date?
    package let existingDataTolerated: Bool
    package let evidence: EvidenceLevel
    package let note: String

    /// The last day the table says anything about this level.
    package var lastKnownDay: Date? { unusableFrom == nil ? (migrationThrough ?? usableThrough) : nil }
}

/// A level's standing for a system whose operation ends on a given day.
package enum StrengthStatus: String, Sendable, Codable, CaseIterable, Comparable {
    /// Usable for the whole operating period.
    case acceptable
    /// Usable, but in LS-0003's migration-completion period: migration must be done by the deadline.
    case migrationPeriod = "migration-period"
    /// Not usable for new protection, tolerated for processing existing data (処理のみ許容).
    case processingOnly = "processing-only"
    /// Not usable (利用不可).
    case notAcceptable = "not-acceptable"
    /// The operation ends after the last day LS-0003's table covers: not known.
    case beyondTable = "beyond-table"

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    package static func < (lhs: StrengthStatus, rhs: StrengthStatus) -> Bool { lhs.rank < rhs.rank }

    /// Whether a finding with this status can pass.
    package var isUsable: Bool { self == .acceptable || self == .migrationPeriod || self == .processingOnly }
}

/// What a key, cipher or hash is used for, where a finding can tell (LS-0003 distinguishes them).
package enum StrengthUse: String, Sendable, Codable, CaseIterable {
    /// Encrypting, signing, agreeing keys: protecting new data.
    case newProtection = "new-protection"
    /// Only decrypting or verifying data protected before (an expired certificate's key).
    case existingData = "existing-data"
}

/// A UTC calendar day, compared as (year, month, day).
struct CalendarDay: Comparable {
    let year: Int, month: Int, day: Int

    init(_ date: Date) {
        (year, month, day) = UTCCalendar.day(of: date)
    }

    static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}
