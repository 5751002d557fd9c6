import CryptCheckModel
import CryptCheckPolicy
import Foundation
import Testing

@testable import CryptCheckReport

/// The byte writer of file entries against the model's `Codable` encoding, and the spool that
/// keeps the streamed scan's memory flat.
@Suite("Scan JSON file entries: byte writer and spool")
struct ScanJSONWriterTests {
    /// A file whose every field, at every level, is set (checked by reflection, so a field added
    /// to the model later and left unset here fails the test until the writer knows it).
    static func fullFile(_ text: String = "CN=full") -> FileObservation {
        var key = KeyFacts(algorithm: .ec, bits: 256, curve: "secp256r1", oid: "1.2.840.10045.2.1")
        key.explicitCurveParameters = true
        let signature = SignatureAlgorithmFacts(
            oid: "1.2.840.113549.1.1.10", name: "rsassaPss", scheme: "rsa-pss", hash: "sha-256", mgf1Hash: "sha-384")
        let certificate = CertificateFacts(
            subject: text, issuer: "CN=issuer " + text, serialNumber: "0a:1b", notBefore: Date(timeIntervalSince1970: 1_577_836_800),
            notAfter: Date(timeIntervalSince1970: 4_102_444_799), publicKey: key, signature: signature,
            sha256Fingerprint: String(repeating: "ab", count: 32), isCA: true, isSelfSigned: true,
            subjectAlternativeNames: ["DNS:" + text, "IP:127.0.0.1"])
        let protection = ProtectionAlgorithm(
            role: .kdf, primitive: "pbkdf2", hash: "sha-256", keyBits: 256, iterations: 600_000, identifier: "1.2.840.113549.1.5.12")
        let ssh = SSHCertificateFacts(
            certificateType: "ssh-ed25519-cert-v01@openssh.com", role: "user", serial: UInt64.max, keyID: "id " + text,
            principals: ["p " + text], principalCount: 2, validAfter: Date(timeIntervalSince1970: 1_577_836_800),
            validBefore: Date(timeIntervalSince1970: 4_102_444_799), criticalOptions: ["force-command"], extensions: ["permit-pty"],
            caKey: key, caFingerprint: "SHA256:abc", signature: signature)
        let item = FileItem(
            kind: .certificate, position: 2, format: "PEM", certificate: certificate, key: key, signature: signature,
            protection: [protection], sshCertificate: ssh)
        var file = FileObservation(
            path: "/srv/" + text, sha256: String(repeating: "0f", count: 32), items: [item], errors: ["an error: " + text],
            errorCodes: [.derTruncated], unparsedSnippets: ["snippet " + text])
        file.declared = DeclaredSource(bom: "vendor " + text, ref: "crypto/" + text, served: true)
        file.declaredAlgorithm = DeclaredAlgorithm(
            name: "AES " + text, signature: signature, key: key,
            primitives: [DeclaredPrimitive(role: .cipher, primitive: "aes"), DeclaredPrimitive(role: .mode, primitive: "gcm")],
            keyBits: 128, curve: "secp256r1")
        return file
    }

    /// The labels of stored properties that are nil or empty, at any depth.
    static func unset(_ value: Any, path: String = "") -> [String] {
        var found: [String] = []
        for child in Mirror(reflecting: value).children {
            let name = path + "." + (child.label ?? "?")
            let mirror = Mirror(reflecting: child.value)
            if mirror.displayStyle == .optional {
                guard let wrapped = mirror.children.first?.value else { found.append(name); continue }
                found += unset(wrapped, path: name)
            } else if mirror.displayStyle == .collection {
                if mirror.children.isEmpty { found.append(name) }
                for element in mirror.children { found += unset(element.value, path: name) }
            } else if mirror.displayStyle == .struct {
                found += unset(child.value, path: name)
            }
        }
        return found
    }

