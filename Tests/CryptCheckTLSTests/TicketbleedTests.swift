import CryptCheckModel
import Foundation
import TestSupport
import Testing

@testable import CryptCheckTLS

/// Ticketbleed (CVE-2016-9244): openssl s_server issuing tickets, behind a proxy that pads the
/// session ID of a resumption by ticket to 32 bytes as the F5 flaw did (vulnerable), the same
/// server directly (its twin), a proxy that drops the ticket hello (could not test), and
/// s_server without tickets (not applicable).
@Suite("Ticketbleed", .serialized)
struct TicketbleedTests {
    static let server = [
        "-www", "-cert", ActiveAttackTests.rsaCert, "-key", ActiveAttackTests.rsaKey, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256",
    ]

    func ticketbleed(_ port: Int) throws -> AttackProbeResult {
        var scanner = TLSScanner(host: "127.0.0.1", port: port, timeout: .seconds(4))
        scanner.activeChecks = true
        let observation = scanner.scan()
        return try #require(observation.attacks?.first { $0.attack == .ticketbleed }, "\(observation.failures)")
    }

    @Test func aSessionIDPaddedFromMemoryIsVulnerableAndOnlyTheCountIsKept() throws {
        let upstream = try LocalServer(Self.server)
        let proxy = try TicketbleedProxy(.vulnerable, upstream: upstream.port)
        let outcome = try ticketbleed(proxy.port)
        #expect(outcome.verdict == .vulnerable, "\(outcome)")
        #expect(outcome.evidence.contains("session ID of 32 bytes beginning with those sent: 16 bytes came back"), "\(outcome.evidence)")
        let encoded = String(decoding: try JSONEncoder().encode(outcome), as: UTF8.self)
        #expect(!encoded.lowercased().contains("a5a5"))
    }

    @Test func opensslEchoesTheSessionIDAsSent() throws {
        let server = try LocalServer(Self.server)
        let outcome = try ticketbleed(server.port)
        #expect(outcome.verdict == .notVulnerable, "\(outcome)")
        #expect(outcome.evidence.contains("answered with exactly those 16 bytes"), "\(outcome.evidence)")
        // Relayed unchanged by the proxy: the same answer.
        let proxy = try TicketbleedProxy(.fixed, upstream: server.port)
        #expect(try ticketbleed(proxy.port).verdict == .notVulnerable)
    }

    @Test func aServerThatDropsTheTicketHelloCannotBeTested() throws {
        let upstream = try LocalServer(Self.server)
        let proxy = try TicketbleedProxy(.dropTicketHello, upstream: upstream.port)
        let outcome = try ticketbleed(proxy.port)
        #expect(outcome.verdict == .couldNotTest && outcome.code != nil, "\(outcome)")
    }

    @Test func aServerWithoutTicketsHasNothingToResumeBy() throws {
        let server = try LocalServer(Self.server + ["-no_ticket"])
        let outcome = try ticketbleed(server.port)
        #expect(outcome.verdict == .notApplicable && outcome.evidence.contains("issued no session ticket"), "\(outcome)")
    }
}
