import CryptCheckOpenSSL
import Foundation
import Synchronization
import Testing

@Suite("OpenSSL wrapper")
struct OpenSSLTests {
    @Test func linksOpenSSL3() {
        #expect(OpenSSLLibrary.majorVersion == 3)
        #expect(OpenSSLLibrary.version.hasPrefix("OpenSSL 3"))
    }

    @Test func sha256KnownAnswer() throws {
        #expect(
            try Digest.sha256Hex(Array("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try Digest.sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    /// A self-signed P-256 certificate made with `openssl req -x509 -newkey ec
    /// -pkeyopt ec_paramgen_curve:P-256 -subj /CN=cryptcheck-test -days 3650 -nodes`; its
    /// fingerprint is what `openssl x509 -noout -fingerprint -sha256` printed for it.
    static let pem = """
        -----BEGIN CERTIFICATE-----
        MIIBiDCCAS+gAwIBAgIUF9vtq9A7TAV1/N6alhWk7iie6YYwCgYIKoZIzj0EAwIw
        GjEYMBYGA1UEAwwPY3J5cHRjaGVjay10ZXN0MB4XDTI2MTEzMDE4MjAxM1oXDTM2
        MTEyNzE4MjAxM1owGjEYMBYGA1UEAwwPY3J5cHRjaGVjay10ZXN0MFkwEwYHKoZI
        zj0CAQYIKoZIzj0DAQcDQgAED0QBwQO9jhFf6SBFEHjttv2ITshG3gS+ZdBYeNYj
        6lQNQTqit3bOz2rFQY85KBdrWkLv6ler33jbFS+LRvfA/6NTMFEwHQYDVR0OBBYE
        FGMQ8Xo7EOP6ddQVW3Wbcp/coZfAMB8GA1UdIwQYMBaAFGMQ8Xo7EOP6ddQVW3Wb
        cp/coZfAMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDRwAwRAIgA1aM2v6M
        Hk2n3XB/ldpdwkVRWjNgHKajjJbTw3dsw6ECIB3bX5QkvZAeOuweLUF/q3Dk++i2
        hWrQN8m1Cf20wWpl
        -----END CERTIFICATE-----
        """
    static let fingerprint = "c3cc21f63e2e6458e9693b2542071435b7d351c7b7e5e8d97ddb1da3689c27c9"

    @Test func parsesPEMAndFingerprintsLikeTheOpenSSLCommand() throws {
        let bundle = Array((Self.pem + "\n" + Self.pem + "\n").utf8)
        let certificates = try X509Certificate.parsePEM(bundle)
        #expect(certificates.count == 2)
        #expect(try certificates[0].sha256Fingerprint() == Self.fingerprint)
        #expect(certificates[0].subject == "CN=cryptcheck-test")
        #expect(certificates[0].issuer == "CN=cryptcheck-test")
        let reparsed = try X509Certificate(der: certificates[0].der)
        #expect(try reparsed.sha256Fingerprint() == Self.fingerprint)
        let truncated = Array(Self.pem.utf8.prefix(200))
        #expect(throws: OpenSSLError.self) { try X509Certificate.parsePEM(truncated) }
    }

    @Test func garbageGivesAnErrorWithTheQueue() throws {
        #expect(throws: OpenSSLError.self) { try X509Certificate.parsePEM(Array("not a certificate".utf8)) }
        #expect(throws: OpenSSLError.self) { try X509Certificate(der: [0x30, 0x03, 0x02, 0x01]) }
        do {
            _ = try X509Certificate(der: [0x30, 0x82, 0xFF])
            Issue.record("parsed garbage")
        } catch let error as OpenSSLError {
            #expect(!error.queue.isEmpty)
            // The message names what was being done; the code is OpenSSL's own for the oldest
            // entry: library 13 is ASN.1 (ERR_LIB_ASN1).
            #expect(error.description.contains("parsing a DER certificate"))
            #expect(error.reasons.count == error.queue.count)
            let first = try #require(error.reasons.first)
            #expect(first.library == 13, "\(error)")
            #expect(error.code.rawValue == "openssl.13.\(first.reason)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

/// The trust store is loaded once per CA file and kept: each verification must still use its
/// own CA file's store, in any order, from several threads at once.
@Suite("Chain verification with kept trust stores")
struct ChainVerifierStoreTests {
    static let certs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/files/certs")

    /// The fixture chain (leaf, intermediate, root) as DER, and a file holding only its root.
    static func chain() throws -> (ders: [[UInt8]], root: String) {
        let bundle = try Data(contentsOf: certs.appendingPathComponent("chain-bundle.pem"))
        let certificates = try X509Certificate.parsePEM(Array(bundle))
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cryptcheck-root-\(UUID().uuidString).pem")
        let text = String(decoding: bundle, as: UTF8.self)
        let last = try #require(text.range(of: "-----BEGIN CERTIFICATE-----", options: .backwards))
        try String(text[last.lowerBound...]).write(to: root, atomically: true, encoding: .utf8)
        return (certificates.map(\.der), root.path)
    }

    @Test func eachCAFileKeepsItsOwnStoreInAnyOrderAndAcrossThreads() throws {
        let (ders, root) = try Self.chain()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let when = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15: inside the fixtures' validity
        let sent = Array(ders.prefix(2))  // leaf and intermediate, as a server sends them
        for _ in 0..<2 {
            #expect(try ChainVerifier.verify(chain: sent, caFile: nil, at: when).trusted == false)
            #expect(try ChainVerifier.verify(chain: sent, caFile: root, at: when).trusted == true)
        }
        // Without the intermediate, the root alone does not build a path.
        let leafOnly = try ChainVerifier.verify(chain: [ders[0]], caFile: root, at: when)
        #expect(!leafOnly.trusted && leafOnly.issuerMissing)
        // A CA file that cannot be loaded fails every time, never a store from before.
        for _ in 0..<2 {
            #expect(throws: OpenSSLError.self) {
                try ChainVerifier.verify(chain: sent, caFile: "/nonexistent/cryptcheck-ca.pem", at: when)
            }
        }
        let results = Mutex<[Bool]>([])
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            let trusted = (try? ChainVerifier.verify(chain: sent, caFile: index.isMultiple(of: 2) ? root : nil, at: when))?.trusted
            results.withLock { $0.append(trusted == index.isMultiple(of: 2)) }
        }
        #expect(results.withLock { $0 } == Array(repeating: true, count: 16))
    }
}