    /// The Codable encoding at indent 4, with empty arrays as `[]` (Foundation's pretty
    /// printing puts a blank line inside them; the findings writer does not either).
    static func encoded(_ file: FileObservation) throws -> String {
        try JSONRenderer.fragment(file, indent: 4).replacingOccurrences(of: #"\[\n *\n *\]"#, with: "[]", options: .regularExpression)
    }

    @Test func writesWhatTheCodableEncoderWrites() throws {
        let file = Self.fullFile()
        // Primitive and Date are leaves; every field of the model types is set.
        let unset = Self.unset(file).filter { !$0.hasSuffix(".rawValue") && !$0.hasSuffix("._time") }
        #expect(unset.isEmpty, "fields left unset in the full file, add them (and write them in FileObservationJSON): \(unset)")
        var out = JSONOutput(keySeparator: " : ")
        FileObservationJSON.write(file, to: &out, indent: 4)
        #expect(out.text == (try Self.encoded(file)))
        // Optional members left out, as the encoder leaves them out.
        var sparse = file
        sparse.sha256 = nil
        sparse.errors = []
        sparse.errorCodes = nil
        sparse.items = [FileItem(kind: .sshPublicKey, format: "authorized_keys", key: KeyFacts(algorithm: .unknown))]
        var sparseOut = JSONOutput(keySeparator: " : ")
        FileObservationJSON.write(sparse, to: &sparseOut, indent: 4)
        let sparseEncoded = try Self.encoded(sparse)
        #expect(sparseOut.text == sparseEncoded, "\(sparseOut.text)\n---\n\(sparseEncoded)")
    }

    @Test func hostileTextIsEscapedAndReadsBack() throws {
        for text in ["quote \" backslash \\ slash /", "line\nbreak\ttab\r\u{01}\u{1F}\u{7F}", "証明書 \u{202E}rtl", "</script><!--"] {
            let file = Self.fullFile(text)
            var out = JSONOutput(keySeparator: " : ")
            FileObservationJSON.write(file, to: &out, indent: 0)
            #expect(!out.bytes.contains(where: { $0 < 0x20 && $0 != 0x0A }), "a raw control byte in the output")
            #expect(try JSONRenderer.decoder().decode(FileObservation.self, from: Data(out.bytes)) == file)
        }
    }

    @Test func datesMatchTheEncoderAcrossTheRange() throws {
        for seconds in [-2_208_988_800.0, -1, 0, 951_782_400, 1_709_210_096.75, 253_402_300_799] {
            let date = Date(timeIntervalSince1970: seconds)
            var out = JSONOutput()
            FileObservationJSON.date(date, to: &out)
            let expected = try JSONRenderer.fragment(Date(timeIntervalSince1970: seconds.rounded(.down)), indent: 0)
            #expect(out.text == expected, "\(seconds)")
        }
    }

    @Test func spoolSpillsToATemporaryFileAndGivesEverythingBackInOrder() throws {
        let spool = ByteSpool(limit: 64)
        var expected: [UInt8] = []
        for index in 0..<500 {
            let chunk = Array("entry \(index);".utf8) + [UInt8](repeating: UInt8(index & 0x7F), count: index % 97)
            spool.append(chunk)
            expected += chunk
        }
        var drained: [UInt8] = []
        var largest = 0
        try spool.drain { block in
            drained += block
            largest = max(largest, block.count)
        }
        #expect(drained == expected)
        #expect(largest <= 64 + 200, "drained in blocks, not all at once")
    }

    @Test func scanWriterListsFilesAfterTheFindingsEvenWhenSpilled() throws {
        let files = (0..<40).map { Self.fullFile("file-\($0)") }
        var bytes: [UInt8] = []
        var writer = JSONScanWriter(output: { bytes += $0 }, spoolLimit: 256)
        try writer.begin(
            lists: [], asOf: "2026-11-30", operationEnd: OperationEnd(date: "2026-11-30", given: false), targetProfile: "recommended")
        for file in files {
            writer.write(try JSONScanWriter.render(subject: file.path, file: file, findings: []))
        }
        writer.write(try JSONScanWriter.render(subject: "/unreadable", file: nil, findings: []))
        let summary = EvaluationSummary(
            findings: 0, byVerdict: [:], bySeverity: [:], byListStatus: [:], incomplete: false, onWeakEvidence: 0)
        try writer.end(summary: summary, scan: ScanSummary(), unscanned: [])
        let report = try JSONRenderer.decoder().decode(ScanReport.self, from: Data(bytes))
        #expect(report.files == files)
        // And with nothing to list, an empty array.
        var empty: [UInt8] = []
        var none = JSONScanWriter(output: { empty += $0 })
        try none.begin(
            lists: [], asOf: "2026-11-30", operationEnd: OperationEnd(date: "2026-11-30", given: false), targetProfile: "recommended")
        try none.end(summary: summary, scan: ScanSummary(), unscanned: [])
        #expect(try JSONRenderer.decoder().decode(ScanReport.self, from: Data(empty)).files == [])
    }
}
