import CryptCheckModel
import Foundation
import Testing

@testable import CryptCheckPolicy

/// Issue 12, item 3: GL-3001 profiles are judged by GL-3001's own suite classes and certificate,
/// group and signature rules, whatever ciphers list the run selects.
@Suite("GL-3001 profiles judged by GL-3001")
struct GuidelineSuiteClassTests {
    static let lists = ["LS-0001-2012R0", "LS-0001-2012R8", "LS-0001-2022R0", "LS-0001-2022R2"]
    static let ecdsaSHA256 = SignatureAlgorithmFacts(
        oid: "1.2.840.10045.4.3.2", name: "ecdsa-with-SHA256", scheme: "ecdsa", hash: "sha-256")
    static let sha1WithRSA = SignatureAlgorithmFacts(
        oid: "1.2.840.113549.1.1.5", name: "sha1WithRSAEncryption",
        scheme: "rsassa-pkcs1-v1_5", hash: "sha-1")

    func endpoint(
        suites: [ProtocolVersion: [UInt16]], key: KeyFacts = KeyFacts(algorithm: .ec, bits: 256, curve: "secp256r1"),
        signature: SignatureAlgorithmFacts = ecdsaSHA256, groups: [UInt16] = [0x001D, 0x0017],
        schemes: [UInt16] = [0x0403]
    ) -> TLSEndpointObservation {
        let certificate = Lists.certificate(key: key, signature: signature)
        return TLSEndpointObservation(
            host: "127.0.0.1", port: 443,
            versions: ProtocolVersion.all.map { VersionSupport(version: $0, status: suites[$0] != nil ? .yes : .no) },
            cipherSuites: suites.map { SuiteEnumeration(version: $0.key, accepted: $0.value.map { CipherSuite($0) }, preference: .server) },
            groups: GroupEnumeration(accepted: groups.map { NamedGroup($0) }),
            signatureSchemes: [
                SchemeEnumeration(accepted: schemes.map { SignatureScheme($0) }),
                SchemeEnumeration(version: .tlsv1_3, accepted: schemes.map { SignatureScheme($0) }),
            ],
            certificateChains: [CertificateChain(certificates: [certificate], trusted: true, hostnameMatches: true)])
    }

    /// Profile results by profile ID, judged with `list`.
    func results(_ endpoint: TLSEndpointObservation, list: String) -> [String: ProfileResult] {
        let judge = Lists.judge(list)
        let results = judge.profileResults(endpoint, findings: judge.endpointFindings(endpoint))
        return Dictionary(uniqueKeysWithValues: results.map { ($0.profile, $0) })
    }

    /// What decides a profile, without the name of the list the run used.
    func verdicts(_ endpoint: TLSEndpointObservation, list: String) -> [String: [String]] {
        results(endpoint, list: list).mapValues { ["\($0.status)"] + $0.reasons + ["--"] + $0.advisories }
    }

    /// Checks that every list gives the same profile verdicts, and returns them.
    func sameUnderEveryList(_ endpoint: TLSEndpointObservation) -> [String: ProfileResult] {
        let reference = verdicts(endpoint, list: Self.lists[0])
        for list in Self.lists.dropFirst() {
            #expect(verdicts(endpoint, list: list) == reference, "\(list) differs from \(Self.lists[0])")
        }
        return results(endpoint, list: Self.lists[0])
    }

    @Test func chaCha20Poly1305MeetsEveryProfileUnderEveryList() {
        let server = endpoint(suites: [.tlsv1_3: [0x1303], .tlsv1_2: [0xCCA9]])
        // The 2013 list has no ChaCha20-Poly1305: the suite finding differs, the profiles do not.
        #expect(Lists.judge("LS-0001-2012R0").suiteFinding(CipherSuite(0xCCA9), version: .tlsv1_2, subject: "e").listStatus == .notListed)
        let results = sameUnderEveryList(server)
        for profile in ["high", "recommended", "exception"] {
            #expect(results[profile]?.status == .meets, "\(profile): \(results[profile]?.reasons ?? [])")
            #expect(results[profile]?.advisories == [], "\(profile)")
        }
    }

