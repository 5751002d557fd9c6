/// Everything observed about one TLS endpoint. Facts only; `nil` means "not observed".
package struct TLSEndpointObservation: Sendable, Hashable, Codable {
    package var host: String
    package var port: Int
    /// The server name sent in SNI, if any.
    package var serverName: String?
    /// The address actually connected to.
    package var address: String?
    /// The plaintext protocol upgraded to TLS before every probe; `nil` for TLS from the first
    /// byte, and in observations saved before STARTTLS was scanned.
    package var starttls: StartTLSProtocol?
    /// Whether any handshake got as far as a ServerHello, and if none did, what happened
    /// instead. `nil` in observations saved before it was recorded: then the versions decide.
    package var outcome: TLSEndpointOutcome?
    /// Whether each probed protocol version was accepted.
    package var versions: [VersionSupport]
    /// Accepted cipher suites, per accepted version.
    package var cipherSuites: [SuiteEnumeration]
    /// The SSLv2 cipher kinds the server offered back (SSLv2 has no suites); empty without SSLv2.
    package var sslv2CipherKinds: [SSLv2CipherKind]
    /// Accepted key-exchange groups; `nil` when not probed.
    package var groups: GroupEnumeration?
    /// Finite-field DH parameters the server used with DHE suites.
    package var dhParameters: [DHParameterFacts]
    /// Signature schemes the server signs with, per version probed (TLS 1.2: in the
    /// ServerKeyExchange; TLS 1.3: for CertificateVerify). Empty when not probed.
    package var signatureSchemes: [SchemeEnumeration]
    /// One chain per certificate type the server holds (e.g. RSA and ECDSA).
    package var certificateChains: [CertificateChain]
    /// Protocol features (secure renegotiation, compression, ...), by feature.
    package var features: [FeatureSupport]
    /// Probes that failed, with their reasons.
    package var failures: [String]
    /// The stable code of each of `failures`, in the same order; `nil` without failures or in
    /// observations saved before codes were recorded. A separate array, so that readers of
    /// `failures` as strings keep working.
    package var failureCodes: [ErrorCode]?
    /// The BOM asset this endpoint's protocol was declared by (`cryptcheck evaluate` of a
    /// CycloneDX BOM); `nil` for an endpoint that was scanned. A declared endpoint is named by
    /// its asset and judged by its versions and suites only.
    package var declared: DeclaredSource?
    /// The active attack checks (Heartbleed, CCS injection, ROBOT, renegotiation), one result
    /// each; `nil` when the scan made none (observations saved before they existed, declared
    /// endpoints, endpoints without a handshake).
    package var attacks: [AttackProbeResult]?
    /// Key and DH prime fingerprints for the attack checks; `nil` when not observed (and in
    /// observations saved before they were kept).
    package var hygiene: HygieneObservation?
    /// The certificate hygiene checks' facts (leaf extensions, OCSP stapling, SCTs); `nil` when
    /// not observed (and in observations saved before they were kept).
    package var certificateHygiene: CertificateHygieneObservation?

    package init(
        host: String, port: Int, serverName: String? = nil, address: String? = nil, outcome: TLSEndpointOutcome? = nil,
        versions: [VersionSupport] = [], cipherSuites: [SuiteEnumeration] = [],
        sslv2CipherKinds: [SSLv2CipherKind] = [], groups: GroupEnumeration? = nil, dhParameters: [DHParameterFacts] = [],
        signatureSchemes: [SchemeEnumeration] = [], certificateChains: [CertificateChain] = [],
        features: [FeatureSupport] = [], failures: [String] = [], failureCodes: [ErrorCode]? = nil
    ) {
        precondition(failureCodes == nil || failureCodes?.count == failures.count, "one code per failure")
        self.host = host
        self.port = port
        self.serverName = serverName
        self.address = address
        self.outcome = outcome
        self.versions = versions
        self.cipherSuites = cipherSuites
        self.sslv2CipherKinds = sslv2CipherKinds
        self.groups = groups
        self.dhParameters = dhParameters
        self.signatureSchemes = signatureSchemes
        self.certificateChains = certificateChains
        self.features = features
        self.failures = failures
        self.failureCodes = failures.isEmpty ? nil : failureCodes
    }

    /// True when some hello was answered with a ServerHello (an accepted version). Without
    /// one, nothing at the endpoint was observed and nothing about it may pass.
    package var completedHandshake: Bool {
        if let outcome, !outcome.isHandshake { return false }
        return versions.contains { $0.status == .yes }
    }

    /// What happened at an endpoint that completed no handshake; `nil` when one completed.
    /// Observations saved before the outcome was recorded get one from the version probes.
    package var noHandshakeOutcome: TLSEndpointOutcome? {
        guard !completedHandshake else { return nil }
        if let outcome, !outcome.isHandshake { return outcome }
        let failures = versions.compactMap { support -> (reason: String, code: ErrorCode?)? in
            if case .failed(let reason, let code) = support.status { return (reason, code) }
            return nil
        }
        if let first = failures.first { return TLSEndpointOutcome(kind: .failed, detail: first.reason, code: first.code) }
        return TLSEndpointOutcome(kind: .refused, detail: versions.isEmpty ? "no protocol version was probed" : nil)
    }

    /// The code of `failures[index]`; `nil` when the observation has no codes (saved before
    /// they were recorded) or fewer than `failures` (edited by hand).
    package func failureCode(at index: Int) -> ErrorCode? {
        guard let failureCodes, failureCodes.indices.contains(index) else { return nil }
        return failureCodes[index]
    }

    /// `host:port`, with IPv6 literals bracketed, after `PROTOCOL://` when a STARTTLS preamble
    /// ran (`smtp://127.0.0.1:25`).
    package var endpoint: String { declared?.name ?? Self.endpointName(host: host, port: port, starttls: starttls) }

    /// How an endpoint is named: `host:port`, `[IPv6]:port`, `smtp://host:port`.
    package static func endpointName(host: String, port: Int, starttls: StartTLSProtocol?) -> String {
        let plain = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        return starttls.map { "\($0.rawValue)://\(plain)" } ?? plain
    }
}

