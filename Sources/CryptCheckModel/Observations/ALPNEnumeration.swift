/// The ALPN protocols (RFC 7301) a server accepts, each candidate offered alone: the list an
/// auditor asks for, where the one combined offer shows only the server's pick. A candidate
/// whose hello went wrong (a close, a timeout, a malformed answer, another alert) is kept
/// apart with its reason and never counted as not accepted.
package struct ALPNEnumeration: Sendable, Hashable, Codable {
    /// How the candidates were offered.
    package enum Method: String, Sendable, Hashable, Codable {
        /// A raw ClientHello per candidate, the ServerHello's ALPN extension read in the clear
        /// (TLS 1.0–1.2).
        case rawHello = "raw-hello"
        /// A full OpenSSL handshake per candidate (TLS 1.3 encrypts the selection), for a server
        /// that accepts no TLS 1.0–1.2.
        case fullHandshake = "full-handshake"
    }

    /// A candidate that could not be tested: why, for a person, and as a stable code.
    package struct Failure: Sendable, Hashable, Codable {
        package var protocolID: String
        package var reason: String
        package var code: ErrorCode?

        package init(protocolID: String, reason: String, code: ErrorCode?) {
            self.protocolID = protocolID
            self.reason = reason
            self.code = code
        }

        private enum CodingKeys: String, CodingKey {
            case protocolID = "protocol"
            case reason, code
        }
    }

    /// The version every candidate was offered under.
    package var version: ProtocolVersion
    package var method: Method
    /// The candidates the server selected when offered alone, in the order offered.
    package var accepted: [String]
    /// The candidates it answered without the extension or with no_application_protocol (120).
    package var notAccepted: [String]
    /// The candidates whose hello failed: the enumeration is incomplete.
    package var failed: [Failure]
    /// The protocols offered together in the session handshake, in the client's order.
    package var combinedOffer: [String]
    /// What the server selected from `combinedOffer`: its preference among them; `nil` when it
    /// selected none or that handshake failed.
    package var combinedSelected: String?

    package init(
        version: ProtocolVersion, method: Method, accepted: [String], notAccepted: [String], failed: [Failure],
        combinedOffer: [String], combinedSelected: String?
    ) {
        self.version = version
        self.method = method
        self.accepted = accepted
        self.notAccepted = notAccepted
        self.failed = failed
        self.combinedOffer = combinedOffer
        self.combinedSelected = combinedSelected
    }

    /// Whether every candidate was answered one way or the other.
    package var isComplete: Bool { failed.isEmpty }

    /// For people: `accepts h2, http/1.1; not http/1.0 (each offered alone under TLSv1.2)`.
    package var summary: String {
        var parts = [accepted.isEmpty ? "accepts none of the candidates" : "accepts " + accepted.joined(separator: ", ")]
        if !notAccepted.isEmpty { parts.append("not " + notAccepted.joined(separator: ", ")) }
        if !failed.isEmpty { parts.append("could not test " + failed.map(\.protocolID).joined(separator: ", ")) }
        return parts.joined(separator: "; ") + " (each offered alone under \(version.name))"
    }
}
