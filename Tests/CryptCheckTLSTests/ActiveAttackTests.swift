import CryptCheckModel
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import CryptCheckTLS

/// The vulnerable/twin matrix of the active attack checks: each flaw reproduced by a scripted
/// server as its published description says, its fixed twin, and a server that drops the
/// connection after its first flight; then real servers (openssl s_server with client
/// renegotiation allowed and refused, gnutls-serv with heartbeat).
@Suite("Active attack checks", .serialized)
struct ActiveAttackTests {
    static let rsaCert = LocalServer.fixtures + "/certs/rsa2048-sha256.pem"
    static let rsaKey = LocalServer.fixtures + "/keys/rsa2048-pkcs1.pem"

    func scan(_ port: Int, active: Bool = true) -> TLSEndpointObservation {
        var scanner = TLSScanner(host: "127.0.0.1", port: port, timeout: .seconds(4))
        scanner.activeChecks = active
        return scanner.scan()
    }

    func result(_ attack: ActiveAttack, _ observation: TLSEndpointObservation) throws -> AttackProbeResult {
        try #require(observation.attacks?.first { $0.attack == attack }, "\(observation.failures)")
    }

    func scripted(_ behaviour: AttackServer.Behaviour) throws -> TLSEndpointObservation {
        let server = try AttackServer(behaviour, certificatePEM: Self.rsaCert, keyPEM: Self.rsaKey)
        return scan(server.port)
    }

    @Test func heartbleedOverReadIsVulnerableAndOnlyTheCountIsKept() throws {
        let outcome = try result(.heartbleed, scripted(.heartbleed(vulnerable: true)))
        #expect(outcome.verdict == .vulnerable, "\(outcome)")
        #expect(outcome.evidence.contains("heartbeat response of 1040 bytes"), "\(outcome.evidence)")
        // The "memory" bytes (0xA5) are never kept, not even as text.
        let encoded = String(decoding: try JSONEncoder().encode(outcome), as: UTF8.self)
        #expect(!encoded.lowercased().contains("a5a5"))
    }

    @Test func heartbleedTwinDiscardsTheOverLongRequest() throws {
        let outcome = try result(.heartbleed, scripted(.heartbleed(vulnerable: false)))
        #expect(outcome.verdict == .notVulnerable, "\(outcome)")
        #expect(outcome.evidence.contains("over-long request got no response"))
    }

    @Test func ccsInjectionAcceptorIsVulnerableAndItsTwinIsNot() throws {
        let vulnerable = try result(.ccsInjection, scripted(.ccsInjection(vulnerable: true)))
        #expect(vulnerable.verdict == .vulnerable && vulnerable.evidence.contains("bad_record_mac"), "\(vulnerable)")
        let fixed = try result(.ccsInjection, scripted(.ccsInjection(vulnerable: false)))
        #expect(fixed.verdict == .notVulnerable && fixed.evidence.contains("unexpected_message"), "\(fixed)")
    }

    @Test func robotOracleIsVulnerableAndItsTwinIsNot() throws {
        let oracle = try result(.robot, scripted(.robot(oracle: true)))
        #expect(oracle.verdict == .vulnerable, "\(oracle)")
        #expect(oracle.evidence.contains("well-formed → alert bad_record_mac (20)"), "\(oracle.evidence)")
        #expect(oracle.evidence.contains("first bytes not 0x0002 → alert handshake_failure (40)"), "\(oracle.evidence)")
        let fixed = try result(.robot, scripted(.robot(oracle: false)))
        #expect(fixed.verdict == .notVulnerable, "\(fixed)")
        #expect(fixed.evidence.contains("answered alike (alert bad_record_mac (20)"), "\(fixed.evidence)")
    }

    @Test func insecureRenegotiationWithoutRenegotiationInfoIsVulnerableAndItsTwinIsNot() throws {
        let insecure = try result(.insecureRenegotiation, scripted(.renegotiation(.insecure)))
        #expect(insecure.verdict == .vulnerable, "\(insecure)")
        #expect(insecure.evidence.contains("no renegotiation_info (RFC 5746 3.6)"), "\(insecure.evidence)")
        let secure = try result(.insecureRenegotiation, scripted(.renegotiation(.secure)))
        #expect(secure.verdict == .notVulnerable, "\(secure)")
        #expect(secure.evidence.contains("TLS_EMPTY_RENEGOTIATION_INFO_SCSV only"), "\(secure.evidence)")
    }

