import CryptCheckModel
import Foundation
import TestSupport
import Testing

@testable import CryptCheckTLS

/// The ALPN protocols a server accepts, each candidate offered alone: openssl s_server with
/// `-alpn` lists (raw TLS 1.2 hellos), TLS 1.3 only (full handshakes), a STARTTLS endpoint whose
/// registered ID is a candidate, and a server that drops every hello carrying ALPN (each
/// candidate failed, never "not accepted").
@Suite("Session features: ALPN enumeration", .serialized)
struct SessionFeatureALPNTests {
    static let rsa = SessionFeatureTests.rsa

    func alpn(_ port: Int, starttls: StartTLSProtocol? = nil) throws -> (FeatureSupport, ALPNEnumeration) {
        var scanner = TLSScanner(host: "127.0.0.1", port: port, timeout: .seconds(4))
        scanner.starttls = starttls
        scanner.activeChecks = false
        let observation = scanner.scan()
        let feature = try #require(observation.features.first { $0.feature == .alpn }, "\(observation.features)")
        return (feature, try #require(feature.alpn, "\(feature)"))
    }

    @Test func bothHTTPProtocolsAcceptedAndHTTP10Not() throws {
        let server = try LocalServer(["-www", "-alpn", "h2,http/1.1"] + Self.rsa)
        let (feature, found) = try alpn(server.port)
        #expect(found.method == .rawHello && found.version == .tlsv1_2, "\(found)")
        #expect(found.accepted == ["h2", "http/1.1"] && found.notAccepted == ["http/1.0"] && found.failed.isEmpty, "\(found)")
        // s_server picks by its own order from the combined offer.
        #expect(found.combinedOffer == ["h2", "http/1.1"] && found.combinedSelected == "h2", "\(found)")
        #expect(feature.status == .yes)
        #expect(
            feature.detail
                == "h2 selected from h2, http/1.1 under TLSv1.3; accepts h2, http/1.1; not http/1.0 (each offered alone under TLSv1.2)")
    }

    @Test func onlyHTTP11Accepted() throws {
        // s_server answers a hello whose protocols it has none of with no_application_protocol.
        let server = try LocalServer(["-www", "-alpn", "http/1.1"] + Self.rsa)
        let (_, found) = try alpn(server.port)
        #expect(found.accepted == ["http/1.1"] && found.notAccepted == ["h2", "http/1.0"] && found.failed.isEmpty, "\(found)")
        #expect(found.combinedSelected == "http/1.1")
    }

