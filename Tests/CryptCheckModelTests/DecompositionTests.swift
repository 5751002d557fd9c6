import CryptCheckModel
import Foundation
import Testing

@Suite("Suite, group and scheme decomposition")
struct DecompositionTests {
    @Test func aeadSuiteWithForwardSecrecy() throws {
        let info = try #require(CipherSuite(0xC02F).info)
        #expect(info.ianaName == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
        #expect(info.opensslName == "ECDHE-RSA-AES128-GCM-SHA256")
        #expect(info.keyExchange == .ecdhe && info.authentication == .rsa)
        #expect(info.cipher == BulkCipher(algorithm: "aes", keyBits: 128, strengthBits: 128))
        #expect(info.mode == .gcm && info.isAEAD && info.mac == nil)
        #expect(info.prfHash == "sha-256")
        #expect(info.hasForwardSecrecy && !info.isExport && !info.isAnonymous && info.isStandard)
        #expect(info.versions == ProtocolVersion.tlsv1_2...ProtocolVersion.tlsv1_2)
    }

    @Test func legacySuites() throws {
        let tripleDES = try #require(CipherSuite(0x000A).info)
        #expect(tripleDES.cipher == BulkCipher(algorithm: "3des", keyBits: 168, strengthBits: 112))
        #expect(tripleDES.mac == MACAlgorithm(primitive: "hmac", hash: "sha-1"))
        #expect(tripleDES.keyExchange == .rsa && !tripleDES.hasForwardSecrecy)
        #expect(tripleDES.versions == ProtocolVersion.sslv3...ProtocolVersion.tlsv1_2)
        let export = try #require(CipherSuite(0x0003).info)
        #expect(export.isExport && export.cipher?.strengthBits == 40)
        let anonymous = try #require(CipherSuite(0x0034).info)
        #expect(anonymous.isAnonymous && anonymous.keyExchange == .dhAnon)
        let null = try #require(CipherSuite(0x0002).info)
        #expect(null.isNullCipher && null.mac?.hash == "sha-1")
        let chacha = try #require(CipherSuite(0xCCA8).info)
        #expect(chacha.aeadConstruction == "chacha20-poly1305")
        let draftChacha = try #require(CipherSuite(0xCC13).info)
        #expect(!draftChacha.isStandard && draftChacha.opensslName == nil)
    }

    @Test func tls13Suites() throws {
        let info = try #require(CipherSuite(name: "TLS_AES_256_GCM_SHA384")?.info)
        #expect(info.code == 0x1302 && info.prfHash == "sha-384")
        #expect(info.versions == ProtocolVersion.tlsv1_3...ProtocolVersion.tlsv1_3)
        #expect(info.keyExchange == .negotiatedSeparately)
    }

    @Test func groupsDecompose() throws {
        let hybrid = try #require(NamedGroup(name: "X25519MLKEM768")?.info)
        #expect(hybrid.code == 0x11EC && hybrid.kind == .hybrid && hybrid.curve == "x25519" && hybrid.kem == "ml-kem-768")
        let ffdhe = try #require(NamedGroup(0x0101).info)
        #expect(ffdhe.kind == .ffdhe && ffdhe.ffdheBits == 3072)
        let p256 = try #require(NamedGroup(name: "prime256v1")?.info)
        #expect(p256.code == 0x0017 && p256.curve == "secp256r1")
        let kyberDraft = try #require(NamedGroup(0x6399).info)
        #expect(kyberDraft.kem == "kyber" && !kyberDraft.isStandard)
    }

    @Test func signatureSchemesDecompose() throws {
        let pss = try #require(SignatureScheme(name: "rsa_pss_rsae_sha256")?.info)
        #expect(pss.components == ["rsa-pss"] && pss.hash == "sha-256")
        let pkcs1 = try #require(SignatureScheme(name: "rsa_pkcs1_sha1")?.info)
        #expect(pkcs1.code == 0x0201 && pkcs1.components == ["rsassa-pkcs1-v1_5"] && pkcs1.hash == "sha-1")
        let ecdsa = try #require(SignatureScheme(0x0503).info)
        #expect(ecdsa.curve == "secp384r1")
        let ed25519 = try #require(SignatureScheme(0x0807).info)
        #expect(ed25519.components == ["eddsa"] && ed25519.hash == nil && ed25519.curve == "ed25519")
        let composite = try #require(SignatureScheme(0xFF06).info)
        #expect(composite.components == ["ecdsa", "ml-dsa"] && !composite.isStandard)
    }

    @Test func observationsRoundTripThroughJSON() throws {
        let set = ObservationSet(
            tool: "test", observedAt: Date(timeIntervalSince1970: 1_700_000_000),
            endpoints: [
                TLSEndpointObservation(
                    host: "::1", port: 8443,
                    versions: [
                        VersionSupport(version: .tlsv1_2, status: .yes),
                        VersionSupport(version: .tlsv1_0, status: .failed(reason: "timeout")),
                    ],
                    cipherSuites: [SuiteEnumeration(version: .tlsv1_2, accepted: [CipherSuite(0xC02F), CipherSuite(0x7777)])],
                    groups: GroupEnumeration(accepted: [NamedGroup(0x11EC)]))
            ],
            files: [
                FileObservation(
                    path: "/tmp/k.pem",
                    items: [
                        FileItem(
                            kind: .privateKey, format: "PEM",
                            key: KeyFacts(algorithm: .ec, bits: 256, curve: "secp256r1"))
                    ])
            ])
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let data = try encoder.encode(set)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"0xC02F\"") && text.contains("\"TLSv1.2\"") && text.contains("\"failed\":\"timeout\""))
        #expect(try decoder.decode(ObservationSet.self, from: data) == set)
        #expect(set.endpoints[0].endpoint == "[::1]:8443")
    }
}
