import CryptCheckOpenSSL
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
