import CryptCheckModel
import Foundation
import Testing

/// Issue 10 item 9: only TLS 1.3 ECDSA scheme names bind a curve; EdDSA is its curve in any
/// version; and the feature status keeps "not applicable" apart in its JSON.
@Suite("Issue 10: version-aware signature scheme labels")
struct Issue10SchemeLabelTests {
    @Test(arguments: [
        (UInt16(0x0403), "ecdsa_sha256", "ecdsa_secp256r1_sha256", "secp256r1"),
        (UInt16(0x0503), "ecdsa_sha384", "ecdsa_secp384r1_sha384", "secp384r1"),
        (UInt16(0x0603), "ecdsa_sha512", "ecdsa_secp521r1_sha512", "secp521r1"),
    ])
    func ecdsaNamesBindACurveOnlyInTLS13(code: UInt16, tls12: String, tls13: String, curve: String) {
        let scheme = SignatureScheme(code)
        #expect(scheme.name(in: .tlsv1_2) == tls12)
        #expect(scheme.name(in: .tlsv1_3) == tls13)
        #expect(scheme.curve(in: .tlsv1_2) == nil)
        #expect(scheme.curve(in: .tlsv1_3) == curve)
        #expect(SignatureScheme(name: tls13) == scheme)
    }

    @Test func otherSchemesKeepTheirNameAndEdDSAItsCurve() {
        #expect(SignatureScheme(0x0804).name(in: .tlsv1_2) == "rsa_pss_rsae_sha256")
        #expect(SignatureScheme(0x0804).name(in: .tlsv1_3) == "rsa_pss_rsae_sha256")
        #expect(SignatureScheme(0x0807).curve(in: .tlsv1_2) == "ed25519")
        #expect(SignatureScheme(0x0807).curve(in: .tlsv1_3) == "ed25519")
        #expect(SignatureScheme(0x081A).curve(in: .tlsv1_3) == "brainpoolp256r1")
        #expect(SignatureScheme(0x0201).curve(in: .tlsv1_3) == nil)
        #expect(SignatureScheme(0xFAFA).name(in: .tlsv1_3) == SignatureScheme(0xFAFA).name)
    }

    @Test func featureStatusRoundTripsAndReadsTheOlderForm() throws {
        let statuses: [FeatureStatus] = [.yes, .no, .notApplicable(reason: "no CBC suite"), .failed(reason: "reset")]
        let data = try JSONEncoder().encode(statuses)
        #expect(try JSONDecoder().decode([FeatureStatus].self, from: data) == statuses)
        #expect(String(decoding: data, as: UTF8.self).contains("{\"notApplicable\":\"no CBC suite\"}"))
        let old = Data(#"["yes","no",{"failed":"reset"}]"#.utf8)
        #expect(try JSONDecoder().decode([FeatureStatus].self, from: old) == [.yes, .no, .failed(reason: "reset")])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([FeatureStatus].self, from: Data(#"["maybe"]"#.utf8)) }
    }
}