    @Test func insecureRenegotiationCannotBeTestedWhenTheServerDropsTheHello() throws {
        let observation = try scripted(.renegotiation(.dropSCSVOnly))
        let dropped = try result(.insecureRenegotiation, observation)
        #expect(dropped.verdict == .couldNotTest && dropped.code == .probeUnexpectedRefusal, "\(dropped)")
        // The feature probe (the extension offered) saw the server answer it: recorded apart.
        #expect(observation.features.first { $0.feature == .secureRenegotiation }?.status == .yes)
    }

    @Test func aServerThatDropsTheConnectionCannotBeTested() throws {
        let observation = try scripted(.dropAfterFlight)
        for attack: ActiveAttack in [.heartbleed, .ccsInjection, .robot] {
            let outcome = try result(attack, observation)
            // Heartbeat is not offered back by this server: not applicable, never "not vulnerable".
            let expected: AttackVerdict = attack == .heartbleed ? .notApplicable : .couldNotTest
            #expect(outcome.verdict == expected, "\(attack): \(outcome)")
        }
        #expect(try result(.clientRenegotiation, observation).verdict == .couldNotTest)
        // The full handshake that would get a ticket fails at the drop.
        #expect(try result(.ticketbleed, observation).verdict == .couldNotTest)
    }

    @Test func aDroppingServerWithHeartbeatCannotBeTestedForHeartbleed() throws {
        // The heartbleed twin, but closing at the heartbeat: a close is not "not vulnerable".
        let fake = try FakeServer { _, connection in
            let hello = connection.read()
            guard !hello.isEmpty else { return }
            connection.write(ActiveAttackTests.flightWithHeartbeat())
            _ = connection.read(timeout: 3)
        }
        let outcome = try result(.heartbleed, scan(fake.port))
        #expect(outcome.verdict == .couldNotTest && outcome.code == .probeSilentClose, "\(outcome)")
    }

    /// ServerHello (TLS 1.2, TLS_RSA_WITH_AES_128_GCM_SHA256, heartbeat and renegotiation_info),
    /// an RSA certificate and ServerHelloDone, for a hand-written server.
    static func flightWithHeartbeat() -> [UInt8] {
        let certificate = (try? AttackServerDER.read(rsaCert)) ?? []
        var hello: [UInt8] = [3, 3] + [UInt8](repeating: 7, count: 32) + [0, 0x00, 0x9C, 0]
        let extensions: [UInt8] = [0xFF, 0x01, 0x00, 0x01, 0x00, 0x00, 0x0F, 0x00, 0x01, 0x01]
        hello += [0, UInt8(extensions.count)] + extensions
        func handshake(_ type: UInt8, _ body: [UInt8]) -> [UInt8] {
            [type, UInt8(body.count >> 16), UInt8(body.count >> 8 & 0xFF), UInt8(body.count & 0xFF)] + body
        }
        let entry = [UInt8(certificate.count >> 16), UInt8(certificate.count >> 8 & 0xFF), UInt8(certificate.count & 0xFF)] + certificate
        let list = [UInt8(entry.count >> 16), UInt8(entry.count >> 8 & 0xFF), UInt8(entry.count & 0xFF)] + entry
        let flight = handshake(2, hello) + handshake(11, list) + handshake(14, [])
        return [22, 3, 3, UInt8(flight.count >> 8), UInt8(flight.count & 0xFF)] + flight
    }

    @Test func noActiveSendsNothingAndRecordsEveryCheckAsNotRun() throws {
        let server = try AttackServer(.ccsInjection(vulnerable: true), certificatePEM: Self.rsaCert, keyPEM: Self.rsaKey)
        let observation = scan(server.port, active: false)
        #expect(observation.attacks?.map(\.attack) == ActiveAttack.all)
        #expect(observation.attacks?.allSatisfy { $0.verdict == .notRun } == true)
    }

