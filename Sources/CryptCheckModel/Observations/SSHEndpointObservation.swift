import Foundation

/// Everything observed about one SSH endpoint. Facts only; `nil` means "not observed".
package struct SSHEndpointObservation: Sendable, Hashable, Codable {
    package var host: String
    package var port: Int
    /// The address actually connected to.
    package var address: String?
    /// Whether the server spoke SSH at all, and if not, what happened instead.
    package var outcome: SSHEndpointOutcome
    /// The server's identification string (`SSH-2.0-OpenSSH_9.2p1 Debian-2`), without its line
    /// end, escaped with `EscapedText` (it is the server's free text).
    package var identification: String?
    /// The server's KEXINIT lists as it sent them.
    package var kexInit: SSHKexInitFacts?
    /// Each advertised algorithm, offered alone: accepted, refused, or not determined.
    package var algorithms: [SSHAlgorithmSupport]
    /// One entry per host-key algorithm the server advertises: the key it showed and whether
    /// its signature over the exchange hash verified.
    package var hostKeys: [SSHHostKeyFacts]
    /// The primes the server chose in group exchanges, per request.
    package var groupExchange: [SSHGroupExchangeFacts]
    /// Connections the scan of this endpoint opened.
    package var connections: Int
    /// How long the scan of this endpoint took, in milliseconds.
    package var durationMilliseconds: Int
    /// Probes that failed, with their reasons, and the code of each.
    package var failures: [String]
    package var failureCodes: [ErrorCode]
    /// The BOM asset this endpoint was declared by (`cryptcheck evaluate` of a CycloneDX BOM);
    /// `nil` for an endpoint that was scanned. A declared endpoint is named by its asset, and
    /// its host keys were never proved by a signature.
    package var declared: DeclaredSource?

    package init(host: String, port: Int, outcome: SSHEndpointOutcome) {
        self.host = host
        self.port = port
        self.outcome = outcome
        algorithms = []
        hostKeys = []
        groupExchange = []
        connections = 0
        durationMilliseconds = 0
        failures = []
        failureCodes = []
    }

    /// `host:port`, with an IPv6 address in brackets.
    package var endpoint: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// How findings, reports and the store name the endpoint: `ssh://host:port`, apart from a
    /// TLS endpoint on the same host and port.
    package var subject: String { declared?.name ?? "ssh://" + endpoint }

    /// Whether the enumeration stopped before every probe was made (the endpoint's time budget
    /// ran out): what was seen is reported, the rest is not observed.
    package var cutShort: Bool { failureCodes.contains(.connectionBudgetExhausted) }
}

/// Whether the server spoke SSH, and if not, why.
package struct SSHEndpointOutcome: Sendable, Hashable, Codable {
    package enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The server sent its identification and KEXINIT.
        case kexInit = "kex-init"
        case unresolved
        case unreachable
        /// The server answered with something that is not SSH 2.0.
        case notSSH = "not-ssh"
        /// The server sent nothing, or closed, before its KEXINIT.
        case silent
        /// The server's identification or first packet was malformed or too large.
        case malformed
    }

    package var kind: Kind
    package var detail: String?
    package var code: ErrorCode?

    package init(kind: Kind, detail: String? = nil, code: ErrorCode? = nil) {
        self.kind = kind
        self.detail = detail
        self.code = code
    }

    /// True when the server's algorithm lists were observed.
    package var isObserved: Bool { kind == .kexInit }
}

