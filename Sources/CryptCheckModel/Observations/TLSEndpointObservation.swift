/// Everything observed about one TLS endpoint. Facts only; `nil` means "not observed".
public struct TLSEndpointObservation: Sendable, Hashable, Codable {
    public var host: String
    public var port: Int
    /// The server name sent in SNI, if any.
    public var serverName: String?
    /// The address actually connected to.
    public var address: String?
    /// Whether each probed protocol version was accepted.
    public var versions: [VersionSupport]
    /// Accepted cipher suites, per accepted version.
    public var cipherSuites: [SuiteEnumeration]
    /// Accepted key-exchange groups; `nil` when not probed.
    public var groups: GroupEnumeration?
    /// Finite-field DH parameters the server used with DHE suites.
    public var dhParameters: [DHParameterFacts]
    /// Signature schemes the server used or accepted; `nil` when not probed.
    public var signatureSchemes: SchemeEnumeration?
    /// One chain per certificate type the server holds (e.g. RSA and ECDSA).
    public var certificateChains: [CertificateChain]
    /// Protocol features (secure renegotiation, compression, ...), by feature.
    public var features: [FeatureSupport]
    /// Probes that failed, with their reasons.
    public var failures: [String]

    public init(
        host: String, port: Int, serverName: String? = nil, address: String? = nil,
        versions: [VersionSupport] = [], cipherSuites: [SuiteEnumeration] = [],
        groups: GroupEnumeration? = nil, dhParameters: [DHParameterFacts] = [],
        signatureSchemes: SchemeEnumeration? = nil, certificateChains: [CertificateChain] = [],
        features: [FeatureSupport] = [], failures: [String] = []
    ) {
        self.host = host
        self.port = port
        self.serverName = serverName
        self.address = address
        self.versions = versions
        self.cipherSuites = cipherSuites
        self.groups = groups
        self.dhParameters = dhParameters
        self.signatureSchemes = signatureSchemes
        self.certificateChains = certificateChains
        self.features = features
        self.failures = failures
    }

    /// `host:port`, with IPv6 literals bracketed.
    public var endpoint: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// Whether one protocol version was accepted.
public struct VersionSupport: Sendable, Hashable, Codable {
    public var version: ProtocolVersion
    public var status: ProbeStatus
    public init(version: ProtocolVersion, status: ProbeStatus) {
        self.version = version
        self.status = status
    }
}

/// How the server picks among the client's suites.
public enum PreferenceOrder: String, Sendable, Codable {
    case server, client, unknown
}

/// The suites accepted under one protocol version.
public struct SuiteEnumeration: Sendable, Hashable, Codable {
    public var version: ProtocolVersion
    /// Accepted suites, in the server's preference order when `preference == .server`.
    public var accepted: [CipherSuite]
    public var preference: PreferenceOrder
    /// False when some probes failed, so suites may be missing.
    public var complete: Bool

    public init(version: ProtocolVersion, accepted: [CipherSuite], preference: PreferenceOrder = .unknown, complete: Bool = true) {
        self.version = version
        self.accepted = accepted
        self.preference = preference
        self.complete = complete
    }
}

/// The key-exchange groups the server accepted.
public struct GroupEnumeration: Sendable, Hashable, Codable {
    public var accepted: [NamedGroup]
    public var complete: Bool
    public init(accepted: [NamedGroup], complete: Bool = true) {
        self.accepted = accepted
        self.complete = complete
    }
}

/// The signature schemes the server used or accepted.
public struct SchemeEnumeration: Sendable, Hashable, Codable {
    public var accepted: [SignatureScheme]
    public var complete: Bool
    public init(accepted: [SignatureScheme], complete: Bool = true) {
        self.accepted = accepted
        self.complete = complete
    }
}

/// Finite-field DH parameters seen in a ServerKeyExchange.
public struct DHParameterFacts: Sendable, Hashable, Codable {
    public var primeBits: Int
    /// The well-known group the prime matches (`ffdhe2048`, `rfc3526-modp2048`), if any.
    public var knownGroup: String?
    public init(primeBits: Int, knownGroup: String? = nil) {
        self.primeBits = primeBits
        self.knownGroup = knownGroup
    }
}

/// One certificate chain as the server sent it, leaf first, with what verifying it showed.
public struct CertificateChain: Sendable, Hashable, Codable {
    public var certificates: [CertificateFacts]
    /// Whether a path to a trusted root was built (system store and `--ca-file`); `nil` if not checked.
    public var trusted: Bool?
    /// Why not, in OpenSSL's words.
    public var trustFailure: String?
    /// Whether the leaf names the host scanned; `nil` if not checked.
    public var hostnameMatches: Bool?

    public init(certificates: [CertificateFacts], trusted: Bool? = nil, trustFailure: String? = nil,
                hostnameMatches: Bool? = nil) {
        self.certificates = certificates
        self.trusted = trusted
        self.trustFailure = trustFailure
        self.hostnameMatches = hostnameMatches
    }
}

/// Support for one protocol feature (e.g. `secure-renegotiation`, `compression`).
public struct FeatureSupport: Sendable, Hashable, Codable {
    public var feature: String
    public var status: ProbeStatus
    public init(feature: String, status: ProbeStatus) {
        self.feature = feature
        self.status = status
    }
}