    @Test func opensslServerRefusesClientRenegotiationByDefault() throws {
        let server = try LocalServer([
            "-www", "-cert", Self.rsaCert, "-key", Self.rsaKey, "-tls1_2", "-cipher", "AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256",
        ])
        let observation = scan(server.port)
        #expect(try result(.clientRenegotiation, observation).verdict == .notVulnerable)
        #expect(try result(.insecureRenegotiation, observation).verdict == .notVulnerable)
        #expect(try result(.heartbleed, observation).verdict == .notApplicable)
        #expect(try result(.ccsInjection, observation).verdict == .notVulnerable)
        let robot = try result(.robot, observation)
        #expect(robot.verdict == .notVulnerable, "\(robot)")
    }

    @Test func clientRenegotiationIsTheEndpointsLastProbe() throws {
        // openssl s_server serves one connection at a time and pauses a second after refusing a
        // renegotiation: any probe still to come would queue behind that pause holding a
        // connection permit. So the renegotiation runs alone, once every other family finished.
        let server = try LocalServer(["-www", "-cert", Self.rsaCert, "-key", Self.rsaKey, "-tls1_2"])
        let events = Mutex<[ScanProgressEvent]>([])
        var scanner = TLSScanner(host: "127.0.0.1", port: server.port, timeout: .seconds(4))
        scanner.progress = { event in events.withLock { $0.append(event) } }
        let observation = scanner.scan()
        let log = events.withLock { $0 }
        let lastStart = try #require(log.lastIndex { $0.kind == .started })
        #expect(log[lastStart].family == "attacks")
        let before = log[..<lastStart]
        #expect(
            before.filter { $0.kind == .started }.count == before.filter { $0.kind == .finished }.count,
            "\(log.map { "\($0.family) \($0.kind)" })")
        #expect(observation.attacks?.map(\.attack) == ActiveAttack.all)
        #expect(try result(.clientRenegotiation, observation).verdict == .notVulnerable)
    }

    @Test func opensslServerWithClientRenegotiationAccepts() throws {
        // -www: s_server answers HTTP and keeps reading, where a renegotiation is taken; without it,
        // the standard input the test gives it (empty) makes it close every connection at once.
        let server = try LocalServer(["-www", "-cert", Self.rsaCert, "-key", Self.rsaKey, "-tls1_2", "-client_renegotiation"])
        let observation = scan(server.port)
        let outcome = try result(.clientRenegotiation, observation)
        #expect(outcome.verdict == .vulnerable, "\(outcome)")
    }

    @Test func opensslServerWithNoRenegotiationRefuses() throws {
        let server = try LocalServer(["-www", "-cert", Self.rsaCert, "-key", Self.rsaKey, "-tls1_2", "-no_renegotiation"])
        let outcome = try result(.clientRenegotiation, scan(server.port))
        #expect(outcome.verdict == .notVulnerable && outcome.evidence.contains("no renegotiation"), "\(outcome)")
    }

    @Test func tls13OnlyServerHasNothingToTest() throws {
        let server = try LocalServer(["-cert", Self.rsaCert, "-key", Self.rsaKey, "-tls1_3"])
        let observation = scan(server.port)
        for attack in ActiveAttack.all {
            #expect(try result(attack, observation).verdict == .notApplicable, "\(attack)")
        }
    }

    @Test func gnutlsWithHeartbeatAnswersCorrectly() throws {
        let server = try LocalServer(gnutls: [
            "--heartbeat", "--x509certfile", Self.rsaCert, "--x509keyfile", Self.rsaKey, "--disable-client-cert",
            "--priority", "NORMAL:-VERS-TLS1.3",
        ])
        let outcome = try result(.heartbleed, scan(server.port))
        #expect(outcome.verdict == .notVulnerable, "\(outcome)")
    }
}

/// The DER of a PEM certificate, for hand-written servers.
enum AttackServerDER {
    static func read(_ path: String) throws -> [UInt8] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let body = text.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        return Array(Data(base64Encoded: body) ?? Data())
    }
}
