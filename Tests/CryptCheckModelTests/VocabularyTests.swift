import CryptCheckModel
import Foundation
import Testing

/// Issue 13 item 1: the words that cross module boundaries are open sets of strings with named
/// known values, written and read as the bare string.
@Suite("Vocabularies")
struct VocabularyTests {
    static func rawValues<T: Vocabulary>(_ type: T.Type) -> [String] { T.known.map(\.rawValue) }

    @Test func knownValuesAreDistinct() {
        for values in [
            Self.rawValues(FindingComponent.self), Self.rawValues(PrimitiveRole.self), Self.rawValues(StrengthFamily.self),
            Self.rawValues(ProtocolFeature.self), Self.rawValues(RemediationCode.self),
        ] {
            #expect(Set(values).count == values.count, "\(values)")
        }
    }

    @Test func aWordIsWrittenAsTheBareString() throws {
        let components: [FindingComponent] = [.cipherSuite, .sshCertificateCAKey]
        #expect(String(decoding: try JSONEncoder().encode(components), as: UTF8.self) == #"["cipher-suite","ssh-certificate-ca-key"]"#)
        let roles: [PrimitiveRole] = [.macHash, .envelopeMAC, .legacyPBE]
        #expect(String(decoding: try JSONEncoder().encode(roles), as: UTF8.self) == #"["MAC hash","mac","legacy-pbe"]"#)
        #expect("\(StrengthFamily.ffc) \(ProtocolFeature.fallbackSCSV) \(RemediationCode.rerunScan)" == "ffc fallback-scsv rerun-scan")
    }

    /// Observations written by a newer tool still load: an unknown word is an open value.
    @Test func anUnknownWordDecodesToAnOpenValue() throws {
        let features = try JSONDecoder().decode([ProtocolFeature].self, from: Data(#"["secure-renegotiation","ech"]"#.utf8))
        #expect(features == [.secureRenegotiation, ProtocolFeature(rawValue: "ech")])
        #expect(features.map(\.isKnown) == [true, false])
        let protection = try JSONDecoder().decode(
            ProtectionAlgorithm.self, from: Data(#"{"role":"integrity","primitive":"sha-1"}"#.utf8))
        #expect(protection.role == .integrity)
        let newer = try JSONDecoder().decode(ProtectionAlgorithm.self, from: Data(#"{"role":"aead-kdf","primitive":"hkdf"}"#.utf8))
        #expect(newer.role == PrimitiveRole(rawValue: "aead-kdf") && !newer.role.isKnown)
    }

    @Test func fileItemsMapToKnownComponents() {
        for kind in FileItemKind.allCases { #expect(FindingComponent(kind).isKnown, "\(kind)") }
        for kind in [FileItemKind.certificate, .certificateRequest, .crl, .sshCertificate] {
            #expect(FindingComponent.signature(of: kind).isKnown && FindingComponent.signature(of: kind).isSignature, "\(kind)")
        }
        #expect(PrimitiveRole.kdf.hash == .kdfHash && PrimitiveRole.envelopeMAC.hash == .envelopeMACHash)
    }
}
