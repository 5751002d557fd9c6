import Foundation
import TestSupport
import Testing

/// The certificate hygiene findings of `cryptcheck tls` on openssl s_server: each check says
/// violation on the server that has the flaw and pass on its twin, and is indeterminate (never
/// a pass) when the server drops the connection.
@Suite("Certificate hygiene findings", .serialized)
struct CertificateHygieneCLITests {
    typealias Hygiene = [(item: String, context: String?, verdict: String, message: String)]

    static func hygiene(_ port: Int, _ extra: [String] = []) throws -> Hygiene {
        let run = try CLI.run(["tls", "127.0.0.1:\(port)", "--format", "json", "--timeout", "3", "--no-active"] + extra)
        return try hygiene(report: run.stdout, run.stderr)
    }

    /// The hygiene findings of a JSON report.
    static func hygiene(report json: String, _ stderr: String = "") throws -> Hygiene {
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "\(stderr)")
        let findings = try #require(report["findings"] as? [[String: Any]])
        return findings.filter { ($0["component"] as? String) == "certificate-hygiene" }.map {
            ($0["item"] as? String ?? "", $0["context"] as? String, $0["verdict"] as? String ?? "", $0["message"] as? String ?? "")
        }
    }

    static func verdicts(_ hygiene: Hygiene, _ item: String) -> [String] { hygiene.filter { $0.item == item }.map(\.verdict) }

    func serve(_ leaf: (cert: String, key: String), _ pki: HygienePKI, _ extra: [String]) throws -> LocalServer {
        try LocalServer(["-cert", leaf.cert, "-key", leaf.key, "-cert_chain", pki.caCert] + extra)
    }

    @Test func staplesGoodRevokedExpiredAndNone() throws {
        let pki = try HygienePKI()
        let leaf = try pki.leaf("leaf", extensions: HygienePKI.fullExtensions)
        let good = try serve(leaf, pki, ["-status_file", try pki.ocsp(for: leaf.cert)])
        let goodFindings = try Self.hygiene(good.port)
        #expect(Self.verdicts(goodFindings, "ocsp-stapling") == ["pass", "pass"], "\(goodFindings)")
        #expect(goodFindings.first { $0.item == "ocsp-stapling" }?.message.contains("stapled, good") == true)
        // The same response judged three days on: expired.
        let day = ISO8601DateFormatter.string(from: Date().addingTimeInterval(3 * 86_400), timeZone: .gmt, formatOptions: [.withFullDate])
        let later = try Self.hygiene(good.port, ["--as-of", day])
        #expect(Self.verdicts(later, "ocsp-stapling") == ["violation", "violation"], "\(later)")
        #expect(later.first { $0.item == "ocsp-stapling" }?.message.contains("expired") == true)
        let revoked = try serve(leaf, pki, ["-tls1_2", "-status_file", try pki.ocsp(for: leaf.cert, revoked: true)])
        let revokedFindings = try Self.hygiene(revoked.port)
        #expect(Self.verdicts(revokedFindings, "ocsp-stapling") == ["violation"], "\(revokedFindings)")
        #expect(revokedFindings.first { $0.item == "ocsp-stapling" }?.message.contains("revoked") == true)
        let none = try serve(leaf, pki, ["-tls1_2"])
        let noneFindings = try Self.hygiene(none.port)
        #expect(Self.verdicts(noneFindings, "ocsp-stapling") == ["pass"])
        #expect(noneFindings.first { $0.item == "ocsp-stapling" }?.message.contains("not stapled") == true)
    }

    @Test func mustStapleWithoutAStapleIsAViolationAndWithOneAPass() throws {
        let pki = try HygienePKI()
        let leaf = try pki.leaf("must", extensions: HygienePKI.fullExtensions + ["tlsfeature=status_request"])
        let bare = try serve(leaf, pki, ["-tls1_2"])
        #expect(Self.verdicts(try Self.hygiene(bare.port), "must-staple") == ["violation"])
        let stapled = try serve(leaf, pki, ["-tls1_2", "-status_file", try pki.ocsp(for: leaf.cert)])
        #expect(Self.verdicts(try Self.hygiene(stapled.port), "must-staple") == ["pass"])
    }

    @Test func missingSANAndRevocationURIsAreViolationsAndTheirTwinsPass() throws {
        let pki = try HygienePKI()
        let bare = try serve(try pki.leaf("bare", extensions: ["keyUsage=critical,digitalSignature"]), pki, ["-tls1_2"])
        let bareFindings = try Self.hygiene(bare.port)
        #expect(Self.verdicts(bareFindings, "subject-alt-name") == ["violation"], "\(bareFindings)")
        #expect(Self.verdicts(bareFindings, "revocation-uris") == ["violation"], "\(bareFindings)")
        let full = try serve(try pki.leaf("full", extensions: HygienePKI.fullExtensions), pki, ["-tls1_2"])
        let fullFindings = try Self.hygiene(full.port)
        #expect(Self.verdicts(fullFindings, "subject-alt-name") == ["pass"], "\(fullFindings)")
        #expect(Self.verdicts(fullFindings, "revocation-uris") == ["pass"], "\(fullFindings)")
    }

    @Test func keyUsageForbiddingKeyEnciphermentNamesTheRSAKeyTransportSuites() throws {
        let pki = try HygienePKI()
        let extensions = ["subjectAltName=DNS:localhost", "crlDistributionPoints=URI:http://crl.example.test/ca.crl"]
        let signOnly = try pki.leaf("sign", extensions: extensions + ["keyUsage=critical,digitalSignature"], rsa: true)
        let cipher = ["-tls1_2", "-cipher", "AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256"]
        let signOnlyServer = try serve(signOnly, pki, cipher)
        let findings = try Self.hygiene(signOnlyServer.port)
        let usage = try #require(findings.first { $0.item == "key-usage" })
        #expect(usage.verdict == "violation", "\(usage)")
        #expect(usage.message.contains("TLS_RSA_WITH_AES_128_GCM_SHA256 under TLSv1.2"), "\(usage.message)")
        #expect(!usage.message.contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), "\(usage.message)")
        let both = try pki.leaf("both", extensions: extensions + ["keyUsage=critical,digitalSignature,keyEncipherment"], rsa: true)
        let bothServer = try serve(both, pki, cipher)
        #expect(Self.verdicts(try Self.hygiene(bothServer.port), "key-usage") == ["pass"])
        let clientOnly = try pki.leaf("client", extensions: extensions + ["extendedKeyUsage=clientAuth"], rsa: true)
        let clientOnlyServer = try serve(clientOnly, pki, cipher)
        let eku = try Self.hygiene(clientOnlyServer.port).first { $0.item == "key-usage" }
        #expect(eku?.verdict == "violation" && eku?.message.contains("serverAuth") == true, "\(String(describing: eku))")
    }

    @Test func sctsAreCountedAndNeverCalledValid() throws {
        let pki = try HygienePKI()
        let leaf = try pki.leaf("sct", extensions: HygienePKI.fullExtensions + [HygienePKI.embeddedSCTExtension])
        let server = try serve(leaf, pki, ["-tls1_2", "-serverinfo", try pki.sctServerInfo()])
        let ct = try #require(try Self.hygiene(server.port).first { $0.item == "certificate-transparency" })
        #expect(ct.verdict == "pass" && ct.message.contains("2 SCTs, not verified"), "\(ct)")
        #expect(!ct.message.contains("valid"), "\(ct)")
        let twin = try serve(try pki.leaf("plain", extensions: HygienePKI.fullExtensions), pki, ["-tls1_2"])
        let none = try #require(try Self.hygiene(twin.port).first { $0.item == "certificate-transparency" })
        #expect(none.verdict == "pass" && none.message.contains("no SCTs"), "\(none)")
    }

    @Test func sctsStapledInTheOCSPResponseCountAndAnUnreadableListIsNotNone() throws {
        let pki = try HygienePKI()
        let leaf = try pki.leaf("ocspsct", extensions: HygienePKI.fullExtensions)
        let list = HygienePKI.syntheticSCTList(logID: 0x22)
        let stapled = try serve(leaf, pki, ["-tls1_2", "-status_file", try pki.ocsp(for: leaf.cert, singleResponseSCTs: list)])
        let ct = try #require(try Self.hygiene(stapled.port).first { $0.item == "certificate-transparency" })
        #expect(ct.verdict == "pass" && ct.message.contains("1 SCT, not verified"), "\(ct)")
        #expect(ct.message.contains("1 in the OCSP staple under TLSv1.2 (log IDs 2222222222222222)"), "\(ct)")
        // The same list with a length one byte too long: not read, so not "no SCTs"; the staple is still good.
        var broken = list
        broken[1] += 1
        let malformed = try serve(leaf, pki, ["-tls1_2", "-status_file", try pki.ocsp(for: leaf.cert, singleResponseSCTs: broken)])
        let run = try CLI.run(["tls", "127.0.0.1:\(malformed.port)", "--format", "json", "--timeout", "3", "--no-active"])
        let findings = try Self.hygiene(report: run.stdout, run.stderr)
        let undecided = try #require(findings.first { $0.item == "certificate-transparency" })
        #expect(undecided.verdict == "indeterminate" && undecided.message.contains("sct list invalid"), "\(undecided)")
        #expect(Self.verdicts(findings, "ocsp-stapling") == ["pass"], "\(findings)")
        // The report carries the failure and still validates against its schema.
        #expect(run.stdout.contains("\"sctFailure\""))
        let report = pki.directory.appendingPathComponent("report.json").path
        try run.stdout.write(toFile: report, atomically: true, encoding: .utf8)
        #expect(try SchemaValidationTests().validate("Schemas/cryptcheck-report-2.schema.json", report).status == 0)
    }

    @Test func savedObservationsAreJudgedAlikeByEvaluate() throws {
        let pki = try HygienePKI()
        let leaf = try pki.leaf("saved", extensions: HygienePKI.fullExtensions + ["tlsfeature=status_request"])
        let server = try serve(leaf, pki, ["-status_file", try pki.ocsp(for: leaf.cert)])
        let saved = pki.directory.appendingPathComponent("observations.json").path
        let scanned = try CLI.run([
            "tls", "127.0.0.1:\(server.port)", "--format", "csv", "--timeout", "3", "--no-active", "--save-observations", saved,
        ])
        let evaluated = try CLI.run(["evaluate", saved, "--format", "csv"])
        func rows(_ csv: String) -> [Substring] { csv.split(whereSeparator: \.isNewline).filter { $0.contains(",certificate-hygiene,") } }
        #expect(rows(scanned.stdout).count >= 7, "\(scanned.stdout)")
        #expect(rows(scanned.stdout) == rows(evaluated.stdout), "\(evaluated.stderr)")
        // In Japanese: the check and verdict in Japanese, what was seen kept as written.
        let japanese = try CLI.run(["evaluate", saved, "--lang", "ja"]).stdout
        #expect(japanese.contains("証明書の運用衛生（Must-Staple（TLS feature））：適合（原文: must-staple: must-staple, stapled"), "\(japanese)")
        #expect(japanese.contains("証明書の運用衛生（OCSP ステープリング）：適合"), "\(japanese)")
    }

    @Test func aDroppedConnectionLeavesStaplingAndSCTsIndeterminate() throws {
        let server = try AttackServer(
            .dropAfterFlight, certificatePEM: LocalServer.fixtures + "/certs/rsa2048-sha256.pem",
            keyPEM: LocalServer.fixtures + "/keys/rsa2048-pkcs1.pem")
        let findings = try Self.hygiene(server.port)
        #expect(!Self.verdicts(findings, "ocsp-stapling").isEmpty)
        #expect(Self.verdicts(findings, "ocsp-stapling").allSatisfy { $0 == "indeterminate" }, "\(findings)")
        #expect(Self.verdicts(findings, "certificate-transparency") == ["indeterminate"], "\(findings)")
        #expect(Self.verdicts(findings, "must-staple").allSatisfy { $0 != "violation" })
    }
}
