import Foundation
import CryptCheckModel

/// LS-0003: key size to security strength, and which strength is required when.
public struct StrengthRequirements: Sendable {
    public let header: DocumentHeader
    public let levels: [Int]
    public let levelsEvidence: EvidenceLevel
    public let families: [StrengthFamily]
    public let curveStrengths: [CurveStrength]
    public let windows: [StrengthWindow]

    /// The family table for a name (`rsa`, `ffc`, `ecc`, `symmetric`, `hash`).
    public func family(_ name: StrengthFamily.Name) -> StrengthFamily? {
        families.first { $0.name == name }
    }

    /// The window a date falls in.
    public func window(at date: Date) -> StrengthWindow? {
        windows.first { $0.contains(date) }
    }
}

/// A key-size-to-strength table for one family of algorithms.
public struct StrengthFamily: Sendable {
    public enum Name: String, Sendable, Codable, CaseIterable {
        case rsa, ffc, ecc, symmetric, hash
    }

    public struct Row: Sendable, Hashable {
        public let size: Int
        public let strength: Int
    }

    public let name: Name
    public let rows: [Row]
    public let below: Int
    public let evidence: EvidenceLevel

    /// The strength of a key of `size` bits: the largest row reached.
    public func strength(ofSize size: Int) -> Int {
        rows.last { size >= $0.size }?.strength ?? below
    }
}

/// A curve whose strength is set explicitly.
public struct CurveStrength: Sendable, Hashable {
    public let curve: String
    public let strength: Int
    public let evidence: EvidenceLevel
    public let derived: Bool
    public let note: String
}

/// A period during which a given strength is required.
public struct StrengthWindow: Sendable, Hashable {
    public let from: Date?
    public let until: Date?
    public let required: Int
    public let evidence: EvidenceLevel
    public let note: String

    /// Whether the calendar day of `date` (UTC) lies in the window, both ends inclusive.
    public func contains(_ date: Date) -> Bool {
        let day = CalendarDay(date)
        if let from, day < CalendarDay(from) { return false }
        if let until, day > CalendarDay(until) { return false }
        return true
    }
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
