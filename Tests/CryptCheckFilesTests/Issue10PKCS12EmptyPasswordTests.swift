import CryptCheckModel
import CryptCheckOpenSSL
import Testing

@testable import CryptCheckFiles

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

    /// Both encodings are tried, each opening its own kind of file and not the other's (the
    /// file is opened step by step, so OpenSSL's PKCS12_parse fallback between them is not there
    /// to hide a missing attempt).
    @Test func bothEncodingsAreTried() {
        func open(_ file: String, _ password: String?) -> KeyFacts? {
            var work = KDFWork()
            return
                (try? KeyDecryption.pkcs12(
                    Fixtures.bytes(file), password: password, work: &work,
                    cost: PasswordEnvelopeReader.iterations(ofAlgorithm:)))?.key
        }
        for file in ["pkcs12-empty/absent-modern.p12", "pkcs12-empty/absent-nomac.p12"] {
            #expect(open(file, nil)?.curve == "secp256r1", "\(file)")
        }
        // The MAC tells the encodings apart (without one, PBES2 derives the same key from both).
        #expect(open("pkcs12-empty/absent-modern.p12", "") == nil)
        for file in ["pkcs12-empty/empty-string-modern.p12", "pkcs12-empty/empty-string-legacy.p12"] {
            #expect(open(file, "")?.curve == "secp256r1", "\(file)")
            #expect(open(file, nil) == nil, "\(file) with the absent password")
        }
        #expect(open("pkcs12-empty/real-password.p12", nil) == nil && open("pkcs12-empty/real-password.p12", "") == nil)
        #expect(FileParser.pkcs12Passwords(["", "a"]) == [nil, "", "a"])
    }
}
