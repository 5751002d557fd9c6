import CryptCheckModel
import CryptCheckPolicy
import Foundation
import TestSupport
import Testing

@testable import CryptCheckReport

/// Issue 16: the HTML report's evidence appendix shows each SSH endpoint as the text output
/// does (identification, KEXINIT as sent, what was accepted offered alone and on what evidence,
/// markers, host keys with certificates, group-exchange primes, or why no key exchange), in
/// Japanese and English, escaped for HTML; and a set with SSH endpoints, which the streamed
/// evaluation leaves to the whole report, shows the same section from either command.
@Suite("SSH endpoints in the HTML evidence appendix")
struct SSHEvidenceHTMLTests {
    /// A modern endpoint with a hostile identification, a hybrid accepted on negotiation only,
    /// a refused and an undetermined algorithm, an RSA key, an Ed25519 host certificate and a
    /// group exchange; and one that could not be reached.
    static func observations() -> ObservationSet {
        var endpoint = SSHEndpointObservation(host: "127.0.0.1", port: 2222, outcome: SSHEndpointOutcome(kind: .kexInit))
        endpoint.address = "127.0.0.1"
        endpoint.identification = "SSH-2.0-Evil<script>alert(1)</script>&\\x1b[31m"
        endpoint.connections = 17
        endpoint.durationMilliseconds = 1234
        endpoint.kexInit = SSHKexInitFacts(
            kexAlgorithms: [
                "sntrup761x25519-sha512", "curve25519-sha256", "diffie-hellman-group-exchange-sha256", "ext-info-s",
                "kex-strict-s-v00@openssh.com",
            ],
            hostKeyAlgorithms: ["rsa-sha2-512", "ssh-ed25519-cert-v01@openssh.com"],
            ciphersClientToServer: ["aes256-gcm@openssh.com", "aes128-ctr"], ciphersServerToClient: ["aes128-ctr"],
            macsClientToServer: ["hmac-sha2-256-etm@openssh.com"], macsServerToClient: ["hmac-sha2-256-etm@openssh.com"],
            compressionClientToServer: ["none"], compressionServerToClient: ["none"])
        endpoint.algorithms = [
            SSHAlgorithmSupport(
                category: .keyExchange, name: "sntrup761x25519-sha512", accepted: .yes,
                evidence: "negotiation only: the server answered the scanner's share"),
            SSHAlgorithmSupport(category: .keyExchange, name: "curve25519-sha256", accepted: .yes),
            SSHAlgorithmSupport(category: .keyExchange, name: "diffie-hellman-group-exchange-sha256", accepted: .yes),
            SSHAlgorithmSupport(category: .hostKey, name: "rsa-sha2-512", accepted: .yes),
            SSHAlgorithmSupport(category: .hostKey, name: "ssh-ed25519-cert-v01@openssh.com", accepted: .yes),
            SSHAlgorithmSupport(category: .cipher, name: "aes256-gcm@openssh.com", accepted: .yes),
            SSHAlgorithmSupport(category: .cipher, name: "aes128-ctr", accepted: .no),
            SSHAlgorithmSupport(
                category: .mac, name: "hmac-sha2-256-etm@openssh.com", accepted: .failed(reason: "timed out", code: .connectionTimeout)),
            SSHAlgorithmSupport(category: .compression, name: "none", accepted: .yes),
        ]
        var rsa = SSHHostKeyFacts(algorithm: "rsa-sha2-512")
        rsa.keyExchange = "curve25519-sha256"
        rsa.keyType = "ssh-rsa"
        rsa.key = KeyFacts(algorithm: .rsa, bits: 3072)
        rsa.fingerprint = "SHA256:rsaFingerprintAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        rsa.signatureAlgorithm = "rsa-sha2-512"
        rsa.signatureVerified = true
        var certified = SSHHostKeyFacts(algorithm: "ssh-ed25519-cert-v01@openssh.com")
        certified.keyType = "ssh-ed25519-cert-v01@openssh.com"
        certified.key = KeyFacts(algorithm: .ed25519, curve: "ed25519")
        certified.fingerprint = "SHA256:certFingerprintBBBBBBBBBBBBBBBBBBBBBBBBBBBB"
        certified.signatureVerified = true
        certified.certificate = SSHCertificateFacts(
            certificateType: "ssh-ed25519-cert-v01@openssh.com", role: "host", serial: 7, keyID: "host <key>", principals: ["localhost"],
            principalCount: 1, validAfter: nil, validBefore: nil, criticalOptions: [], extensions: [],
            caKey: KeyFacts(algorithm: .ed25519, curve: "ed25519"), caFingerprint: "SHA256:caFingerprintCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC",
            signature: SignatureAlgorithmFacts(oid: "ssh-ed25519", name: "ssh-ed25519", scheme: nil, hash: nil))
        endpoint.hostKeys = [rsa, certified]
        var group = SSHGroupExchangeFacts(
            keyExchange: "diffie-hellman-group-exchange-sha256", minimum: 2048, preferred: 3072, maximum: 8192)
        group.primeBits = 3072
        group.generator = 2
        var small = SSHGroupExchangeFacts(
            keyExchange: "diffie-hellman-group-exchange-sha256", minimum: 1024, preferred: 1024, maximum: 1024)
        small.failure = "the server closed the connection"
        endpoint.groupExchange = [group, small]
        let unreachable = SSHEndpointObservation(
            host: "127.0.0.1", port: 2223,
            outcome: SSHEndpointOutcome(kind: .unreachable, detail: "connection refused", code: .connectionRefused))
        return ObservationSet(tool: "test", observedAt: CLITests.day("2026-11-30"), sshEndpoints: [endpoint, unreachable])
    }

