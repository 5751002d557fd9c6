import CryptCheckModel
import Testing

@testable import CryptCheckPolicy

@Suite("GL-3001 profile conformance")
struct ProfileTests {
    func endpoint(versions: [ProtocolVersion], suites: [ProtocolVersion: [UInt16]]) -> TLSEndpointObservation {
        let certificate = Lists.certificate(
            key: KeyFacts(algorithm: .ec, bits: 256, curve: "secp256r1"),
            signature: SignatureAlgorithmFacts(
                oid: "1.2.840.10045.4.3.2", name: "ecdsa-with-SHA256",
                scheme: "ecdsa", hash: "sha-256"))
        return TLSEndpointObservation(
            host: "127.0.0.1", port: 443,
            versions: ProtocolVersion.all.map { VersionSupport(version: $0, status: versions.contains($0) ? .yes : .no) },
            cipherSuites: suites.map { SuiteEnumeration(version: $0.key, accepted: $0.value.map { CipherSuite($0) }, preference: .server) },
            groups: GroupEnumeration(accepted: [NamedGroup(0x0017), NamedGroup(0x0018)]),
            signatureSchemes: [
                SchemeEnumeration(accepted: [SignatureScheme(0x0403)]),
                SchemeEnumeration(version: .tlsv1_3, accepted: [SignatureScheme(0x0403)]),
            ],
            certificateChains: [CertificateChain(certificates: [certificate], trusted: true, hostnameMatches: true)])
    }

    func results(_ endpoint: TLSEndpointObservation) -> [String: ProfileResult] {
        let judge = Lists.judge("LS-0001-2022")
        let results = judge.profileResults(endpoint, findings: judge.endpointFindings(endpoint))
        return Dictionary(uniqueKeysWithValues: results.map { ($0.profile, $0) })
    }

    @Test func modernServerMeetsEveryProfile() {
        let modern = endpoint(versions: [.tlsv1_2, .tlsv1_3], suites: [.tlsv1_3: [0x1301, 0x1302], .tlsv1_2: [0xC02B, 0xC02C]])
        let results = results(modern)
        #expect(results["high"]?.status == .meets, "\(results["high"]?.reasons ?? [])")
        #expect(results["recommended"]?.status == .meets)
        #expect(results["exception"]?.status == .meets)
        #expect(results["high"]?.derived == true)
    }

    /// A suite the server chose and then did not complete is not accepted, and not refused
    /// either: a profile it would fail is undecided, never met; one it would not fail is unchanged.
    @Test func aSuiteChosenThenFailedLeavesTheProfilesItWouldFailUndecided() throws {
        var server = endpoint(versions: [.tlsv1_2, .tlsv1_3], suites: [.tlsv1_3: [0x1301], .tlsv1_2: [0xC02B]])
        let index = try #require(server.cipherSuites.firstIndex { $0.version == .tlsv1_2 })
        server.cipherSuites[index].chosenThenFailed = [
            ChosenThenFailed(suite: CipherSuite(0x009C), seen: "ServerHello, then the connection closed")
        ]
        let results = results(server)
        let high = try #require(results["high"])
        #expect(high.status == .indeterminate, "\(high.reasons)")
        let reason = try #require(high.reasonDetails.first { $0.kind == .chosenThenFailed }, "\(high.reasonDetails)")
        #expect(reason.item == "TLS_RSA_WITH_AES_128_GCM_SHA256" && reason.version == "TLSv1.2")
        #expect(reason.english.contains("no forward secrecy"), "\(reason.english)")
        #expect(results["recommended"]?.status == .meets, "\(results["recommended"]?.reasons ?? [])")
        // Without it, the same server meets both.
        server.cipherSuites[index].chosenThenFailed = nil
        #expect(self.results(server)["high"]?.status == .meets)
    }

    @Test func legacyVersionsOnlyMeetTheExceptionProfile() {
        let legacy = endpoint(versions: [.tlsv1_0, .tlsv1_2], suites: [.tlsv1_0: [0xC009], .tlsv1_2: [0xC02B]])
        let results = results(legacy)
        #expect(results["high"]?.status == .fails)
        #expect(results["high"]?.reasons.contains("TLSv1.3 is required but not accepted") == true)
        #expect(results["recommended"]?.status == .fails)
        #expect(results["recommended"]?.reasons.contains("TLSv1.0 is accepted but not allowed") == true)
        #expect(results["exception"]?.status == .meets, "\(results["exception"]?.reasons ?? [])")
    }

    @Test func sslv3FailsEveryProfileAndIsCritical() {
        let old = endpoint(versions: [.sslv3, .tlsv1_2], suites: [.sslv3: [0x002F], .tlsv1_2: [0xC02B]])
        #expect(results(old).values.allSatisfy { $0.status == .fails })
        let version = Lists.judge("LS-0001-2022").versionFinding(.sslv3, subject: "e")
        #expect(version.verdict == .violation && version.severity == .critical && version.basis?.revision == "GL-3001-3.0.1")
    }

    @Test func rsaKeyTransportFailsHighButMeetsRecommended() {
        let server = endpoint(versions: [.tlsv1_2, .tlsv1_3], suites: [.tlsv1_3: [0x1301], .tlsv1_2: [0xC02B, 0x009C]])
        let results = results(server)
        #expect(results["high"]?.status == .fails)
        #expect(
            results["high"]?.reasons.contains { $0.contains("TLS_RSA_WITH_AES_128_GCM_SHA256") && $0.contains("forward secrecy") } == true)
        #expect(results["recommended"]?.status == .meets)
    }
}
