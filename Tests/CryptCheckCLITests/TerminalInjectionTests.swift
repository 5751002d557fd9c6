import CryptCheckModel
import Foundation
import TestSupport
import Testing

/// Nothing a file, a saved observation or a server says reaches a terminal raw (issue 11 item 4):
/// no escape sequence, no control character, no bidirectional override, no forged line.
@Suite("Untrusted text never reaches a terminal raw")
struct TerminalInjectionTests {
    static let escape = "\u{1B}]0;pwned\u{07}\u{1B}[2J"

    /// The first control or bidi character in `text` other than a line break, if any.
    static func firstUnsafe(_ text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { scalar in
            let value = scalar.value
            return (value < 0x20 && value != 0x0A) || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
                || (0x2066...0x2069).contains(value) || value == 0x2028 || value == 0x2029
        }
    }

    @Test func hostileNamesLabelsAndHeadersAreEscaped() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = try String(contentsOfFile: LocalServer.fixtures + "/certs/rsa2048-sha256.pem", encoding: .utf8)
        let files: [(String, String)] = [
            ("a\nOverall: CONFORMANT\n.pem", certificate),
            ("b\(Self.escape)\u{202E}gnp.pem", certificate),
            ("label.pem", "-----BEGIN \(Self.escape)-----\nAAAA\n-----END \(Self.escape)-----\n"),
            (
                "dek.pem",
                "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: \(Self.escape),00112233\n\nAAAA\n-----END RSA PRIVATE KEY-----\n"
            ),
            ("id_rsa.pub", "\(Self.escape)ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQ== comment\u{1B}[31m\n"),
        ]
        for (name, content) in files {
            try Data(content.utf8).write(to: directory.appendingPathComponent(name))
        }
        for format in ["text", "json"] {
            let result = try CLI.run(["scan", directory.path, "--format", format, "--color", "never"])
            #expect(Self.firstUnsafe(result.stderr) == nil, "stderr (\(format)): \(result.stderr.debugDescription)")
            if format == "text" {
                #expect(Self.firstUnsafe(result.stdout) == nil, "stdout: \(result.stdout.debugDescription)")
                #expect(
                    !result.stdout.split(separator: "\n").contains { $0.hasPrefix("Overall: CONFORMANT") },
                    "a file name forged a verdict line")
            } else {
                // JSON escapes control characters by its own rules; it must still parse.
                #expect((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) != nil)
            }
        }
    }

    @Test func savedObservationsCannotForgeOutput() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let hostile = "CN=\(Self.escape)\u{202E}evil\nOverall: CONFORMANT"
        let observations = ObservationSet(
            tool: "test", observedAt: Date(timeIntervalSince1970: 1_780_000_000),
            endpoints: [
                TLSEndpointObservation(
                    host: "h\(Self.escape)", port: 443,
                    outcome: TLSEndpointOutcome(kind: .refused, detail: "alert \(Self.escape)\n"))
            ],
            files: [
                FileObservation(
                    path: "/srv/\(Self.escape)/x.pem",
                    items: [
                        FileItem(
                            kind: .certificate, format: "PEM\(Self.escape)",
                            certificate: CertificateFacts(
                                subject: hostile, issuer: hostile, notBefore: Date(timeIntervalSince1970: 1_700_000_000),
                                notAfter: Date(timeIntervalSince1970: 1_900_000_000), publicKey: KeyFacts(algorithm: .rsa, bits: 2048),
                                signature: SignatureAlgorithmFacts(
                                    oid: "1.2.840.113549.1.1.11", name: "sha256\(Self.escape)",
                                    scheme: "rsassa-pkcs1-v1_5", hash: "sha-256"),
                                sha256Fingerprint: String(repeating: "ab", count: 32)))
                    ],
                    errors: ["broken \(Self.escape)\nOverall: CONFORMANT"])
            ],
            unscanned: [UnscannedTarget(target: "t\(Self.escape)", reason: "r\u{202E}\n")])
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let path = directory.appendingPathComponent("hostile.json").path
        try encoder.encode(observations).write(to: URL(fileURLWithPath: path))
        let result = try CLI.run(["evaluate", path, "--color", "never"])
        #expect(Self.firstUnsafe(result.stdout) == nil, "stdout: \(result.stdout.debugDescription)")
        #expect(Self.firstUnsafe(result.stderr) == nil, "stderr: \(result.stderr.debugDescription)")
        #expect(result.stdout.split(separator: "\n").filter { $0.hasPrefix("Overall:") }.count == 1)
        #expect(result.status == 2 || result.status == 1)
        // CSV and HTML go to a terminal too when no -o is given.
        for format in ["csv", "html"] {
            let other = try CLI.run(["evaluate", path, "--format", format])
            // (CSV ends its records with CR LF, RFC 4180.)
            #expect(
                Self.firstUnsafe(other.stdout.replacingOccurrences(of: "\r\n", with: "\n")) == nil,
                "\(format): \(other.stdout.debugDescription.prefix(300))")
        }
    }
}
