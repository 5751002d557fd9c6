import CryptCheckModel

/// One reason a TLS endpoint fails a GL-3001 profile, is undecided on it, or gets a should-level
/// note, as facts: a report words it in its own language from `kind` and the fields, and
/// `english` is the sentence `ProfileResult.reasons` and `advisories` carry.
package struct ProfileReason: Sendable, Hashable, Codable {
    package enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// `version` is required, and the probe of it failed (`detail`: why).
        case versionProbeFailed = "version-probe-failed"
        /// `version` is required but not accepted.
        case versionRequired = "version-required"
        /// `version` is accepted but the profile does not allow it.
        case versionNotAllowed = "version-not-allowed"
        /// `item`'s strength is beyond LS-0003's table for the end of operation (`detail`: the sentence).
        case strengthUnknown = "strength-unknown"
        /// `item`'s strength (`bits`) is below `floor` (`until`: the end of operation LS-0003 rejects it for).
        case strengthBelow = "strength-below"
        /// `item` (a suite) under `version` has no forward secrecy.
        case noForwardSecrecy = "no-forward-secrecy"
        /// `item` (a suite) under `version` is not AEAD.
        case notAEAD = "not-aead"
        /// `item` (a suite) under `version` is not in the registry.
        case suiteUnknown = "suite-unknown"
        /// `item` (a suite) under `version` is prohibited (`detail`: by which classes).
        case suiteProhibited = "suite-prohibited"
        /// `item` (a suite) under `version` is neither recommended nor prohibited.
        case suiteNeither = "suite-neither"
        /// The certificate `item` is signed with the hash `detail`.
        case certificateHash = "certificate-hash"
        /// The server certificate `item` has a key (`detail`) of an algorithm not allowed (`allowed`).
        case certificateKeyAlgorithm = "certificate-key-algorithm"
        /// The server certificate `item` has a key (`detail`) below `floor` bits.
        case certificateKeySize = "certificate-key-size"
        /// The group `item` is not among the recommended groups.
        case groupNotRecommended = "group-not-recommended"
        /// The signature scheme `item` under `version` uses the hash `detail`.
        case schemeHash = "scheme-hash"
        /// `item` (a suite) under `version` was chosen by the server, which then did not complete
        /// the handshake: not accepted, not refused, and it would fail the profile if it were
        /// (`detail`: the reason it would give).
        case chosenThenFailed = "chosen-then-failed"
        /// `item` could not be observed (`detail`: the finding's message).
        case undecided
    }

    package var kind: Kind
    package var item: String?
    package var version: String?
    package var detail: String?
    package var bits: String?
    package var floor: Int?
    package var until: String?
    package var allowed: String?

    package init(
        _ kind: Kind, item: String? = nil, version: String? = nil, detail: String? = nil, bits: String? = nil, floor: Int? = nil,
        until: String? = nil, allowed: String? = nil
    ) {
        self.kind = kind
        self.item = item
        self.version = version
        self.detail = detail
        self.bits = bits
        self.floor = floor
        self.until = until
        self.allowed = allowed
    }

    /// The English sentence (as `ProfileResult.reasons` and `advisories` carry it).
    package var english: String {
        let item = item ?? "", version = version ?? "", detail = detail ?? ""
        switch kind {
        case .versionProbeFailed: return "\(version) probe failed: \(detail)"
        case .versionRequired: return "\(version) is required but not accepted"
        case .versionNotAllowed: return "\(version) is accepted but not allowed"
        case .strengthUnknown: return "\(item): \(detail)"
        case .strengthBelow:
            return "\(item): \(bits ?? "?")-bit strength < \(floor ?? 0)"
                + (until.map { " (LS-0003: not usable for operation until \($0))" } ?? "")
        case .noForwardSecrecy: return "\(item) under \(version) has no forward secrecy"
        case .notAEAD: return "\(item) under \(version) is not AEAD"
        case .suiteUnknown: return "\(item) under \(version) is not in the registry: its class is unknown"
        case .suiteProhibited: return "\(item) under \(version) is prohibited: \(detail)"
        case .suiteNeither: return "\(item) under \(version) is neither recommended nor prohibited (should-level)"
        case .certificateHash: return "certificate '\(item)' is signed with \(detail)"
        case .certificateKeyAlgorithm: return "server certificate '\(item)' has a \(detail) key (allowed: \(allowed ?? ""))"
        case .certificateKeySize: return "server certificate '\(item)' has a \(detail) key, below \(floor ?? 0) bits"
        case .groupNotRecommended: return "group \(item) is not among the recommended groups"
        case .schemeHash: return "signature scheme \(item) under \(version) uses \(detail)"
        case .chosenThenFailed:
            return "\(item) under \(version) was chosen by the server but the handshake did not complete; if accepted: \(detail)"
        case .undecided: return detail
        }
    }
}
