import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Foundation
import Testing

@testable import CryptCheckFiles

/// Issue 11 item 1: a file sets its own key-derivation counts, so the work one file may cost is
/// bounded (`--max-kdf-iterations`); an object over the bound is "not opened", and the rest of
/// the file is still read.
@Suite("Key-derivation work per file is bounded")
struct KDFLimitTests {
    static func parse(_ bytes: [UInt8], name: String, passwords: [String], limit: Int = KDFWork.defaultLimit)
        -> (items: [FileItem], errors: [FormatError])
    {
        let options = ParseOptions(passwords: passwords, kdfIterationLimit: limit)
        guard case .parsed(let items, let errors) = FileParser.parse(bytes, fileName: name, options: options) else { return ([], []) }
        return (items, errors)
    }

    /// An EncryptedPrivateKeyInfo (PBES2: PBKDF2-HMAC-SHA256 with `iterations`, AES-256-CBC)
    /// over random bytes: what a hostile file can declare without any work of its own.
    static func encryptedKey(iterations: [UInt8]) -> [UInt8] {
        let pbkdf2 = Build.algorithm(
            "1.2.840.113549.1.5.12",
            parameters: Build.sequence(
                Build.tlv(0x04, Array(repeating: 7, count: 8)), Build.integer(iterations),
                Build.algorithm("1.2.840.113549.2.9", parameters: [0x05, 0x00])))
        let aes = Build.algorithm("2.16.840.1.101.3.4.1.42", parameters: Build.tlv(0x04, Array(repeating: 1, count: 16)))
        let pbes2 = Build.algorithm("1.2.840.113549.1.5.13", parameters: Build.sequence(pbkdf2, aes))
        return Build.sequence(pbes2, Build.tlv(0x04, (0..<1232).map { UInt8($0 & 0xFF) }))
    }

    @Test(.timeLimit(.minutes(1)))
    func aPBKDF2CountOf2To31IsNotRunAtTheDefaultLimit() {
        // 2^31-1 iterations: ~45 minutes per password if run. Two passwords, DER and PEM.
        let der = Self.encryptedKey(iterations: [0x7F, 0xFF, 0xFF, 0xFF])
        for (bytes, name) in [(der, "key.der"), (Build.pem("ENCRYPTED PRIVATE KEY", der), "key.pem")] {
            let (items, errors) = Self.parse(bytes, name: name, passwords: ["one", "two"])
            #expect(items.count == 1 && items.first?.key == nil, "\(name)")
            #expect(items.first?.protection.first?.iterations == 2_147_483_647, "\(name): the envelope is still reported")
            #expect(errors.map(\.code) == [.kdfLimitExceeded], "\(name): \(errors)")
        }
    }

    @Test func theLimitCountsEveryPasswordTried() {
        // 600,000 iterations a try: the first password fits a limit of 1,000,000, the second does not.
        let file = Fixtures.root.appendingPathComponent("keys/rsa2048-pbes2-aes256.pem")
        let bytes = [UInt8](try! Data(contentsOf: file))
        let (closed, errors) = Self.parse(bytes, name: "k.pem", passwords: ["wrong", "changeit"], limit: 1_000_000)
        #expect(closed.first?.key == nil)
        #expect(errors.map(\.code) == [.kdfLimitExceeded], "\(errors)")
        // The message says what the earlier try already spent.
        #expect(errors.first?.message.contains("(600000 of 1000000 per file already spent") == true, "\(errors)")
        let (opened, none) = Self.parse(bytes, name: "k.pem", passwords: ["wrong", "changeit"], limit: 1_200_000)
        #expect(opened.first?.key == KeyFacts(algorithm: .rsa, bits: 2048) && none.isEmpty)
    }

