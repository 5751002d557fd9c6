import CryptCheckModel
import Foundation
import TestSupport
import Testing

@testable import CryptCheckTLS

/// The session features on openssl s_server configured each way (`-alpn`, `-no_ticket`,
/// `-num_tickets 0`, `-early_data`), and a server that drops every handshake (each feature
/// failed, never "no"). They send nothing malformed: observed with `--no-active` too.
@Suite("Session features", .serialized)
struct SessionFeatureTests {
    static let rsa = ["-cert", ActiveAttackTests.rsaCert, "-key", ActiveAttackTests.rsaKey]

    func features(_ port: Int, active: Bool = true) -> [ProtocolFeature: FeatureSupport] {
        var scanner = TLSScanner(host: "127.0.0.1", port: port, timeout: .seconds(4))
        scanner.activeChecks = active
        return Dictionary(scanner.scan().features.map { ($0.feature, $0) }, uniquingKeysWith: { $1 })
    }

    @Test func alpnTicketsAndBothResumptionsOnADefaultServer() throws {
        let server = try LocalServer(["-www", "-alpn", "http/1.1"] + Self.rsa)
        // --no-active: the session features are observed all the same.
        let found = features(server.port, active: false)
        #expect(
            found[.alpn]?.status == .yes
                && found[.alpn]?.detail
                    == "http/1.1 selected from h2, http/1.1 under TLSv1.3; accepts http/1.1; not h2, http/1.0 (each offered alone under TLSv1.2)",
            "\(found)")
        #expect(found[.sessionTickets]?.status == .yes && found[.sessionTickets]?.detail?.contains("lifetime hint 7200 s") == true)
        #expect(found[.ticketResumption]?.status == .yes)
        // s_server -www drops a session whose connection ends without close_notify: the probe closes cleanly.
        #expect(found[.sessionIDResumption]?.status == .yes, "\(String(describing: found[.sessionIDResumption]))")
        #expect(found[.earlyData]?.status == .no && found[.earlyData]?.detail == "the ticket allows no early data")
    }

    @Test func noTicketsAndNoALPNUnderTLS12() throws {
        let server = try LocalServer(["-www", "-tls1_2", "-no_ticket"] + Self.rsa)
        let found = features(server.port)
        #expect(
            found[.alpn]?.status == .no
                && found[.alpn]?.detail
                    == "none selected from h2, http/1.1 under TLSv1.2; accepts none of the candidates; not h2, http/1.1, http/1.0 (each offered alone under TLSv1.2)",
            "\(found)")
        #expect(found[.sessionTickets]?.status == .no && found[.sessionTickets]?.detail == "none issued under TLSv1.2 in the handshake")
        #expect(found[.ticketResumption]?.status == .notApplicable(reason: "the server issued no session ticket"))
        #expect(found[.sessionIDResumption]?.status == .yes)
        #expect(found[.earlyData]?.status == .notApplicable(reason: "TLS 1.3 is not accepted: early data is a TLS 1.3 feature"))
    }

    @Test func aTLS13ServerWithoutTicketsResumesNothing() throws {
        let server = try LocalServer(["-www", "-tls1_3", "-num_tickets", "0"] + Self.rsa)
        let found = features(server.port)
        #expect(
            found[.sessionTickets]?.status == .no && found[.sessionTickets]?.detail?.contains("after the handshake") == true, "\(found)")
        #expect(found[.ticketResumption]?.status == .notApplicable(reason: "the server issued no session ticket"))
        #expect(found[.earlyData]?.status == .notApplicable(reason: "the server issued no TLS 1.3 ticket"))
        #expect(found[.sessionIDResumption]?.status.description.contains("TLS 1.3 resumes by tickets only") == true)
    }

    @Test func earlyDataAllowedByTheTicket() throws {
        // -early_data cannot be combined with -www: s_server ends each connection itself, after its ticket.
        let server = try LocalServer(["-early_data"] + Self.rsa)
        let found = features(server.port)
        #expect(found[.earlyData]?.status == .yes && found[.earlyData]?.detail == "max_early_data_size 16384 bytes", "\(found)")
    }

    @Test func aServerThatDropsEveryHandshakeLeavesEachFeatureFailed() throws {
        let server = try AttackServer(.dropAfterFlight, certificatePEM: ActiveAttackTests.rsaCert, keyPEM: ActiveAttackTests.rsaKey)
        let found = features(server.port)
        for feature: ProtocolFeature in [.alpn, .sessionTickets, .ticketResumption, .earlyData, .sessionIDResumption] {
            #expect(found[feature]?.status.isFailure == true, "\(feature): \(String(describing: found[feature]))")
        }
    }
}
