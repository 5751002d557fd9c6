/// The attacks the scanner tries on the wire (issue 17, the active checks), by name: the
/// finding's item is the name.
package struct ActiveAttack: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    package let rawValue: String
    package init(rawValue: String) { self.rawValue = rawValue }

    /// CVE-2014-0160: a HeartbeatRequest whose payload_length is larger than its payload.
    package static let heartbleed = Self(rawValue: "heartbleed")
    /// CVE-2014-0224: a ChangeCipherSpec right after the server's first flight.
    package static let ccsInjection = Self(rawValue: "ccs-injection")
    /// Return Of Bleichenbacher's Oracle Threat: malformed PKCS#1 v1.5 premaster secrets.
    package static let robot = Self(rawValue: "robot")
    /// POODLE against TLS (CVE-2014-8730): a CBC record whose MAC is right and whose padding is
    /// not is taken (the padding is not checked, as SSL 3.0 allowed).
    package static let tlsPoodle = Self(rawValue: "tls-poodle")
    /// RFC 5746 not offered back: a renegotiation can be spliced onto a client's handshake.
    package static let insecureRenegotiation = Self(rawValue: "insecure-renegotiation")
    /// The server renegotiates when the client asks (a cheap way to make it do handshakes).
    package static let clientRenegotiation = Self(rawValue: "client-renegotiation")
    /// CVE-2016-9244: a session ID shorter than 32 bytes offered with a ticket comes back
    /// padded to 32 with the server's memory.
    package static let ticketbleed = Self(rawValue: "ticketbleed")

    /// The checks in the order they are reported.
    package static let all: [Self] = [
        .heartbleed, .ccsInjection, .robot, .tlsPoodle, .insecureRenegotiation, .clientRenegotiation, .ticketbleed,
    ]

    /// The name people know the attack by (`Heartbleed`, `ROBOT`).
    package var displayName: String {
        switch self {
        case .heartbleed: "Heartbleed"
        case .ccsInjection: "CCS injection"
        case .robot: "ROBOT"
        case .tlsPoodle: "POODLE against TLS"
        case .insecureRenegotiation: "insecure renegotiation"
        case .clientRenegotiation: "client-initiated renegotiation"
        case .ticketbleed: "Ticketbleed"
        default: rawValue
        }
    }

    /// The CVE the attack is filed under, when it has one.
    package var cve: String? {
        switch self {
        case .heartbleed: "CVE-2014-0160"
        case .ccsInjection: "CVE-2014-0224"
        case .robot: "CVE-2017-13099 and others"
        case .tlsPoodle: "CVE-2014-8730 and others"
        case .insecureRenegotiation: "CVE-2009-3555"
        case .clientRenegotiation: "CVE-2011-1473"
        case .ticketbleed: "CVE-2016-9244"
        default: nil
        }
    }

    package var description: String { rawValue }
    package static func < (lhs: Self, rhs: Self) -> Bool {
        (all.firstIndex(of: lhs) ?? all.count, lhs.rawValue) < (all.firstIndex(of: rhs) ?? all.count, rhs.rawValue)
    }

    package init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// What one active check concluded. "Not vulnerable" only ever follows a probe that ran to its
/// end and saw the answer that rules the attack out; a probe that failed is `couldNotTest`.
package enum AttackVerdict: String, Sendable, Hashable, Codable {
    case vulnerable
    case notVulnerable = "not-vulnerable"
    /// The probe started but did not see an answer that decides (dropped, timed out, its
    /// prerequisite handshake failed).
    case couldNotTest = "could-not-test"
    /// The prerequisite is absent (no heartbeat extension, no RSA key transport, TLS 1.3 only).
    case notApplicable = "not-applicable"
    /// Active checks were turned off (`--no-active`).
    case notRun = "not-run"
}

/// One active check of an endpoint: the verdict and what was seen (sizes, alert names, how the
/// connection ended; never the server's bytes).
package struct AttackProbeResult: Sendable, Hashable, Codable {
    package var attack: ActiveAttack
    package var verdict: AttackVerdict
    /// What was seen, or why the check could not decide or did not apply.
    package var evidence: String
    /// The stable code of the failure when the check could not test; `nil` otherwise.
    package var code: ErrorCode?

    package init(attack: ActiveAttack, verdict: AttackVerdict, evidence: String, code: ErrorCode? = nil) {
        self.attack = attack
        self.verdict = verdict
        self.evidence = evidence
        self.code = verdict == .couldNotTest ? code : nil
    }
}