    @Test func aPKCS12MACCountIsPricedBeforeItRuns() throws {
        let bench = try Workbench()
        try bench.openssl(
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "k.pem",
            "-out", "c.pem", "-subj", "/CN=kdf.test", "-days", "30")
        try bench.openssl("pkcs12", "-export", "-in", "c.pem", "-inkey", "k.pem", "-out", "f.p12", "-passout", "pass:")
        var bytes = try bench.bytes("f.p12")
        // MacData ends with its iteration count: INTEGER 2048 -> INTEGER 32767.
        #expect(Array(bytes.suffix(4)) == [0x02, 0x02, 0x08, 0x00])
        bytes[bytes.count - 2] = 0x7F
        bytes[bytes.count - 1] = 0xFF
        let (items, errors) = Self.parse(bytes, name: "f.p12", passwords: [], limit: 10_000)
        #expect(items.first?.kind == .pkcs12 && items.first?.key == nil)
        #expect(errors.map(\.code) == [.kdfLimitExceeded], "\(errors)")
    }

    @Test func keyBagsInsideAPKCS12AreChargedToo() throws {
        // No password (opened unasked), 5,000 iterations for the MAC, the certificates' part and
        // the key bag: the two MAC tries (absent, then empty) and the certificates' part fit
        // 17,000; the key bag, priced only once its part is open, does not.
        let bench = try Workbench()
        try bench.openssl(
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "k.pem",
            "-out", "c.pem", "-subj", "/CN=kdf.test", "-days", "30")
        try bench.openssl(
            "pkcs12", "-export", "-in", "c.pem", "-inkey", "k.pem", "-out", "f.p12", "-passout", "pass:",
            "-iter", "5000", "-keypbe", "AES-256-CBC", "-certpbe", "AES-256-CBC")
        let bytes = try bench.bytes("f.p12")
        let (closed, errors) = Self.parse(bytes, name: "f.p12", passwords: [], limit: 17_000)
        #expect(closed.first?.key == nil && closed.count == 1)
        #expect(errors.map(\.code) == [.kdfLimitExceeded], "\(errors)")
        let (opened, none) = Self.parse(bytes, name: "f.p12", passwords: [], limit: 20_000)
        #expect(opened.first?.key?.curve == "secp256r1" && opened.count == 2 && none.isEmpty, "\(none)")
    }

    @Test func aKeystoreIsBoundedAsAWholeAndSaysSoOnce() throws {
        // A JCEKS entry costs 200,000 MD5 iterations a password: with room for none, the entry
        // is not opened and the message names the limit; the certificate is still read.
        let file = Fixtures.root.appendingPathComponent("jks/server.jceks")
        let (items, errors) = Self.parse([UInt8](try Data(contentsOf: file)), name: "s.jceks", passwords: ["changeit"], limit: 1_000)
        #expect(items.first?.kind == .keystore && items.first?.key == nil)
        #expect(items.contains { $0.kind == .certificate })
        #expect(errors.map(\.code) == [.kdfLimitExceeded])
        // The message names the entry, the count, the limit and the option that raises it.
        #expect(
            errors.map(\.message) == [
                "entry '1': not opened: iteration count 200000 exceeds the limit (1000 per file; raise it with --max-kdf-iterations)"
            ])
    }

    @Test func copiesOfAPKCS12FileAreOpenedOnceAndPasswordsStillCount() throws {
        let file = Fixtures.root.appendingPathComponent("pkcs12/modern-aes256.p12")
        let bytes = [UInt8](try Data(contentsOf: file))
        var options = ParseOptions()
        func key() -> KeyFacts? {
            guard case .parsed(let items, _) = FileParser.parse(bytes, fileName: "a.p12", options: options) else { return nil }
            return items.first?.key
        }
        #expect(key() == nil)
        options.passwords = ["changeit"]  // the same scan-wide memo: the outcome must not be reused
        #expect(key() == KeyFacts(algorithm: .rsa, bits: 2048))
        #expect(key() == KeyFacts(algorithm: .rsa, bits: 2048))
    }
}
