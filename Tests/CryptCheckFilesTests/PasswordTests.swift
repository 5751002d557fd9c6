import CryptCheckModel
import Testing

@testable import CryptCheckFiles

@Suite("Opening protected files with a password")
struct PasswordTests {
    func items(_ file: String, _ passwords: [String]) -> [FileItem] {
        guard case .parsed(let items, _) = Fixtures.parse(file, passwords: passwords) else { return [] }
        return items
    }

    @Test(arguments: ["pkcs12/modern-aes256.p12", "pkcs12/legacy-rc2-40.p12", "pkcs12/sha1-3des.p12"])
    func pkcs12OpensWithThePassword(file: String) {
        let opened = items(file, ["wrong", "changeit"])
        #expect(opened.first?.key == KeyFacts(algorithm: .rsa, bits: 2048))
        #expect(opened.count == 2 && opened[1].certificate?.subject == "CN=leaf.example.test")
        #expect(!opened[0].protection.isEmpty)
        let closed = items(file, ["wrong"])
        #expect(closed.count == 1 && closed[0].key == nil)
    }

    @Test func encryptedKeysOpenWithThePassword() {
        #expect(items("keys/rsa2048-pbes2-aes256.pem", ["changeit"]).first?.key == KeyFacts(algorithm: .rsa, bits: 2048))
        #expect(items("keys/ec-p256-pbes2-3des.pem", ["changeit"]).first?.key?.curve == "secp256r1")
        #expect(items("keys/rsa1024-pbes1-md5-des.pem", ["changeit"]).first?.key?.bits == 1024)
        #expect(items("keys/rsa2048-legacy-aes128.pem", ["changeit"]).first?.key?.bits == 2048)
        #expect(items("keys/rsa2048-legacy-3des.pem", ["nope"]).first?.key?.bits == nil)
    }

    @Test func jksKeyOpensWithThePassword() {
        let opened = items("jks/server.jks", ["changeit"])
        #expect(opened.first?.kind == .keystore && opened.first?.key == KeyFacts(algorithm: .rsa, bits: 2048, oid: "1.2.840.113549.1.1.1"))
        #expect(items("jks/server.jks", ["wrong"]).first?.key == nil)
    }

    @Test func jceksKeyOpensWithThePassword() {
        // SunJCE's PBEWithMD5AndTripleDES: the key made by keytool is the fixture's RSA-2048.
        let opened = items("jks/server.jceks", ["wrong", "changeit"])
        #expect(opened.first?.kind == .keystore && opened.first?.key == KeyFacts(algorithm: .rsa, bits: 2048, oid: "1.2.840.113549.1.1.1"))
        #expect(opened.first?.protection.first?.identifier?.contains("PBEWithMD5AndTripleDES") == true)
        #expect(items("jks/server.jceks", ["wrong"]).first?.key == nil)
        #expect(items("jks/server.jceks", []).first?.key == nil)
        #expect(items("jks/server.jceks", ["パスワード"]).first?.key == nil)  // not ASCII: never tried
    }
}

@Suite("PKCS#12 parts no password opens")
struct EnvelopedPKCS12Tests {
    /// A minimal PFX, built by hand: version 3 and one envelopedData (public-key encrypted) part.
    static let pfx: [UInt8] = {
        let envelopedOID: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x03]
        let dataOID: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01]
        func tlv(_ tag: UInt8, _ body: [UInt8]) -> [UInt8] { [tag, UInt8(body.count)] + body }
        let enveloped = tlv(0x30, envelopedOID + tlv(0xA0, tlv(0x30, [])))
        let authenticatedSafe = tlv(0x30, enveloped)
        let authSafe = tlv(0x30, dataOID + tlv(0xA0, tlv(0x04, authenticatedSafe)))
        return tlv(0x30, [0x02, 0x01, 0x03] + authSafe)
    }()

    @Test func envelopedPartsAreReportedNotIgnored() {
        guard case .parsed(let items, let errors) = FileParser.parse(Self.pfx, fileName: "x.p12", options: ParseOptions()) else {
            Issue.record("not recognised as PKCS#12")
            return
        }
        #expect(items.map(\.kind) == [.pkcs12])
        #expect(errors.map(\.code) == [.pkcs12Unsupported], "\(errors)")
    }
}
