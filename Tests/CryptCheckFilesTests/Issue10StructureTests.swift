import CryptCheckModel
import CryptCheckX509
import Foundation
import Testing

@testable import CryptCheckFiles
@testable import CryptCheckPolicy

/// Issue 10 items 14 and 20: DER structures are decided by their full shape, PEM labels are
/// read leniently and judged strictly.
@Suite("DER shapes and PEM labels")
struct Issue10StructureTests {
    /// A v1 self-signed root signed with MD5 (OpenSSL's `x509 -req` without extensions makes v1).
    static func v1Root(_ bench: Workbench) throws -> [UInt8] {
        try bench.openssl("genrsa", "-out", "k.pem", "2048")
        try bench.openssl("req", "-new", "-key", "k.pem", "-subj", "/CN=v1 root", "-out", "r.csr")
        try bench.openssl("x509", "-req", "-in", "r.csr", "-signkey", "k.pem", "-days", "3650", "-md5", "-outform", "DER", "-out", "v1.der")
        return try bench.bytes("v1.der")
    }

    /// The same certificate with md5WithRSAEncryption (…1.1.4) changed to md2WithRSAEncryption
    /// (…1.1.2) in both places; the signature no longer verifies, which the scanner never checks.
    static func md2(_ der: [UInt8]) -> [UInt8] {
        let md5 = Build.oid("1.2.840.113549.1.1.4"), md2 = Build.oid("1.2.840.113549.1.1.2")
        var bytes = der
        var index = 0
        while index + md5.count <= bytes.count {
            if Array(bytes[index..<(index + md5.count)]) == md5 { bytes.replaceSubrange(index..<(index + md5.count), with: md2) }
            index += 1
        }
        return bytes
    }

    @Test func v1CertificatesInDERAreCertificatesNotRequests() throws {
        let bench = try Workbench()
        let der = try Self.v1Root(bench)
        for (bytes, hash) in [(der, "md5"), (Self.md2(der), "md2")] {
            let (items, errors) = Scan.items(bytes)
            #expect(errors.isEmpty, "\(errors)")
            let item = try #require(items.first)
            #expect(items.count == 1 && item.kind == .certificate && item.format == "DER")
            #expect(item.certificate?.signature.hash?.rawValue == hash)
            #expect(item.certificate?.publicKey.bits == 2048)
            let signature = try #require(Scan.findings(bytes).first { $0.component == .certificateSignature })
            #expect(signature.verdict == .violation, "\(hash): \(signature.message)")
            #expect(signature.severity >= .high)
        }
    }

    @Test func v1CertificatesInPEMAreRead() throws {
        let bench = try Workbench()
        let pem = Build.pem("CERTIFICATE", Self.md2(try Self.v1Root(bench)))
        let (items, errors) = Scan.items(pem)
        #expect(errors.isEmpty)
        #expect(items.map(\.kind) == [.certificate])
        #expect(items.first?.certificate?.signature.hash == "md2")
    }

    @Test func requestsAndCRLsInDERKeepTheirKind() throws {
        let bench = try Workbench()
        _ = try Self.v1Root(bench)
        try bench.openssl("req", "-in", "r.csr", "-outform", "DER", "-out", "r.der")
        #expect(Scan.items(try bench.bytes("r.der")).items.map(\.kind) == [.certificateRequest])
        // A request without the [0] attributes (some encoders omit them) is still a request.
        let request = try DER.parse(try bench.bytes("r.der")).children()
        let info = try request[0].children()
        let bare = Build.sequence(
            Build.sequence(info[0...2].flatMap { Array($0.encoded) }), Array(request[1].encoded),
            Array(request[2].encoded))
        #expect(Scan.items(bare).items.map(\.kind) == [.certificateRequest])
    }

    @Test func everyFixtureFitsAtMostOneShape() throws {
        for file in try fixtureFiles() {
            let bytes = Fixtures.bytes(file)
            guard FileParser.looksLikeDER(bytes), let node = try? DER.parse(bytes) else { continue }
            #expect(DERStructure.candidates(node).count <= 1, "\(file): \(DERStructure.candidates(node))")
        }
    }

