import CryptCheckModel
import Foundation
import Testing

@Suite("Registry invariants")
struct RegistryInvariantTests {
    @Test func registriesHaveEveryRowOfTheSourceTables() {
        #expect(CipherSuiteRegistry.all.count == 408)
        #expect(SSLv2CipherKindRegistry.all.count == 13)
        #expect(NamedGroupRegistry.all.count == 198)
        #expect(SignatureSchemeRegistry.all.count == 201)
        #expect(SSHAlgorithmRegistry.all.count == 413)
    }

    @Test func codePointsAreUnique() {
        #expect(CipherSuiteRegistry.byCode.count == CipherSuiteRegistry.all.count)
        #expect(NamedGroupRegistry.byCode.count == NamedGroupRegistry.all.count)
        #expect(SignatureSchemeRegistry.byCode.count == SignatureSchemeRegistry.all.count)
        #expect(SSLv2CipherKindRegistry.byCode.count == SSLv2CipherKindRegistry.all.count)
    }

    @Test func namesAreUnique() {
        let iana = CipherSuiteRegistry.all.compactMap(\.ianaName)
        #expect(Set(iana).count == iana.count)
        let openssl = CipherSuiteRegistry.all.compactMap(\.opensslName)
        #expect(Set(openssl).count == openssl.count)
        #expect(Set(NamedGroupRegistry.all.map(\.name)).count == NamedGroupRegistry.all.count)
        #expect(Set(SignatureSchemeRegistry.all.map(\.name)).count == SignatureSchemeRegistry.all.count)
    }

    @Test func everyNameRoundTripsToItsCode() {
        for info in CipherSuiteRegistry.all {
            if let name = info.ianaName { #expect(CipherSuite(name: name)?.rawValue == info.code, "\(name)") }
            if let name = info.opensslName { #expect(CipherSuite(name: name)?.rawValue == info.code, "\(name)") }
            #expect(CipherSuite(name: CipherSuite(info.code).hex)?.rawValue == info.code)
        }
        for info in NamedGroupRegistry.all {
            #expect(NamedGroup(name: info.name)?.rawValue == info.code, "\(info.name)")
        }
        for info in SignatureSchemeRegistry.all {
            #expect(SignatureScheme(name: info.name)?.rawValue == info.code, "\(info.name)")
        }
    }

    @Test func everyRowDecomposesIntoCataloguedPrimitives() {
        for info in CipherSuiteRegistry.all {
            if let cipher = info.cipher {
                #expect(cipher.algorithm.isKnown, "\(info.displayName): \(cipher.algorithm)")
                #expect(cipher.keyBits >= cipher.strengthBits && cipher.strengthBits >= 40, "\(info.displayName)")
            } else {
                #expect(info.displayName.contains("NULL") || info.ianaName == nil, "\(info.displayName) has no cipher")
            }
            if let mac = info.mac {
                #expect(mac.primitive.isKnown)
                if let hash = mac.hash { #expect(hash.isKnown) }
            } else {
                #expect(info.isAEAD || info.code == 0x0000, "\(info.displayName): a non-AEAD suite needs a MAC")
            }
            if let prf = info.prfHash { #expect(prf.isKnown) }
            #expect(info.versions.lowerBound >= .sslv3 && info.versions.upperBound <= .tlsv1_3)
            if info.versions.lowerBound == .tlsv1_3 {
                // RFC 9367 GOST suites name their key exchange even in TLS 1.3; all others leave it to the groups.
                #expect(info.keyExchange == .negotiatedSeparately || info.keyExchange == .gost, "\(info.displayName)")
            }
        }
        for info in NamedGroupRegistry.all {
            switch info.kind {
            case .ellipticCurve: #expect(info.curve != nil && EllipticCurve.named(info.curve!) != nil, "\(info.name)")
            case .ffdhe: #expect(info.ffdheBits != nil)
            case .kem: #expect(info.kem?.isKnown == true, "\(info.name)")
            case .hybrid:
                #expect(info.kem?.isKnown == true && info.curve.flatMap(EllipticCurve.named) != nil, "\(info.name)")
            case .explicitCurves: #expect(info.curve == nil)
            }
        }
        for info in SignatureSchemeRegistry.all {
            #expect(!info.components.isEmpty && info.components.allSatisfy { $0.isKnown }, "\(info.name)")
            if let hash = info.hash { #expect(hash.isKnown) }
        }
        for info in SSHAlgorithmRegistry.all {
            #expect(info.components.allSatisfy { $0.isKnown }, "\(info.name)")
        }
    }

    @Test func signallingAndGREASEValuesAreRecognised() {
        #expect(CipherSuite(0x00FF).isSignalling)
        #expect(CipherSuite(0x00FF).name == "TLS_EMPTY_RENEGOTIATION_INFO_SCSV")
        #expect(CipherSuite(0x5600).isSignalling)
        #expect(CipherSuite(name: "TLS_FALLBACK_SCSV") == .fallbackSCSV)
        #expect(GREASE.values.count == 16)
        #expect(GREASE.values.first == 0x0A0A && GREASE.values.last == 0xFAFA)
        for value in GREASE.values {
            #expect(CipherSuite(value).isGREASE && NamedGroup(value).isGREASE && SignatureScheme(value).isGREASE)
            #expect(CipherSuite(value).info == nil)
        }
        #expect(!CipherSuite(0x0A0B).isGREASE)
        #expect(!CipherSuite(0x1A2A).isGREASE)
        #expect(!CipherSuite(0xC02F).isGREASE)
    }

    @Test func unknownCodePointsStayRepresentable() {
        #expect(CipherSuite(0x7777).info == nil)
        #expect(CipherSuite(0x7777).name == "0x7777")
        #expect(NamedGroup(0x7777).name == "0x7777")
        #expect(ProtocolVersion(rawValue: 0x7F17).name == "0x7F17")
        #expect(Primitive("not-a-primitive").isKnown == false)
        #expect(Primitive("not-a-primitive").displayName == "not-a-primitive")
    }
}
