@testable import CryptCheckFiles
import CryptCheckModel
import CryptCheckOpenSSL
import Testing

/// Issue 10 item 17: PKCS#12 files "without a password" are opened unasked, in both of the
/// encodings PKCS#12 has for it; a file with a real password stays closed without it.
@Suite("PKCS#12 with an empty password")
struct Issue10PKCS12EmptyPasswordTests {
    static let emptyPasswordFiles = [
        "pkcs12-empty/empty-string-modern.p12", "pkcs12-empty/empty-string-legacy.p12",
        "pkcs12-empty/absent-modern.p12", "pkcs12-empty/absent-nomac.p12",
    ]

    func items(_ file: String, _ passwords: [String] = []) -> [FileItem] {
        guard case .parsed(let items, let errors) = Fixtures.parse(file, passwords: passwords), errors.isEmpty else { return [] }
        return items
    }

    @Test(arguments: emptyPasswordFiles)
    func opensWithoutBeingGivenAPassword(file: String) {
        for passwords in [[], ["wrong"]] {
            let opened = items(file, passwords)
            #expect(opened.first?.kind == .pkcs12)
            #expect(opened.first?.key == KeyFacts(algorithm: .ec, bits: 256, curve: "secp256r1"), "\(file)")
            #expect(opened.count == 2 && opened.last?.certificate?.subject == "CN=empty-password.example.test", "\(file)")
            #expect(opened.first?.protection.isEmpty == false)
        }
    }

    @Test func aRealPasswordIsStillNeeded() {
        let closed = items("pkcs12-empty/real-password.p12")
        #expect(closed.count == 1 && closed[0].key == nil)
        let opened = items("pkcs12-empty/real-password.p12", ["not-empty"])
        #expect(opened.first?.key?.curve == "secp256r1" && opened.count == 2)
    }

    /// Both encodings are offered to OpenSSL, each opening its own kind of file (OpenSSL's
    /// PKCS12_parse also falls back between them where a MAC tells which one was used).
    @Test func bothEncodingsAreTried() {
        for file in ["pkcs12-empty/absent-modern.p12", "pkcs12-empty/absent-nomac.p12"] {
            #expect((try? KeyDecryption.pkcs12(Fixtures.bytes(file), password: nil))?.key?.curve == "secp256r1", "\(file)")
        }
        for file in ["pkcs12-empty/empty-string-modern.p12", "pkcs12-empty/empty-string-legacy.p12"] {
            #expect((try? KeyDecryption.pkcs12(Fixtures.bytes(file), password: ""))?.key?.curve == "secp256r1", "\(file)")
        }
        #expect(throws: (any Error).self) { try KeyDecryption.pkcs12(Fixtures.bytes("pkcs12-empty/real-password.p12"), password: nil) }
        // The one unasked attempt ("") opens files of either encoding (OpenSSL tries the absent
        // password, then the empty one, and uses the absent one without a MAC).
        for file in ["pkcs12-empty/absent-modern.p12", "pkcs12-empty/absent-nomac.p12",
                     "pkcs12-empty/empty-string-modern.p12", "pkcs12-empty/empty-string-legacy.p12"] {
            #expect((try? KeyDecryption.pkcs12(Fixtures.bytes(file), password: ""))?.key?.curve == "secp256r1", "\(file) with \"\"")
        }
        #expect(FileParser.pkcs12Passwords(["", "a"]) == ["", "a"])
    }
}