    @Test func noALPNAtAllAcceptsNone() throws {
        // Without -alpn the extension is ignored: each ServerHello comes without it.
        let server = try LocalServer(["-www"] + Self.rsa)
        let (feature, found) = try alpn(server.port)
        #expect(found.accepted.isEmpty && found.notAccepted == ["h2", "http/1.1", "http/1.0"] && found.failed.isEmpty, "\(found)")
        #expect(found.combinedSelected == nil && feature.status == .no)
        #expect(
            feature.detail?.hasSuffix("accepts none of the candidates; not h2, http/1.1, http/1.0 (each offered alone under TLSv1.2)")
                == true)
    }

    @Test func aTLS13OnlyServerIsAskedByFullHandshakes() throws {
        let server = try LocalServer(["-www", "-tls1_3", "-alpn", "h2"] + Self.rsa)
        let (feature, found) = try alpn(server.port)
        #expect(found.method == .fullHandshake && found.version == .tlsv1_3, "\(found)")
        #expect(found.accepted == ["h2"] && found.notAccepted == ["http/1.1", "http/1.0"] && found.failed.isEmpty, "\(found)")
        #expect(feature.status == .yes && found.combinedSelected == "h2")
    }

    @Test func aSTARTTLSEndpointIsAlsoAskedForItsRegisteredID() throws {
        let tls = try LocalServer(["-alpn", "imap,http/1.1", "-no_tls1", "-no_tls1_1"] + Self.rsa)
        let server = try StartTLSServer("imap", tlsPort: tls.port)
        let (_, found) = try alpn(server.port, starttls: .imap)
        #expect(found.accepted == ["http/1.1", "imap"] && found.notAccepted == ["h2", "http/1.0"] && found.failed.isEmpty, "\(found)")
        // The endpoint's own ID is in the combined offer too; s_server picks by its own order.
        #expect(found.combinedOffer == ["h2", "http/1.1", "imap"] && found.combinedSelected == "imap", "\(found)")
    }

    @Test func aServerThatRefusesTheCombinedOfferStillShowsItsSessionFeatures() throws {
        // Only "imap", on a port that does not name it: the combined offer has none of the
        // server's protocols and s_server refuses it with no_application_protocol; the session
        // facts come from a hello without ALPN, never from the refusal.
        let server = try LocalServer(["-www", "-alpn", "imap"] + Self.rsa)
        var scanner = TLSScanner(host: "127.0.0.1", port: server.port, timeout: .seconds(4))
        scanner.activeChecks = false
        let features = scanner.scan().features
        let alpn = try #require(features.first { $0.feature == .alpn })
        #expect(alpn.status == .no && alpn.detail?.hasPrefix("h2, http/1.1 refused with no_application_protocol") == true, "\(alpn)")
        let tickets = try #require(features.first { $0.feature == .sessionTickets })
        #expect(tickets.status == .yes, "\(tickets)")
        #expect(features.first { $0.feature == .ticketResumption }?.status == .yes)
    }

    @Test func candidatesAreRegisteredIDsOnly() {
        var scanner = TLSScanner(host: "127.0.0.1", port: 143)
        scanner.starttls = .imap
        #expect(scanner.alpnCandidates == ["h2", "http/1.1", "http/1.0", "imap"])
        scanner.starttls = .smtp  // no ALPN ID is registered for SMTP
        #expect(scanner.alpnCandidates == ["h2", "http/1.1", "http/1.0"])
        #expect(TLSScanner(host: "127.0.0.1", port: 995).alpnCandidates.last == "pop3")
        #expect(TLSScanner(host: "127.0.0.1", port: 443).alpnCandidates == ["h2", "http/1.1", "http/1.0"])
    }

    @Test func aProtocolNeverOfferedIsAFailureShownEscaped() throws {
        // "h2" then ESC [ 3 1 m and a newline: selected whatever was offered, and bytes that
        // must not reach a terminal as they are.
        let hostile: [UInt8] = Array("h2".utf8) + [0x1B] + Array("[31m".utf8) + [0x0A]
        let server = try AttackServer(.selectsALPN(hostile), certificatePEM: ActiveAttackTests.rsaCert, keyPEM: ActiveAttackTests.rsaKey)
        let (_, found) = try alpn(server.port)
        #expect(found.accepted.isEmpty && found.notAccepted.isEmpty, "\(found)")
        #expect(found.failed.map(\.protocolID) == ["h2", "http/1.1", "http/1.0"], "\(found)")
        for failure in found.failed {
            #expect(failure.code == .probeUnexpectedChoice, "\(failure)")
            #expect(failure.reason.hasSuffix(#"the server selected "h2\x1B[31m\x0A""#), "\(failure.reason)")
            #expect(!failure.reason.unicodeScalars.contains { $0.value < 0x20 })
        }
    }

    @Test func aServerThatDropsTheALPNHelloLeavesEachCandidateFailed() throws {
        let server = try AttackServer(.dropALPN, certificatePEM: ActiveAttackTests.rsaCert, keyPEM: ActiveAttackTests.rsaKey)
        let (feature, found) = try alpn(server.port)
        #expect(found.method == .rawHello && found.accepted.isEmpty && found.notAccepted.isEmpty, "\(found)")
        #expect(found.failed.map(\.protocolID) == ["h2", "http/1.1", "http/1.0"], "\(found)")
        #expect(found.failed.allSatisfy { $0.code == .probeSilentClose }, "\(found.failed)")
        #expect(!found.isComplete && feature.status.isFailure)
    }

    /// A ServerHello body (TLS 1.2, ECDHE-RSA-AES128-GCM-SHA256) whose ALPN extension holds `list`.
    static func serverHello(alpnList list: [UInt8]) -> [UInt8] {
        let body = [UInt8(list.count >> 8), UInt8(list.count & 0xFF)] + list
        let extensions: [UInt8] = [0, 16, UInt8(body.count >> 8), UInt8(body.count & 0xFF)] + body
        return [3, 3] + [UInt8](repeating: 7, count: 32) + [0, 0xC0, 0x2F, 0]
            + [UInt8(extensions.count >> 8), UInt8(extensions.count & 0xFF)] + extensions
    }

    @Test func theServerHellosALPNIsReadAndAMalformedOneRejected() throws {
        let h2 = try ServerFlightParser.parseServerHello(Self.serverHello(alpnList: [2] + Array("h2".utf8)))
        #expect(h2.alpn == Array("h2".utf8) && h2.extensions == [16])
        // RFC 7301 3.1: exactly one non-empty name; two names, an empty one or a cut one are malformed.
        for list: [UInt8] in [[2, 0x68, 0x32, 1, 0x78], [0], [5, 0x68, 0x32], []] {
            #expect(throws: TLSParseError.self, "\(list)") {
                try ServerFlightParser.parseServerHello(Self.serverHello(alpnList: list))
            }
        }
    }

    @Test func aTLS12ServerCostsOneConnectionPerCandidate() throws {
        let server = try LocalServer(["-www", "-alpn", "h2"] + Self.rsa)
        let transport = ObservingTransport()
        var scanner = TLSScanner(host: "127.0.0.1", port: server.port, timeout: .seconds(4))
        scanner.transport = transport
        let hello = scanner.spec(.tlsv1_2, suites: [CipherSuite(0xC02F)])  // ECDHE-RSA-AES128-GCM-SHA256
        let found = try #require(scanner.alpnEnumeration(legacy: hello, tls13: nil, combinedSelected: nil))
        #expect(found.accepted == ["h2"] && found.failed.isEmpty, "\(found)")
        #expect(transport.connectionCount == TLSScanner.alpnCandidates.count)
    }
}
