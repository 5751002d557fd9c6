/// How well a list fact is backed (the tags of the reference file: [C], [S], [M]).
/// Ordered from strongest to weakest; `weakest(of:)` picks what a verdict can claim.
package enum EvidenceLevel: String, Sendable, Codable, CaseIterable, Comparable {
    /// Stated in a CRYPTREC/IPA page or a faithful copy of a CRYPTREC table.
    case confirmed
    /// Stated by third-party sources citing the document; needs a primary check.
    case secondary
    /// Background knowledge, not found in any source.
    case unconfirmed

    private var rank: Int {
        switch self {
        case .confirmed: 0
        case .secondary: 1
        case .unconfirmed: 2
        }
    }

    package static func < (lhs: EvidenceLevel, rhs: EvidenceLevel) -> Bool { lhs.rank < rhs.rank }

    /// The weakest of several levels (`confirmed` for none).
    package static func weakest<S: Sequence>(of levels: S) -> EvidenceLevel where S.Element == EvidenceLevel {
        levels.max() ?? .confirmed
    }
}

/// The tier of a CRYPTREC Ciphers List that a technique is on.
package enum ListTier: String, Sendable, Codable, CaseIterable {
    /// e-Government Recommended Ciphers List (電子政府推奨暗号リスト).
    case recommended
    /// Candidate Recommended Ciphers List (推奨候補暗号リスト).
    case candidate
    /// Monitored Ciphers List (運用監視暗号リスト): compatibility only.
    case monitored
}

/// A primitive's standing on a list, including "not listed" and "not applicable".
package enum ListStatus: String, Sendable, Codable, CaseIterable, Comparable {
    case recommended, candidate, monitored
    case notListed = "not-listed"
    /// The list has no category for this kind of thing (a KDF, a protocol version).
    case notApplicable = "not-applicable"

    package init(_ tier: ListTier) {
        switch tier {
        case .recommended: self = .recommended
        case .candidate: self = .candidate
        case .monitored: self = .monitored
        }
    }

    /// Badness: higher is worse; `notApplicable` never decides.
    package var rank: Int {
        switch self {
        case .notApplicable: 0
        case .recommended: 1
        case .candidate: 2
        case .monitored: 3
        case .notListed: 4
        }
    }

    package static func < (lhs: ListStatus, rhs: ListStatus) -> Bool { lhs.rank < rhs.rank }
}
