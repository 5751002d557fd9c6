import CryptCheckModel
import CryptCheckOpenSSL

/// Which ALPN protocols (RFC 7301) a server accepts, each candidate offered alone: the one
/// combined offer of the session handshake shows only the server's pick among them. Cheap when
/// it can be: a raw ClientHello per candidate in the highest TLS 1.0–1.2 version with suites the
/// server accepted, whose ServerHello carries the selection in the clear; a full TLS 1.3
/// handshake per candidate only for a server that accepts no TLS 1.0–1.2 (TLS 1.3 encrypts the
/// selection). Nothing malformed is sent: it runs with `--no-active` too.
extension TLSScanner {
    /// The candidates every endpoint is asked about: HTTP/2 over TLS and HTTP/1.x, as spelt in
    /// IANA's "TLS Application-Layer Protocol Negotiation (ALPN) Protocol IDs" registry.
    static let alpnCandidates = ["h2", "http/1.1", "http/1.0"]

    /// The registered ALPN ID of the protocol spoken after a STARTTLS preamble; `nil` where the
    /// registry has none (SMTP, LDAP, PostgreSQL, MySQL). From IANA's ALPN Protocol IDs registry
    /// (RFC 7301 6): ftp (RFC 4217), imap and pop3 (RFC 2595), managesieve (RFC 5804),
    /// xmpp-client and xmpp-server (XEP-0368), nntp (RFC 4642).
    static func alpnID(for starttls: StartTLSProtocol) -> String? {
        switch starttls {
        case .imap: "imap"
        case .pop3: "pop3"
        case .ftp: "ftp"
        case .xmpp: "xmpp-client"
        case .xmppServer: "xmpp-server"
        case .nntp: "nntp"
        case .sieve: "managesieve"
        case .smtp, .ldap, .postgres, .mysql: nil
        }
    }

    /// The registered ALPN ID of the protocol a TLS-from-the-first-byte port implies (IANA
    /// service names: imaps, pop3s, ftps, nntps, domain-s; 5223 is XMPP's legacy client port):
    /// the same registry as `alpnID(for:)`, dot for DNS over TLS (RFC 7858).
    static let alpnIDByPort: [Int: String] = [993: "imap", 995: "pop3", 990: "ftp", 563: "nntp", 853: "dot", 5223: "xmpp-client"]

    /// The candidates for this endpoint: the HTTP ones, then its own protocol's ID if it has one.
    var alpnCandidates: [String] {
        let own = starttls.map { Self.alpnID(for: $0) } ?? Self.alpnIDByPort[probe.port]
        return Self.alpnCandidates + (own.map { [$0] } ?? [])
    }

    /// The protocols offered together in the session handshake: the HTTP ones and the
    /// endpoint's own, so that a server that refuses a hello without its protocol still
    /// completes it.
    var alpnCombinedOffer: [String] {
        let own = alpnCandidates.filter { !Self.alpnCandidates.contains($0) }
        return Self.alpnOffered + own
    }

    /// Each candidate offered alone: by raw hellos under `legacy` (TLS 1.0–1.2) when there is
    /// one, else by full handshakes under `tls13`; `nil` when neither is accepted.
    /// `combinedSelected` is what the session handshake's combined offer got.
    func alpnEnumeration(legacy: ClientHelloSpec?, tls13: ClientHelloSpec?, combinedSelected: String?) -> ALPNEnumeration? {
        let candidates = alpnCandidates
        let method: ALPNEnumeration.Method
        let version: ProtocolVersion
        let answers: [ALPNAnswer]
        if let legacy {
            (method, version) = (.rawHello, legacy.version)
            answers = workers.map(candidates, width: width) { alpnAnswer(rawHello: legacy, offering: $0) }
        } else if let tls13 {
            (method, version) = (.fullHandshake, tls13.version)
            answers = workers.map(candidates, width: width) { alpnAnswer(handshake: tls13, offering: $0) }
        } else {
            return nil
        }
        var enumeration = ALPNEnumeration(
            version: version, method: method, accepted: [], notAccepted: [], failed: [], combinedOffer: alpnCombinedOffer,
            combinedSelected: combinedSelected)
        for (candidate, answer) in zip(candidates, answers) {
            switch answer {
            case .accepted: enumeration.accepted.append(candidate)
            case .notAccepted: enumeration.notAccepted.append(candidate)
            case .failed(let reason, let code):
                enumeration.failed.append(ALPNEnumeration.Failure(protocolID: candidate, reason: reason, code: code))
            }
        }
        // Selected from the combined offer (perhaps under another version or suite) yet not
        // taken alone: the answers disagree, and "not accepted" would be wrong for one of them.
        if let selected = combinedSelected, let index = enumeration.notAccepted.firstIndex(of: selected) {
            enumeration.notAccepted.remove(at: index)
            enumeration.failed.append(
                ALPNEnumeration.Failure(
                    protocolID: selected,
                    reason:
                        "selected from the combined offer, yet not accepted when offered alone under \(version.name) (it may depend on the version or the suite)",
                    code: .probeInconsistent))
        }
        return enumeration
    }