    @Test func twoIntegersAreAnRSAKeyOnlyWithAnOddExponent() throws {
        let modulus = [UInt8](repeating: 0xC3, count: 256)
        let rsa = Build.sequence(Build.integer(modulus), Build.integer([0x01, 0x00, 0x01]))
        #expect(Scan.items(rsa).items.first?.key?.bits == 2048)
        let dh = Build.sequence(Build.integer(modulus), Build.integer([0x02]))
        let result = Scan.items(dh)
        #expect(result.items.isEmpty && result.errors.isEmpty, "DH parameters are no key: \(result)")
    }

    // MARK: item 20

    @Test func publicKeysAreReadWhateverTheirLabelSays() throws {
        let bench = try Workbench()
        try bench.openssl("genrsa", "-out", "rsa.pem", "2048")
        try bench.openssl("rsa", "-in", "rsa.pem", "-pubout", "-outform", "DER", "-out", "spki.der")
        try bench.openssl("rsa", "-in", "rsa.pem", "-RSAPublicKey_out", "-outform", "DER", "-out", "pkcs1.der")
        try bench.openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.pem")
        try bench.openssl("ec", "-in", "ec.pem", "-pubout", "-outform", "DER", "-out", "ecspki.der")
        try bench.openssl("pkcs8", "-topk8", "-nocrypt", "-in", "rsa.pem", "-outform", "DER", "-out", "p8.der")
        let cases: [(label: String, file: String, kind: FileItemKind, format: String, algorithm: KeyAlgorithm, bits: Int)] = [
            ("RSA PUBLIC KEY", "spki.der", .publicKey, "SPKI", .rsa, 2048),
            ("PUBLIC KEY", "pkcs1.der", .publicKey, "PKCS#1", .rsa, 2048),
            ("RSA PUBLIC KEY", "ecspki.der", .publicKey, "SPKI", .ec, 256),
            ("RSA PRIVATE KEY", "p8.der", .privateKey, "PKCS#8", .rsa, 2048),
            ("EC PRIVATE KEY", "p8.der", .privateKey, "PKCS#8", .rsa, 2048),
            ("SOMETHING ELSE", "spki.der", .publicKey, "SPKI", .rsa, 2048),
        ]
        for entry in cases {
            let (items, errors) = Scan.items(Build.pem(entry.label, try bench.bytes(entry.file)))
            #expect(errors.isEmpty, "\(entry.label)/\(entry.file): \(errors)")
            let item = try #require(items.first, "\(entry.label)/\(entry.file)")
            #expect(
                item.kind == entry.kind && item.key?.algorithm == entry.algorithm && item.key?.bits == entry.bits,
                "\(entry.label)/\(entry.file): \(item)")
            #expect(item.format == "\(entry.format) under PEM label '\(entry.label)'")
        }
        // The label's own structure keeps the plain format.
        #expect(Scan.items(Build.pem("PUBLIC KEY", try bench.bytes("spki.der"))).items.first?.format == "SPKI")
        // Strict in judging: an EC key under an RSA label is judged as the EC key it is.
        let finding = try #require(Scan.findings(Build.pem("RSA PUBLIC KEY", try bench.bytes("ecspki.der"))).first)
        #expect(finding.primitives.first?.primitive == "ecdsa" && finding.verdict == .pass)
    }

    @Test func labelsAreShownEscaped() throws {
        let bench = try Workbench()
        try bench.openssl("genrsa", "-out", "rsa.pem", "2048")
        try bench.openssl("rsa", "-in", "rsa.pem", "-pubout", "-outform", "DER", "-out", "spki.der")
        let (items, _) = Scan.items(Build.pem("KEY\u{1B}[31m", try bench.bytes("spki.der")))
        #expect(items.first?.format == "SPKI under PEM label 'KEY\\x1b[31m'")
    }

    @Test func aBodyOfNoKnownStructureIsStillAnError() {
        let (items, errors) = Scan.items(Build.pem("RSA PUBLIC KEY", Build.sequence(Build.tlv(0x04, [1, 2, 3]))))
        #expect(items.isEmpty && errors.count == 1)
    }
}

/// Every file under Fixtures/files, relative to it (the manifest lists only some).
func fixtureFiles() throws -> [String] {
    let root = Fixtures.root.path
    guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
    var files: [String] = []
    for case let path as String in walker {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue,
            path != "MANIFEST.tsv"
        {
            files.append(path)
        }
    }
    return files.sorted()
}
