@testable import CryptCheckFiles
import CryptCheckModel
import Testing

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
}
