import CryptCheckModel
import Foundation
import TestSupport
import Testing

@testable import CryptCheckTLS

/// Issue 10 items 2 and 3: a warning alert is not a refusal, and neither is a connection
/// that went away in the middle of an enumeration on a server that refuses with alerts.
@Suite("Issue 10: refusals and failed steps", .serialized)
struct Issue10EnumerationTests {
    /// The committed fixture files.
    static let files = LocalServer.fixtures
    /// An RSA certificate and its key from the fixtures.
    static let rsaCert = files + "/certs/rsa2048-sha256.pem", rsaKey = files + "/keys/rsa2048-pkcs1.pem"

    @Test func warningUnrecognizedNameIsNotARefusal() throws {
        // s_server answers a server name it does not know with a warning unrecognized_name and
        // goes on with the handshake (its default; -servername_fatal makes it fatal).
        let server = try LocalServer([
            "-cert", Self.rsaCert, "-key", Self.rsaKey, "-tls1", "-cipher", "AES128-SHA:@SECLEVEL=0",
            "-servername", "www.example.test", "-cert2", Self.rsaCert, "-key2", Self.rsaKey,
        ])
        let observation = TLSScanner(host: "127.0.0.1", port: server.port, serverName: "other.example.test").scan()
        #expect(observation.versions.first { $0.version == .tlsv1_0 }?.status == .yes, "\(observation.versions)")
        #expect(observation.cipherSuites.first { $0.version == .tlsv1_0 }?.accepted == [CipherSuite(0x002F)])
        // TLS 1.0 is prohibited: the verdict does not pass.
        let result = try CLI.run(["127.0.0.1:\(server.port)", "--sni", "other.example.test", "--format", "json"])
        #expect(result.status == 1, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = json["findings"] as? [[String: Any]] ?? []
        let version = findings.first {
            $0["component"] as? String == "protocol-version" && $0["item"] as? String == ProtocolVersion.tlsv1_0.name
        }
        #expect(version?["verdict"] as? String == "violation", "\(findings.map { ($0["item"], $0["verdict"]) })")
    }

    /// The suites a ClientHello offers and its legacy version, or nil if it is not one.
    static func offered(_ hello: [UInt8]) -> (version: UInt16, suites: Set<UInt16>)? {
        guard hello.count > 45, hello[0] == 0x16, hello[5] == 0x01 else { return nil }
        let suitesAt = 44 + Int(hello[43])
        guard hello.count > suitesAt + 2 else { return nil }
        let length = Int(hello[suitesAt]) << 8 | Int(hello[suitesAt + 1])
        guard hello.count >= suitesAt + 2 + length else { return nil }
        let suites = stride(from: suitesAt + 2, to: suitesAt + 2 + length, by: 2).map { UInt16(hello[$0]) << 8 | UInt16(hello[$0 + 1]) }
        return (UInt16(hello[9]) << 8 | UInt16(hello[10]), Set(suites))
    }

    /// Reads a whole ClientHello record.
    static func readHello(_ connection: FakeConnection) -> [UInt8] {
        var hello = connection.read()
        while hello.count >= 5, hello.count < 5 + (Int(hello[3]) << 8 | Int(hello[4])) {
            let more = connection.read()
            if more.isEmpty { break }
            hello += more
        }
        return hello
    }

    /// A TLS 1.2-only server preferring 0x002F, then 0x000A (3DES). With `alerts` it refuses
    /// with handshake_failure, else by hanging up. The first hello that offers 3DES without
    /// 0x002F (the middle of the enumeration) is reset when `resetOnce` is set.
    static func server(alerts: Bool, resetOnce: Bool) throws -> FakeServer {
        let lock = NSLock()
        nonisolated(unsafe) var reset = !resetOnce
        return try FakeServer { _, connection in
            guard let (version, suites) = offered(readHello(connection)), version == 0x0303 else {
                if alerts { connection.write([0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46]) }  // protocol_version
                return
            }
            if suites.contains(0x000A) && !suites.contains(0x002F) && lock.withLock({ !reset }) {
                lock.withLock { reset = true }
                connection.resetOnClose()
                return
            }
            if let choice = [UInt16(0x002F), 0x000A].first(where: suites.contains) {
                connection.write(ScannerBehaviourTests.serverHello(choice))
            } else if alerts {
                connection.write([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28])  // handshake_failure
            }
        }
    }

    @Test func aResetMidEnumerationIsAFailureNotARefusal() throws {
        // Without retries the step fails: the enumeration is incomplete, saying why.
        let once = try Self.server(alerts: true, resetOnce: true)
        let failed = TLSScanner(host: "127.0.0.1", port: once.port, timeout: .seconds(2), retries: 0).scan()
        let incomplete = try #require(failed.cipherSuites.first { $0.version == .tlsv1_2 })
        #expect(incomplete.accepted == [CipherSuite(0x002F)] && !incomplete.complete)
        #expect(incomplete.failureCode == .probeSilentClose, "\(String(describing: incomplete.failure))")
        // With a retry the 3DES suite is found and the enumeration is complete.
        let again = try Self.server(alerts: true, resetOnce: true)
        let found = TLSScanner(host: "127.0.0.1", port: again.port, timeout: .seconds(2), retries: 1).scan()
        let complete = try #require(found.cipherSuites.first { $0.version == .tlsv1_2 })
        #expect(complete.accepted == [CipherSuite(0x002F), CipherSuite(0x000A)] && complete.complete && complete.failure == nil)
    }

    @Test func theCommandLineCallsTheIncompleteEnumerationIndeterminate() throws {
        let server = try Self.server(alerts: true, resetOnce: true)
        let result = try CLI.run(["127.0.0.1:\(server.port)", "--retries", "0", "--format", "json"])
        #expect(result.status != 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = json["findings"] as? [[String: Any]] ?? []
        let suites = findings.first { $0["component"] as? String == "cipher-suite" && $0["item"] as? String == "cipher suites" }
        #expect(suites?["verdict"] as? String == "indeterminate", "\(findings.map { ($0["item"], $0["verdict"]) })")
    }

    @Test func aServerThatRefusesByHangingUpIsStillRead() throws {
        // No alerts anywhere: hanging up is how this server refuses, so versions it does not
        // speak are "no" and the enumeration ends complete.
        let server = try Self.server(alerts: false, resetOnce: false)
        let observation = TLSScanner(host: "127.0.0.1", port: server.port, timeout: .seconds(2), retries: 0).scan()
        let statuses = Dictionary(uniqueKeysWithValues: observation.versions.map { ($0.version, $0.status) })
        #expect(
            statuses[.tlsv1_2] == .yes && statuses[.tlsv1_0] == ProbeStatus.no && statuses[.tlsv1_3] == ProbeStatus.no,
            "\(observation.versions)")
        let suites = try #require(observation.cipherSuites.first { $0.version == .tlsv1_2 })
        #expect(suites.accepted == [CipherSuite(0x002F), CipherSuite(0x000A)] && suites.complete)
    }
}