/// Whether one protocol version was accepted.
package struct VersionSupport: Sendable, Hashable, Codable {
    package var version: ProtocolVersion
    package var status: ProbeStatus
    package init(version: ProtocolVersion, status: ProbeStatus) {
        self.version = version
        self.status = status
    }
}

/// How the server picks among the client's suites.
package enum PreferenceOrder: String, Sendable, Codable {
    case server, client, unknown
}

/// The suites accepted under one protocol version.
package struct SuiteEnumeration: Sendable, Hashable, Codable {
    package var version: ProtocolVersion
    /// Accepted suites, in the server's preference order when `preference == .server`.
    package var accepted: [CipherSuite]
    package var preference: PreferenceOrder
    /// False when some probes failed, so suites may be missing.
    package var complete: Bool
    /// Why the enumeration is incomplete (the step that failed), when it is.
    package var failure: String?
    /// The stable code of `failure`; `nil` without one or in observations saved before codes
    /// were recorded.
    package var failureCode: ErrorCode?
    /// Suites the server chose in a ServerHello and whose first flight then did not come whole
    /// (TLS 1.0-1.2: no ServerHelloDone, no ServerKeyExchange where the suite needs one, or an
    /// alert or a close before it): not in `accepted`, and never counted as
    /// accepted. `nil` when there are none (and in observations saved before this was kept).
    package var chosenThenFailed: [ChosenThenFailed]?

    package init(
        version: ProtocolVersion, accepted: [CipherSuite], preference: PreferenceOrder = .unknown, complete: Bool = true,
        failure: String? = nil, failureCode: ErrorCode? = nil, chosenThenFailed: [ChosenThenFailed] = []
    ) {
        self.version = version
        self.accepted = accepted
        self.preference = preference
        self.complete = complete
        self.failure = failure
        self.failureCode = failure == nil ? nil : failureCode
        self.chosenThenFailed = chosenThenFailed.isEmpty ? nil : chosenThenFailed
    }
}

/// A suite the server chose, after which its handshake failed before the first flight was
/// whole: the configuration enables it, but no client was seen to get it.
package struct ChosenThenFailed: Sendable, Hashable, Codable {
    package var suite: CipherSuite
    /// What was seen, in order, and how it ended ("ServerHello, Certificate, then the
    /// connection closed without ServerKeyExchange or ServerHelloDone").
    package var seen: String
    package init(suite: CipherSuite, seen: String) {
        self.suite = suite
        self.seen = seen
    }
}

/// The key-exchange groups the server accepted.
package struct GroupEnumeration: Sendable, Hashable, Codable {
    /// Groups the server picked from the client's list: TLS 1.3 groups, curves of (EC)DHE
    /// suites, and RFC 7919 FFDHE groups of DHE suites in TLS 1.0-1.2.
    package var accepted: [NamedGroup]
    package var complete: Bool
    /// How the server picks the DH group of DHE suites in TLS 1.0-1.2; `nil` when it accepts
    /// no DHE suite there (or it was not probed).
    package var dheGroupSelection: DHEGroupSelection?
    package init(accepted: [NamedGroup], complete: Bool = true, dheGroupSelection: DHEGroupSelection? = nil) {
        self.accepted = accepted
        self.complete = complete
        self.dheGroupSelection = dheGroupSelection
    }
}