/// A server's SSH_MSG_KEXINIT (RFC 4253 7.1): every name-list, names escaped.
package struct SSHKexInitFacts: Sendable, Hashable, Codable {
    package var kexAlgorithms: [String]
    package var hostKeyAlgorithms: [String]
    package var ciphersClientToServer: [String]
    package var ciphersServerToClient: [String]
    package var macsClientToServer: [String]
    package var macsServerToClient: [String]
    package var compressionClientToServer: [String]
    package var compressionServerToClient: [String]
    package var languagesClientToServer: [String]
    package var languagesServerToClient: [String]
    package var firstKexPacketFollows: Bool
    /// `kex-strict-s-v00@openssh.com` among the key exchanges (the Terrapin countermeasure).
    package var strictKex: Bool
    /// `ext-info-s` among the key exchanges (RFC 8308).
    package var extInfo: Bool

    package init(
        kexAlgorithms: [String], hostKeyAlgorithms: [String], ciphersClientToServer: [String], ciphersServerToClient: [String],
        macsClientToServer: [String], macsServerToClient: [String], compressionClientToServer: [String],
        compressionServerToClient: [String], languagesClientToServer: [String] = [], languagesServerToClient: [String] = [],
        firstKexPacketFollows: Bool = false
    ) {
        self.kexAlgorithms = kexAlgorithms
        self.hostKeyAlgorithms = hostKeyAlgorithms
        self.ciphersClientToServer = ciphersClientToServer
        self.ciphersServerToClient = ciphersServerToClient
        self.macsClientToServer = macsClientToServer
        self.macsServerToClient = macsServerToClient
        self.compressionClientToServer = compressionClientToServer
        self.compressionServerToClient = compressionServerToClient
        self.languagesClientToServer = languagesClientToServer
        self.languagesServerToClient = languagesServerToClient
        self.firstKexPacketFollows = firstKexPacketFollows
        strictKex = kexAlgorithms.contains(Self.strictKexMarker)
        extInfo = kexAlgorithms.contains(Self.extInfoMarker)
    }

    package static let strictKexMarker = "kex-strict-s-v00@openssh.com"
    package static let extInfoMarker = "ext-info-s"

    /// Whether a name in the key-exchange list is a marker, not a method (strict KEX, ext-info).
    package static func isMarker(_ name: String) -> Bool {
        name == strictKexMarker || name == extInfoMarker || name == "kex-strict-c-v00@openssh.com" || name == "ext-info-c"
            || name == "kexguess2@matt.ucc.asn.au"
    }
}

/// One algorithm, offered alone in its list.
package struct SSHAlgorithmSupport: Sendable, Hashable, Codable {
    package var category: SSHAlgorithmCategory
    package var name: String
    /// `yes`: the server went on with the exchange; `no`: it disconnected; `failed`: neither
    /// was seen (why, and its code).
    package var accepted: ProbeStatus
    /// What the acceptance rests on when it is less than a completed exchange (a post-quantum
    /// hybrid: the server's reply to the scanner's share, with neither the shared secret nor the
    /// signature computed); `nil` when the exchange was completed as far as the probe goes.
    package var evidence: String?

    package init(category: SSHAlgorithmCategory, name: String, accepted: ProbeStatus, evidence: String? = nil) {
        self.category = category
        self.name = name
        self.accepted = accepted
        self.evidence = evidence
    }
}

/// The host key a server showed for one host-key algorithm.
package struct SSHHostKeyFacts: Sendable, Hashable, Codable {
    /// The host-key algorithm offered alone (`rsa-sha2-512`, `ssh-ed25519-cert-v01@openssh.com`).
    package var algorithm: String
    /// The key exchange that carried it.
    package var keyExchange: String?
    /// The key's type name in its blob (`ssh-rsa`, `ssh-ed25519-cert-v01@openssh.com`).
    package var keyType: String?
    /// The key (for a certificate: the certified key).
    package var key: KeyFacts?
    /// `SHA256:` and the unpadded base64 of the SHA-256 of the key blob, as `ssh-keygen -l`.
    package var fingerprint: String?
    /// The certificate, for `*-cert-v01@openssh.com`.
    package var certificate: SSHCertificateFacts?
    /// The signature type the server used (`rsa-sha2-512`).
    package var signatureAlgorithm: String?
    /// Whether the signature over the exchange hash verified with the key; `nil` when no
    /// signature was checked.
    package var signatureVerified: Bool?
    /// Why the key or its signature was not observed.
    package var failure: String?
    package var failureCode: ErrorCode?

    package init(algorithm: String) { self.algorithm = algorithm }

    /// Whether the key was observed and proved by a verified signature.
    package var isObserved: Bool { key != nil && signatureVerified == true }
}

/// The group a server chose for one group-exchange request (RFC 4419).
package struct SSHGroupExchangeFacts: Sendable, Hashable, Codable {
    package var keyExchange: String
    package var minimum: Int
    package var preferred: Int
    package var maximum: Int
    /// The size of the prime the server sent, in bits.
    package var primeBits: Int?
    /// The generator, when it is small enough to print (it nearly always is 2 or 5).
    package var generator: Int?
    package var failure: String?
    package var failureCode: ErrorCode?

    package init(keyExchange: String, minimum: Int, preferred: Int, maximum: Int) {
        self.keyExchange = keyExchange
        self.minimum = minimum
        self.preferred = preferred
        self.maximum = maximum
    }
}
