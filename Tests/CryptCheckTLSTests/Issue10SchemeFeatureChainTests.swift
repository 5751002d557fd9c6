import CryptCheckModel
import TestSupport
import Testing

@testable import CryptCheckTLS

/// Issue 10 items 5, 6, 9 and 12 against real `openssl s_server` instances: signature schemes
/// of servers whose certificate is signed with a legacy hash, encrypt-then-MAC tested where it
/// can show, TLS 1.2 ECDSA schemes on any curve, and TLS 1.3 chains from CCM-only servers.
@Suite("Issue 10: signature schemes, encrypt-then-MAC and TLS 1.3 chains", .serialized)
struct Issue10SchemeFeatureChainTests {
    static let files = LocalServer.fixtures
    static let rsaCert = files + "/certs/rsa2048-sha256.pem"
    static let rsaKey = files + "/keys/rsa2048-pkcs1.pem"

    func scanner(_ server: LocalServer) -> TLSScanner {
        TLSScanner(host: "127.0.0.1", port: server.port, timeout: .seconds(5))
    }

    func feature(_ observation: TLSEndpointObservation, _ name: ProtocolFeature) -> FeatureStatus? {
        observation.features.first { $0.feature == name }?.status
    }

    // MARK: item 5

    /// OpenSSL refuses to serve a chain signed with a hash outside signature_algorithms_cert,
    /// and has no code point at all for MD5 there: the probe must ask again without it.
    @Test(arguments: ["rsa2048-sha1.pem", "rsa2048-md5.pem"])
    func schemesOfAServerWhoseCertificateIsSignedWithALegacyHash(certificate: String) throws {
        let server = try LocalServer([
            "-cert", Self.files + "/certs/" + certificate, "-key", Self.rsaKey,
            "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0",
            "-sigalgs", "rsa_pkcs1_sha256:rsa_pss_rsae_sha256:rsa_pss_rsae_sha384",
        ])
        let observation = scanner(server).scan()
        let tls12 = try #require(observation.signatureSchemes.first { $0.version == .tlsv1_2 })
        #expect(Set(tls12.accepted) == [SignatureScheme(0x0401), SignatureScheme(0x0804), SignatureScheme(0x0805)])
        #expect(tls12.complete)
        let tls13 = try #require(observation.signatureSchemes.first { $0.version == .tlsv1_3 })
        #expect(Set(tls13.accepted) == [SignatureScheme(0x0804), SignatureScheme(0x0805)])
        #expect(tls13.complete)
        #expect(observation.failures.isEmpty, "\(observation.failures)")
    }