/// How a server picks the DH group of DHE suites before TLS 1.3.
package enum DHEGroupSelection: String, Sendable, Hashable, Codable {
    /// From the FFDHE groups in the client's supported_groups (RFC 7919); the groups it picks
    /// are in `GroupEnumeration.accepted`.
    case clientGroups = "client-groups"
    /// A prime of its own, whatever the client offers: there are no groups to negotiate, and
    /// the prime is judged by its size (`dhParameters`).
    case fixedPrime = "fixed-prime"
}

/// The signature schemes the server signs with under one protocol version.
package struct SchemeEnumeration: Sendable, Hashable, Codable {
    package var version: ProtocolVersion
    package var accepted: [SignatureScheme]
    package var complete: Bool
    package init(version: ProtocolVersion = .tlsv1_2, accepted: [SignatureScheme], complete: Bool = true) {
        self.version = version
        self.accepted = accepted
        self.complete = complete
    }
}

/// Finite-field DH parameters seen in a ServerKeyExchange.
package struct DHParameterFacts: Sendable, Hashable, Codable {
    package var primeBits: Int
    /// The well-known group the prime matches (`ffdhe2048`, `rfc3526-modp2048`), if any.
    package var knownGroup: String?
    package init(primeBits: Int, knownGroup: String? = nil) {
        self.primeBits = primeBits
        self.knownGroup = knownGroup
    }
}

/// One certificate chain as the server sent it, leaf first, with what verifying it showed.
package struct CertificateChain: Sendable, Hashable, Codable {
    package var certificates: [CertificateFacts]
    /// Whether a path to a trusted root was built (system store and `--ca-file`); `nil` if not checked.
    package var trusted: Bool?
    /// Why not, in OpenSSL's words.
    package var trustFailure: String?
    /// Whether the leaf names the host scanned; `nil` if not checked.
    package var hostnameMatches: Bool?
    /// Whether each certificate is followed by its issuer; `nil` if not checked.
    package var order: ChainOrder?
    /// Whether the server sent every certificate needed to reach a trust anchor (the root
    /// itself may be left out); `nil` if not known. When false, `missingIssuer` names the
    /// issuer that was neither sent nor found in the trust store.
    package var complete: Bool?
    package var missingIssuer: String?

    package init(
        certificates: [CertificateFacts], trusted: Bool? = nil, trustFailure: String? = nil,
        hostnameMatches: Bool? = nil, order: ChainOrder? = nil, complete: Bool? = nil, missingIssuer: String? = nil
    ) {
        self.certificates = certificates
        self.trusted = trusted
        self.trustFailure = trustFailure
        self.hostnameMatches = hostnameMatches
        self.order = order
        self.complete = complete
        self.missingIssuer = missingIssuer
    }
}

/// How the certificates a server sent fit together (RFC 5246 7.4.2, RFC 8446 4.4.2).
package enum ChainOrder: String, Sendable, Hashable, Codable {
    /// Leaf first, each certificate followed by the one that issued it.
    case ordered
    /// Every certificate belongs to the leaf's path, but not in issuing order.
    case outOfOrder = "out-of-order"
    /// Some certificates do not belong to the leaf's path at all.
    case unrelated = "unrelated-certificates"

    /// Classifies certificates by subject and issuer names, leaf first.
    package static func of(_ certificates: [CertificateFacts]) -> ChainOrder {
        guard certificates.count > 1 else { return .ordered }
        let inOrder = zip(certificates, certificates.dropFirst()).allSatisfy { $0.issuer == $1.subject && !$0.isSelfSigned }
        if inOrder { return .ordered }
        // Follow the issuer links from the leaf through whatever was sent.
        var onPath: Set<Int> = [0]
        var current = 0
        while !certificates[current].isSelfSigned,
            let next = certificates.indices.first(where: {
                !onPath.contains($0) && certificates[$0].subject == certificates[current].issuer
            })
        {
            onPath.insert(next)
            current = next
        }
        return onPath.count == certificates.count ? .outOfOrder : .unrelated
    }
}

/// Support for one protocol feature (e.g. `secure-renegotiation`, `compression`).
package struct FeatureSupport: Sendable, Hashable, Codable {
    package var feature: ProtocolFeature
    package var status: FeatureStatus
    /// What was seen beside yes or no, for the session features (the ALPN protocol selected, a
    /// ticket's lifetime hint, max_early_data_size); `nil` for the others.
    package var detail: String?
    /// The `alpn` feature only: each candidate protocol offered alone. `nil` for the other
    /// features, and in observations saved before the enumeration existed.
    package var alpn: ALPNEnumeration?
    package init(feature: ProtocolFeature, status: FeatureStatus, detail: String? = nil, alpn: ALPNEnumeration? = nil) {
        self.feature = feature
        self.status = status
        self.detail = detail
        self.alpn = alpn
    }
}
