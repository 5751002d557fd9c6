import Foundation
import TestSupport
import Testing

/// The active checks' results in the report's evidence (JSON, against its schema, and the HTML
/// appendix in both languages), beside the findings that judge them.
@Suite("Attack results in the evidence", .serialized)
struct AttackEvidenceCLITests {
    static let fixed = ["--as-of", "2026-11-30", "--list", "LS-0001-2022", "--timeout", "3"]

    static func server(_ answer: AttackServer.RenegotiationAnswer) throws -> AttackServer {
        try AttackServer(
            .renegotiation(answer), certificatePEM: LocalServer.fixtures + "/certs/rsa2048-sha256.pem",
            keyPEM: LocalServer.fixtures + "/keys/rsa2048-pkcs1.pem")
    }

    @Test func theJSONEvidenceListsEveryAttackWithItsVerdictAndValidates() throws {
        let server = try Self.server(.insecure)
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = directory.appendingPathComponent("report.json").path
        let run = try CLI.run(["tls", "127.0.0.1:\(server.port)", "--format", "json", "-o", report] + Self.fixed)
        #expect(run.status == 1, "\(run.stderr)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        let endpoint = try #require(((document["evidence"] as? [String: Any])?["endpoints"] as? [[String: Any]])?.first)
        let attacks = try #require(endpoint["attacks"] as? [[String: Any]], "\(endpoint.keys.sorted())")
        let byName = Dictionary(attacks.map { ($0["attack"] as? String ?? "", $0) }, uniquingKeysWith: { $1 })
        let renegotiation = try #require(byName["insecure-renegotiation"])
        #expect(renegotiation["verdict"] as? String == "vulnerable")
        #expect((renegotiation["evidence"] as? String)?.contains("no renegotiation_info") == true, "\(renegotiation)")
        // The scripted server drops what follows its flight: Heartbleed does not apply (no
        // heartbeat offered back), CCS injection could not be tested and says why, with a code.
        #expect(byName["heartbleed"]?["verdict"] as? String == "not-applicable")
        let ccs = try #require(byName["ccs-injection"])
        #expect(ccs["verdict"] as? String == "could-not-test" && ccs["code"] is String, "\(ccs)")
        #expect(try SchemaValidationTests().validate("Schemas/cryptcheck-report-2.schema.json", report).status == 0)
    }

    @Test func theHTMLAppendixShowsTheAttacksInBothLanguages() throws {
        let server = try Self.server(.secure)
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (language, label, verdict) in [
            ("en", "Attacks tried", "insecure renegotiation: not vulnerable — "), ("ja", "試した攻撃", "insecure renegotiation: 脆弱ではない — "),
        ] {
            let file = directory.appendingPathComponent("report-\(language).html").path
            let run = try CLI.run(
                ["tls", "127.0.0.1:\(server.port)", "--format", "html", "--lang", language, "-o", file] + Self.fixed)
            #expect(run.status != 0, "\(run.stderr)")
            let page = try String(contentsOfFile: file, encoding: .utf8)
            let appendix = try #require(page.range(of: "<section class=\"break\" id=\"evidence\">"), "\(language)")
            let row = try #require(page.range(of: "<th>\(label)</th>", range: appendix.upperBound..<page.endIndex), "\(language)")
            #expect(page[row.upperBound...].prefix(4000).contains(verdict), "\(language)")
        }
    }
}