    /// How the server answered one candidate.
    enum ALPNAnswer: Sendable, Hashable {
        case accepted, notAccepted
        case failed(String, code: ErrorCode?)
    }

    /// The ALPN extension's body offering one protocol (RFC 7301 3.1).
    static func alpnExtension(_ protocolID: String) -> [UInt8] {
        let name = Array(protocolID.utf8.prefix(255))
        let list = [UInt8(name.count)] + name
        return [UInt8(list.count >> 8), UInt8(list.count & 0xFF)] + list
    }

    /// A raw hello offering `candidate` alone. The ServerHello's ALPN extension naming it is
    /// "accepted"; a ServerHello without the extension or the alert no_application_protocol
    /// (120) is "not accepted"; anything else (a close, a timeout, a malformed answer, another
    /// alert, a protocol not offered, a first flight that did not come whole) is a failure.
    func alpnAnswer(rawHello: ClientHelloSpec, offering candidate: String) -> ALPNAnswer {
        var hello = rawHello
        hello.extraExtensions = [(type: 16, body: Self.alpnExtension(candidate))]
        let version = hello.version.name
        switch probe.run(hello) {
        case .hello(let flight):
            if let broken = flight.brokenFirstFlight {
                return .failed(
                    "the \(version) first flight offering \(candidate) did not come whole: \(broken)", code: .probeUnexpectedAnswer)
            }
            guard let selected = flight.serverHello?.alpn else { return .notAccepted }
            guard selected == Array(candidate.utf8) else {
                return .failed(
                    "offered \(candidate) alone, the server selected \"\(EscapedText.escape(selected))\"", code: .probeUnexpectedChoice)
            }
            return .accepted
        case .refused(let alert?) where alert.description == 120:
            return .notAccepted
        case .refused(let alert?):
            return .failed(
                "the \(version) hello offering \(candidate) was refused with \(alert.name) (\(alert.description)), not no_application_protocol (120)",
                code: .probeUnexpectedRefusal)
        case .refused(nil):
            return .failed(
                "the server closed the connection on the \(version) hello offering \(candidate) without an answer", code: .probeSilentClose)
        case .failed(let reason, let code):
            return .failed("the \(version) hello offering \(candidate) failed: \(reason)", code: code)
        }
    }

    /// A full TLS 1.3 handshake offering `candidate` alone: selected is "accepted"; none
    /// selected, or the handshake ended by no_application_protocol (120), is "not accepted";
    /// any other failure is a failure.
    func alpnAnswer(handshake: ClientHelloSpec, offering candidate: String) -> ALPNAnswer {
        do {
            let outcome = try sessionHandshake(handshake, alpn: [candidate])
            switch outcome.alpn {
            case nil: return .notAccepted
            case candidate: return .accepted
            case let other?:
                return .failed(
                    "offered \(candidate) alone, the server selected \"\(EscapedText.escape(Array(other.utf8)))\"",
                    code: .probeUnexpectedChoice)
            }
        } catch let error as OpenSSLError where error.receivedAlert == 120 {
            return .notAccepted
        } catch {
            return .failed("the \(handshake.version.name) handshake offering \(candidate) failed: \(error)", code: ErrorCode.of(error))
        }
    }
}