    /// The appendix of a page, from its heading to the integrity section.
    static func appendix(_ html: String) throws -> String {
        let start = try #require(html.range(of: "<section class=\"break\" id=\"evidence\">"))
        let end = try #require(html.range(of: "<section class=\"integrity\"", range: start.upperBound..<html.endIndex))
        return String(html[start.lowerBound..<end.lowerBound])
    }

    @Test(arguments: ReportLanguage.allCases) func everySSHFactIsInTheAppendix(language: ReportLanguage) throws {
        let policies = try StreamedEvaluationTests.policies([], asOf: "2026-11-30")
        let report = ReportBuilder.build(
            observations: Self.observations(), policies: policies, projection: nil, inputs: StreamedReportTests.inputs, digest: nil)
        let appendix = try Self.appendix(try HTMLReportRenderer.render(report, language: language))
        let ja = language == .ja
        // The server's words never reach the page as markup.
        #expect(!appendix.contains("<script>") && !appendix.contains("host <key>"))
        #expect(appendix.contains("<code>SSH-2.0-Evil&lt;script&gt;alert(1)&lt;/script&gt;&amp;\\x1b[31m</code>"))
        #expect(appendix.contains("<h3>ssh://127.0.0.1:2222</h3>") && appendix.contains("<h3>ssh://127.0.0.1:2223</h3>"))
        #expect(appendix.contains(ja ? "17 回、1.2 秒" : "17 in 1.2 s"))
        // KEXINIT as sent, the directions apart where they differ.
        #expect(appendix.contains("sntrup761x25519-sha512, curve25519-sha256, diffie-hellman-group-exchange-sha256, ext-info-s"))
        #expect(appendix.contains(ja ? "暗号 c→s</th>" : "ciphers c→s</th>") && appendix.contains("aes256-gcm@openssh.com, aes128-ctr"))
        #expect(appendix.contains(ja ? "KEXINIT（サーバが送った順）: MAC</th>" : "KEXINIT (as sent): MAC</th>"))
        #expect(appendix.contains("strict kex (kex-strict-s-v00@openssh.com): \(ja ? "あり" : "yes")"))
        #expect(appendix.contains("ext-info (ext-info-s): \(ja ? "あり" : "yes")"))
        // Accepted offered alone, with the evidence of a hybrid; refused; not determined.
        #expect(
            appendix.contains(
                "sntrup761x25519-sha512 — \(ja ? "根拠はネゴシエーションのみ" : "evidence"): <code>negotiation only: the server answered"))
        #expect(appendix.contains(ja ? "単独で提示して拒否されたもの: 暗号</th>" : "Refused, offered alone: ciphers</th>"))
        #expect(
            appendix.contains(
                "hmac-sha2-256-etm@openssh.com — \(ja ? "判別できず" : "not determined") (connection.timeout): <code>timed out</code>"))
        // Host keys: type, size or curve, fingerprint, signature; the certificate and its CA.
        #expect(appendix.contains("ssh-rsa RSA-3072\nSHA256:rsaFingerprintAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
        #expect(appendix.contains(ja ? "交換ハッシュへの署名を検証済み (rsa-sha2-512)" : "signature over the exchange hash verified (rsa-sha2-512)"))
        #expect(appendix.contains("SHA256:certFingerprintBBBBBBBBBBBBBBBBBBBBBBBBBBBB"))
        #expect(appendix.contains("host, key ID <code>host &lt;key&gt;</code>, \(ja ? "プリンシパル" : "principals") <code>localhost</code>"))
        #expect(appendix.contains("CA Ed25519 SHA256:caFingerprintCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC (ssh-ed25519)"))
        // Group exchange: what was asked and the prime's size, or why none.
        #expect(appendix.contains("diffie-hellman-group-exchange-sha256 2048/3072/8192 → 3072 bit, g=2"))
        #expect(
            appendix.contains(
                "diffie-hellman-group-exchange-sha256 1024/1024/1024 → \(ja ? "観測していない" : "not observed"): <code>the server closed"))
        // Why the other endpoint completed no key exchange.
        #expect(
            appendix.contains(
                ja
                    ? "接続できなかった（unreachable、connection.refused）: <code>connection refused</code>"
                    : "could not connect (unreachable, connection.refused): <code>connection refused</code>"))
        if ja {
            // English only as data: the server's and the tool's words are in <code>.
            #expect(latinSentences(visibleText(appendix)).isEmpty, "\(latinSentences(visibleText(appendix)))")
            // No English label of the section is left in the Japanese page.
            for english in ["Identification", "No key exchange", "Accepted, offered alone", "Host key", "Group exchange"] {
                #expect(!appendix.contains(english), "\(english)")
            }
        }
    }

    @Test("a set with SSH endpoints is left to the whole report, and both commands show the same SSH section")
    func streamedAndWhole() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ssh = directory.appendingPathComponent("ssh.json")
        try Data(try JSONRenderer.render(Self.observations()).utf8).write(to: ssh)
        // Many TLS endpoints and files beside them: the input the streamed path is made for.
        let paths = try StreamedHTMLTests.generated(in: directory) + [ssh.path]
        let policies = try StreamedEvaluationTests.policies([], asOf: "2026-11-30")
        #expect(throws: StreamedEvaluation.NotStreamable.self) {
            try StreamedEvaluation(
                paths: paths, policies: policies, projection: nil, format: .html, report: StreamedReportTests.Recorder().settings())
        }
        let options = ["--as-of", "2026-11-30", "--generated-at", "2026-11-30T09:00:00Z"]
        let whole = directory.appendingPathComponent("whole")
        let report = try CLI.run(["report"] + paths + ["--output-dir", whole.path] + options)
        #expect(report.status != 64, "\(report.stderr)")
        for language in ReportLanguage.allCases {
            let evaluated = try CLI.run(["evaluate"] + paths + ["--format", "html", "--lang", language.rawValue] + options)
            let written = try String(contentsOf: whole.appendingPathComponent("report-\(language.rawValue).html"), encoding: .utf8)
            #expect(evaluated.stdout == written, "\(language)")
            let appendix = try Self.appendix(evaluated.stdout)
            let sshSection = try #require(appendix.range(of: "<h3>ssh://127.0.0.1:2222</h3>"))
            #expect(appendix[sshSection.lowerBound...].contains("SHA256:caFingerprintCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC"))
            // The TLS endpoints' tables are there too, before the SSH ones.
            #expect(appendix[..<sshSection.lowerBound].contains(":10100</h3>"))
        }
    }
}
