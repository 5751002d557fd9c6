import CryptCheckModel
import Foundation
import TestSupport
import Testing

@testable import CryptCheckTLS

/// POODLE against TLS (CVE-2014-8730): openssl s_server behind a proxy that sets right the
/// padding of every record the client sends after its Finished, so that the server checks the
/// MAC only, as the flawed implementations did (vulnerable); the same server directly and
/// through the proxy unchanged, and gnutls-serv (their twins: bad_record_mac); a proxy that
/// drops the connection after the handshake (could not test); a server without CBC suites (not
/// applicable). Each version's IV handling is exercised: TLS 1.0's chained IV with 8-byte
/// blocks, TLS 1.1 and 1.2's explicit IVs.
@Suite("POODLE against TLS", .serialized)
struct TLSPoodleTests {
    /// s_server at one version with one suite, writing its session keys to a file of the test's.
    final class KeyloggingServer {
        let directory: URL
        let server: LocalServer
        var keylog: String { directory.appendingPathComponent("keys.log").path }

        init(_ version: String, _ suite: String) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("poodle-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let log = directory.appendingPathComponent("keys.log").path
            server = try LocalServer([
                "-www", "-cert", ActiveAttackTests.rsaCert, "-key", ActiveAttackTests.rsaKey, version, "-cipher", suite + ":@SECLEVEL=0",
                "-keylogfile", log,
            ])
        }

        deinit { try? FileManager.default.removeItem(at: directory) }
    }

    func tlsPoodle(_ port: Int, active: Bool = true) throws -> AttackProbeResult {
        var scanner = TLSScanner(host: "127.0.0.1", port: port, timeout: .seconds(4))
        scanner.activeChecks = active
        let observation = scanner.scan()
        return try #require(observation.attacks?.first { $0.attack == .tlsPoodle }, "\(String(describing: observation).prefix(1500))")
    }

    @Test(arguments: [
        ("-tls1_2", "AES128-SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"),
        ("-tls1_2", "ECDHE-RSA-AES256-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"),
        ("-tls1_1", "ECDHE-RSA-AES256-SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
        ("-tls1", "AES128-SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"),
    ])
    func aServerThatChecksOnlyTheMACTakesTheRecord(version: String, suite: String, iana: String) throws {
        let upstream = try KeyloggingServer(version, suite)
        let proxy = try PaddingProxy(.lenient, upstream: upstream.server.port, keylog: upstream.keylog)
        let outcome = try tlsPoodle(proxy.port)
        #expect(outcome.verdict == .vulnerable, "\(outcome.evidence)")
        #expect(outcome.evidence.contains(iana) && outcome.evidence.contains("was taken"), "\(outcome.evidence)")
        #expect(outcome.evidence.contains("refused a record with a wrong MAC with bad_record_mac"), "\(outcome.evidence)")
    }

    @Test(arguments: [("-tls1_2", "AES128-SHA"), ("-tls1", "AES256-SHA")])
    func opensslRefusesTheMalformedPaddingDirectlyAndThroughTheProxy(version: String, suite: String) throws {
        let upstream = try KeyloggingServer(version, suite)
        let direct = try tlsPoodle(upstream.server.port)
        #expect(direct.verdict == .notVulnerable, "\(direct)")
        #expect(direct.evidence.contains("refused with bad_record_mac"), "\(direct.evidence)")
        let proxy = try PaddingProxy(.relay, upstream: upstream.server.port, keylog: upstream.keylog)
        #expect(try tlsPoodle(proxy.port).verdict == .notVulnerable)
    }

    @Test func gnutlsRefusesTheMalformedPadding() throws {
        let server = try LocalServer(gnutls: [
            "--x509certfile", ActiveAttackTests.rsaCert, "--x509keyfile", ActiveAttackTests.rsaKey, "--disable-client-cert",
            "--priority", "NORMAL:-VERS-TLS1.3:-AEAD:+AES-128-CBC:+SHA1:%NO_ETM",
        ])
        let outcome = try tlsPoodle(server.port)
        #expect(outcome.verdict == .notVulnerable, "\(outcome)")
    }

    @Test func aServerThatDropsTheConnectionAfterTheHandshakeCannotBeTested() throws {
        let upstream = try KeyloggingServer("-tls1_2", "AES128-SHA")
        let proxy = try PaddingProxy(.dropAfterHandshake, upstream: upstream.server.port, keylog: upstream.keylog)
        let outcome = try tlsPoodle(proxy.port)
        #expect(outcome.verdict == .couldNotTest && outcome.code == .probeSilentClose, "\(outcome)")
    }

    @Test func aServerThatTakesEveryRecordCannotBeTold() throws {
        // MAC and padding both set right by the proxy: the malformed record is "taken", and so
        // is the control with a wrong MAC; the check's answer would be a false positive.
        let upstream = try KeyloggingServer("-tls1_2", "AES128-SHA")
        let proxy = try PaddingProxy(.acceptsAnything, upstream: upstream.server.port, keylog: upstream.keylog)
        let outcome = try tlsPoodle(proxy.port)
        #expect(outcome.verdict == .couldNotTest && outcome.code == .probeInconsistent, "\(outcome)")
        #expect(outcome.evidence.contains("so was the control"), "\(outcome.evidence)")
    }

    @Test func aServerWithoutCBCSuitesHasNoPaddingToCheck() throws {
        let server = try LocalServer([
            "-cert", ActiveAttackTests.rsaCert, "-key", ActiveAttackTests.rsaKey, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256",
        ])
        let outcome = try tlsPoodle(server.port)
        #expect(outcome.verdict == .notApplicable && outcome.evidence.contains("no CBC suite"), "\(outcome)")
    }

    @Test func noCBCSuiteAmongAnIncompleteEnumerationCouldNotBeTested() {
        // GCM only was found, but the TLS 1.2 enumeration was cut short: CBC suites may be
        // among those not found, so the check neither applies nor does not.
        let scanner = TLSScanner(host: "127.0.0.1", port: 1)
        let gcm = CipherSuite(rawValue: 0xC02F)
        var cut = SuiteEnumeration(version: .tlsv1_2, accepted: [gcm], complete: false)
        cut.failure = "timed out"
        cut.failureCode = .connectionTimeout
        let partial = scanner.tlsPoodle([cut])
        #expect(partial.verdict == .couldNotTest && partial.code == .connectionTimeout, "\(partial)")
        #expect(partial.evidence.contains("cut short (timed out)"), "\(partial.evidence)")
        // Complete, the same finding is "not applicable"; ROBOT is judged the same way.
        #expect(scanner.tlsPoodle([SuiteEnumeration(version: .tlsv1_2, accepted: [gcm])]).verdict == .notApplicable)
        #expect(scanner.robot([cut]).verdict == .couldNotTest)
    }

    @Test func withoutActiveChecksNothingIsSent() throws {
        let upstream = try KeyloggingServer("-tls1_2", "AES128-SHA")
        let proxy = try PaddingProxy(.lenient, upstream: upstream.server.port, keylog: upstream.keylog)
        #expect(try tlsPoodle(proxy.port, active: false).verdict == .notRun)
    }
}