    @Test func rc4FailsEveryProfileUnderEveryList() {
        let server = endpoint(suites: [.tlsv1_2: [0xC02B, 0xC011]])  // ECDHE-RSA-RC4-SHA beside an AEAD suite
        // The 2013 list has 128-bit RC4 on its Monitored list: the profiles still fail.
        #expect(Lists.judge("LS-0001-2012R0").suiteFinding(CipherSuite(0xC011), version: .tlsv1_2, subject: "e").listStatus == .monitored)
        let results = sameUnderEveryList(server)
        for profile in ["high", "recommended", "exception"] {
            #expect(results[profile]?.status == .fails, "\(profile)")
            #expect(
                results[profile]?.reasons.contains {
                    $0.contains("TLS_ECDHE_RSA_WITH_RC4_128_SHA") && $0.contains("is prohibited: RC4 [secondary, derived]")
                } == true,
                "\(profile): \(results[profile]?.reasons ?? [])")
        }
    }

    @Test func otherProhibitedClassesFailEveryProfile() {
        let cases: [(UInt16, String)] = [
            (0x0001, "NULL encryption"), (0x0018, "RC4"), (0x0034, "anonymous key exchange"),
            (0x0003, "export suites"), (0x0009, "single DES"),
        ]
        for (code, name) in cases {
            let results = sameUnderEveryList(endpoint(suites: [.tlsv1_2: [0xC02B], .tlsv1_0: [code]]))
            for profile in ["high", "recommended", "exception"] {
                #expect(
                    results[profile]?.reasons.contains { $0.contains("is prohibited:") && $0.contains("\(name) [") } == true,
                    "\(code) \(profile): \(results[profile]?.reasons ?? [])")
            }
        }
        let ssl3 = sameUnderEveryList(endpoint(suites: [.tlsv1_2: [0xC02B], .sslv3: [0x002F]]))
        #expect(
            ssl3["exception"]?.reasons.contains { $0.contains("is prohibited:") && $0.contains("SSL 3.0 and below [confirmed, derived]") }
                == true)
    }

    @Test func aSuiteInNeitherClassIsAnAdvisoryNotAFailure() {
        // RSA key transport: neither class in the recommended profile, recommended in the exception one.
        let server = endpoint(suites: [.tlsv1_3: [0x1301], .tlsv1_2: [0xC02B, 0x009C]])
        let results = sameUnderEveryList(server)
        #expect(results["recommended"]?.status == .meets, "\(results["recommended"]?.reasons ?? [])")
        #expect(
            results["recommended"]?.advisories == [
                "TLS_RSA_WITH_AES_128_GCM_SHA256 under TLSv1.2 is neither recommended nor prohibited (should-level)"
            ])
        #expect(results["exception"]?.status == .meets && results["exception"]?.advisories == [])
        // CCM with an 8-byte tag under TLS 1.3: the high profile's rules all pass, the class is neither.
        let ccm8 = sameUnderEveryList(endpoint(suites: [.tlsv1_3: [0x1301, 0x1305]]))
        #expect(ccm8["high"]?.status == .meets, "\(ccm8["high"]?.reasons ?? [])")
        #expect(ccm8["high"]?.advisories.contains { $0.contains("TLS_AES_128_CCM_8_SHA256") } == true)
    }

    @Test func aSHA1ServerCertificateFailsEveryProfile() {
        let server = endpoint(
            suites: [.tlsv1_3: [0x1301], .tlsv1_2: [0xC02F]], key: KeyFacts(algorithm: .rsa, bits: 3072),
            signature: Self.sha1WithRSA, schemes: [0x0804])
        let results = sameUnderEveryList(server)
        for profile in ["high", "recommended", "exception"] {
            #expect(results[profile]?.status == .fails, "\(profile)")
            #expect(results[profile]?.reasons.contains("certificate 'CN=test' is signed with SHA-1") == true, "\(profile)")
        }
    }

    @Test func certificateKeysGroupsAndSignatureSchemes() {
        let rsa2048 = sameUnderEveryList(
            endpoint(
                suites: [.tlsv1_3: [0x1301]], key: KeyFacts(algorithm: .rsa, bits: 2048),
                signature: Lists.sha256WithRSA, schemes: [0x0804]))
        #expect(rsa2048["recommended"]?.status == .meets, "\(rsa2048["recommended"]?.reasons ?? [])")
        #expect(rsa2048["high"]?.reasons.contains("server certificate 'CN=test' has a RSA-2048 key, below 3072 bits") == true)
        let dsa = sameUnderEveryList(
            endpoint(
                suites: [.tlsv1_2: [0xC02B]], key: KeyFacts(algorithm: .dsa, bits: 2048),
                signature: Lists.sha256WithRSA))
        #expect(dsa["recommended"]?.reasons.contains { $0.contains("has a DSA-2048 key (allowed: rsa, rsa-pss, ec)") } == true)
        // A group outside the recommended set is should-level.
        let brainpool = sameUnderEveryList(endpoint(suites: [.tlsv1_2: [0xC02B]], groups: [0x0017, 0x001A]))
        #expect(brainpool["recommended"]?.status == .meets, "\(brainpool["recommended"]?.reasons ?? [])")
        #expect(brainpool["recommended"]?.advisories == ["group brainpoolp256r1 is not among the recommended groups"])
        // A SHA-1 handshake signature scheme is prohibited.
        let sha1 = sameUnderEveryList(endpoint(suites: [.tlsv1_2: [0xC02B]], schemes: [0x0403, 0x0203]))
        #expect(
            sha1["exception"]?.reasons.contains { $0.hasPrefix("signature scheme") && $0.contains("uses SHA-1") } == true,
            "\(sha1["exception"]?.reasons ?? [])")
    }

    @Test func advisoriesTravelInJSONAndOldReportsDecode() throws {
        let results = sameUnderEveryList(endpoint(suites: [.tlsv1_2: [0xC02B, 0x009C]]))
        let result = try #require(results["recommended"])
        let data = try JSONEncoder().encode(result)
        #expect(String(decoding: data, as: UTF8.self).contains("\"advisories\""))
        #expect(try JSONDecoder().decode(ProfileResult.self, from: data) == result)
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["advisories"] = nil
        let old = try JSONDecoder().decode(ProfileResult.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(old.advisories == [] && old.status == result.status)
    }
}