    /// A server that completes handshakes signs with something: a list it would not show is
    /// incomplete, never empty and complete (here the enumeration is given a suite the server
    /// does not accept, so every hello is refused).
    @Test func schemesNeverComeOutEmptyAndComplete() throws {
        let server = try LocalServer(["-cert", Self.rsaCert, "-key", Self.rsaKey, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"])
        let scanner = scanner(server)
        let (part, failures) = scanner.enumerateSchemes(tls12: SuiteEnumeration(version: .tlsv1_2, accepted: [CipherSuite(0xC030)]))
        guard case .schemes(let schemes?) = part else { Issue.record("no TLS 1.2 scheme enumeration"); return }
        #expect(schemes.accepted.isEmpty && !schemes.complete)
        #expect(failures.count == 1)
        let (part13, failures13) = scanner.enumerateSchemesTLS13()
        guard case .schemes(let schemes13?) = part13 else { Issue.record("no TLS 1.3 scheme enumeration"); return }
        #expect(schemes13.accepted.isEmpty && !schemes13.complete)
        #expect(!failures13.isEmpty)
    }

    // MARK: item 6

    /// With the server preferring an AEAD suite, only a hello of CBC suites shows ETM.
    @Test func encryptThenMACIsSeenWithACBCSuiteTheServerAccepts() throws {
        let server = try LocalServer([
            "-cert", Self.rsaCert, "-key", Self.rsaKey, "-tls1_2", "-serverpref",
            "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA",
        ])
        let observation = scanner(server).scan()
        #expect(feature(observation, .encryptThenMAC) == .yes)
        #expect(feature(observation, .extendedMasterSecret) == .yes)
        #expect(feature(observation, .secureRenegotiation) == .yes)
        #expect(
            feature(observation, .fallbackSCSV)
                == .notApplicable(reason: "one protocol version accepted: there is nothing to fall back to"))
    }

    @Test func encryptThenMACIsNoWhenTheServerDisablesIt() throws {
        let server = try LocalServer([
            "-cert", Self.rsaCert, "-key", Self.rsaKey, "-tls1_2", "-serverpref", "-no_etm",
            "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA",
        ])
        #expect(feature(scanner(server).scan(), .encryptThenMAC) == .no)
    }

    @Test func encryptThenMACDoesNotApplyToAnAEADOnlyServer() throws {
        let server = try LocalServer([
            "-cert", Self.rsaCert, "-key", Self.rsaKey, "-tls1_2",
            "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305",
        ])
        let observation = scanner(server).scan()
        #expect(feature(observation, .encryptThenMAC) == .notApplicable(reason: "the server accepts no CBC suite"))
        #expect(feature(observation, .extendedMasterSecret) == .yes)
        #expect(!observation.features.contains { $0.status.isFailure }, "\(observation.features)")
    }

    @Test func fallbackProtectionIsTestedWithTheLowerVersionsAcceptedSuites() throws {
        let server = try LocalServer([
            "-cert", Self.rsaCert, "-key", Self.rsaKey, "-min_protocol", "TLSv1.2",
            "-cipher", "ECDHE-RSA-AES128-GCM-SHA256",
        ])
        let observation = scanner(server).scan()
        #expect(feature(observation, .fallbackSCSV) == .yes)
        #expect(feature(observation, .encryptThenMAC) == .notApplicable(reason: "the server accepts no CBC suite"))
    }

    // MARK: item 9

    /// In TLS 1.2 a P-256 key signs with ECDSA and SHA-512 (0x0603, whose TLS 1.3 name binds
    /// P-521); in TLS 1.3 it signs only with ecdsa_secp256r1_sha256.
    @Test func tls12ECDSASchemesAreNotBoundToACurve() throws {
        let server = try LocalServer([
            "-cert", Self.files + "/certs/ec-p256-sha256.pem", "-key", Self.files + "/keys/ec-p256-sec1.pem",
            "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256", "-sigalgs", "ecdsa_secp256r1_sha256:ecdsa_secp521r1_sha512",
        ])
        let observation = scanner(server).scan()
        let tls12 = try #require(observation.signatureSchemes.first { $0.version == .tlsv1_2 })
        #expect(Set(tls12.accepted) == [SignatureScheme(0x0403), SignatureScheme(0x0603)])
        let tls13 = try #require(observation.signatureSchemes.first { $0.version == .tlsv1_3 })
        #expect(tls13.accepted == [SignatureScheme(0x0403)])
        #expect(SignatureScheme(0x0603).name(in: tls12.version) == "ecdsa_sha512")
        #expect(SignatureScheme(0x0603).curve(in: tls12.version) == nil)
    }

    // MARK: item 12

    /// OpenSSL's client leaves the CCM suites out by default; the chain fetch offers what the
    /// server accepted.
    @Test(arguments: ["TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_8_SHA256"])
    func tls13ChainOfACCMOnlyServer(suite: String) throws {
        let server = try LocalServer(["-cert", Self.rsaCert, "-key", Self.rsaKey, "-tls1_3", "-ciphersuites", suite])
        let observation = scanner(server).scan()
        #expect(observation.cipherSuites.first { $0.version == .tlsv1_3 }?.accepted.count == 1)
        let leaf = try #require(observation.certificateChains.first?.certificates.first)
        #expect(leaf.subject == "CN=rsa2048")
        #expect(observation.failures.isEmpty, "\(observation.failures)")
    }

    /// Suites the linked OpenSSL cannot do are not silently replaced by its defaults: the
    /// failure names them.
    @Test func tls13ChainFetchSaysWhenOpenSSLCanDoNoneOfTheSuites() throws {
        let server = try LocalServer(["-cert", Self.rsaCert, "-key", Self.rsaKey, "-tls1_3"])
        let (part, failures) = scanner(server).tls13Chains(SuiteEnumeration(version: .tlsv1_3, accepted: [CipherSuite(0xC0B4)]))
        guard case .chains(let chains) = part else { Issue.record("no chains part"); return }
        #expect(chains.isEmpty)
        #expect(failures.map(\.code) == [.handshakeNoCommonSuite], "\(failures)")
        // The message names the suites.
        #expect(failures.first?.message.contains("none of the suites the server accepted (0xC0B4)") == true, "\(failures)")
    }
}
