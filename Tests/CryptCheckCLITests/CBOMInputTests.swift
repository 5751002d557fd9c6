import Foundation
import TestSupport
import Testing

/// Issue 16 item 2: `cryptcheck evaluate vendor.cdx.json` judges a CycloneDX BOM's declared
/// assets by the rules that judge the same things observed, marks them declared in every
/// output, and lists what it cannot map as not judged.
@Suite("A CycloneDX BOM's declared cryptography is judged", .serialized)
struct CBOMInputTests {
    static let vendor = "Fixtures/cbom/vendor-1.6.cdx.json"
    static let fixed = ["--as-of", "2026-11-30", "--generated-at", "2026-11-30T09:00:00Z", "--color", "never"]

    /// The findings of a JSON report.
    static func findings(_ json: String) throws -> [[String: Any]] {
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require(report["findings"] as? [[String: Any]])
    }

    static func finding(_ findings: [[String: Any]], ref: String, component: String? = nil, item: String? = nil) -> [String: Any]? {
        findings.first {
            ($0["subject"] as? String) == "\(vendor)#\(ref)" && (component == nil || ($0["component"] as? String) == component)
                && (item == nil || ($0["item"] as? String) == item)
        }
    }

    @Test func everyDeclaredAssetIsJudgedOrListedAsNotJudged() throws {
        let run = try CLI.run(["evaluate", Self.vendor, "--format", "json"] + Self.fixed)
        #expect(run.status == 1, "\(run.stderr)")
        let findings = try Self.findings(run.stdout)
        #expect(!findings.isEmpty)
        for finding in findings {
            #expect(finding["declared"] as? Bool == true, "\(finding["subject"] ?? "?") \(finding["item"] ?? "?") is not marked declared")
            #expect((finding["subject"] as? String)?.hasPrefix(Self.vendor + "#") == true)
        }
        func verdict(_ ref: String, _ component: String? = nil, item: String? = nil) -> String? {
            Self.finding(findings, ref: ref, component: component, item: item)?["verdict"] as? String
        }
        func message(_ ref: String, _ component: String? = nil) -> String {
            Self.finding(findings, ref: ref, component: component)?["message"] as? String ?? ""
        }
        // Judged as observed: suites, versions, the certificate and its key, the algorithms.
        #expect(verdict("crypto/protocol/tls12", "protocol-version") == "pass")
        #expect(verdict("crypto/protocol/tls12", "cipher-suite", item: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (0xC02F)") == "pass")
        #expect(verdict("crypto/protocol/tls12", "cipher-suite", item: "TLS_RSA_WITH_3DES_EDE_CBC_SHA (0x000A)") == "violation")
        // By name when no identifiers are given.
        #expect(verdict("crypto/protocol/tls12", "cipher-suite", item: "TLS_RSA_WITH_AES_256_CBC_SHA256 (0x003D)") != nil)
        #expect(verdict("crypto/protocol/tls13", "cipher-suite", item: "TLS_AES_128_GCM_SHA256 (0x1301)") == "pass")
        #expect(verdict("crypto/certificate/gateway", "certificate-key") == "pass")
        #expect(verdict("crypto/certificate/gateway", "certificate-signature") == "pass")
        #expect(verdict("crypto/certificate/gateway", "certificate-validity") == "pass")
        #expect(verdict("crypto/algorithm/aes-256-cbc", "algorithm") == "pass")
        #expect(verdict("crypto/algorithm/mlkem768", "algorithm") != nil)
        #expect(verdict("crypto/algorithm/ecdh-p256", "algorithm") == "pass")
        #expect(verdict("crypto/algorithm/ecdsa-p384", "algorithm") == "pass")
        #expect(verdict("crypto/algorithm/hmac-sha256", "algorithm") == "pass")
        #expect(verdict("crypto/algorithm/md5", "algorithm") == "violation")
        #expect(verdict("crypto/algorithm/sha-1", "algorithm") != "pass")
        #expect(verdict("crypto/algorithm/3des", "algorithm") != "pass")
        // A size the judgement needs but the BOM does not give.
        #expect(verdict("crypto/algorithm/aes-cbc", "algorithm") == "indeterminate")
        #expect(message("crypto/algorithm/aes-cbc", "algorithm").contains("size not declared"))
        // Referenced algorithms and the certificate's key are judged through their users only.
        #expect(Self.finding(findings, ref: "crypto/algorithm/rsa-2048") == nil)
        #expect(Self.finding(findings, ref: "crypto/algorithm/aes-128-gcm") == nil)
        #expect(Self.finding(findings, ref: "crypto/key/rsa-2048") == nil)
        // Not judged, with the reason and its code; never dropped.
        let notJudged: [(String, String)] = [
            ("crypto/algorithm/foo", "bom.unknown-algorithm"), ("crypto/algorithm/unknown-oid", "bom.unknown-algorithm"),
            ("crypto/broken/no-type", "bom.malformed-asset"), ("crypto/certificate/dangling", "bom.malformed-asset"),
            ("crypto/protocol/ssh", "bom.unsupported-asset"), ("crypto/nonce/iv", "bom.unsupported-asset"),
        ]
        for (ref, code) in notJudged {
            let found = Self.finding(findings, ref: ref, component: "declared-asset")
            #expect(found?["verdict"] as? String == "indeterminate", "\(ref)")
            #expect(found?["errorCode"] as? String == code, "\(ref): \(found?["errorCode"] ?? "none")")
            #expect((found?["message"] as? String)?.hasPrefix("not judged: ") == true, "\(ref)")
            #expect((found?["message"] as? String)?.contains("(at components[") == true, "\(ref): no JSON path")
        }
        let suites = findings.filter {
            ($0["subject"] as? String) == "\(Self.vendor)#crypto/protocol/tls12" && ($0["component"] as? String) == "declared-asset"
        }
        #expect(suites.count == 2, "the made-up suite and the bad identifier: \(suites.map { $0["message"] ?? "" })")
        #expect(suites.contains { ($0["message"] as? String)?.contains("cipherSuites[3]") == true })
        #expect(suites.contains { ($0["message"] as? String)?.contains("cipherSuites[4]") == true })
        // The errors name the file and the asset on standard error; the run goes on.
        #expect(run.stderr.contains("\(Self.vendor)#crypto/algorithm/foo: the algorithm name 'FooCipher-256'"), "\(run.stderr)")
    }

    @Test func aDeclaredFindingIsMarkedInEveryFormat() throws {
        let text = try CLI.run(["evaluate", Self.vendor] + Self.fixed)
        #expect(text.stdout.contains("[declared, not observed]"), "\(text.stdout)")
        let japanese = try CLI.run(["evaluate", Self.vendor, "--lang", "ja"] + Self.fixed)
        #expect(japanese.stdout.contains("[申告、未観測]"))
        let csv = try CLI.run(["evaluate", Self.vendor, "--format", "csv"] + Self.fixed)
        let rows = csv.stdout.split(separator: "\r\n")
        #expect(rows.first?.hasSuffix(",declared") == true)
        #expect(rows.dropFirst().allSatisfy { $0.hasSuffix(",true") }, "\(rows.prefix(3))")
        let sarif = try CLI.run(["evaluate", Self.vendor, "--format", "sarif"] + Self.fixed)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let results = try #require(((log["runs"] as? [[String: Any]])?.first)?["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        #expect(results.allSatisfy { (($0["properties"] as? [String: Any])?["declared"] as? Bool) == true })
        let cbom = try CLI.run(["evaluate", Self.vendor, "--format", "cbom"] + Self.fixed)
        let bom = try #require(try JSONSerialization.jsonObject(with: Data(cbom.stdout.utf8)) as? [String: Any])
        let components = try #require(bom["components"] as? [[String: Any]])
        let marked = components.filter {
            (($0["properties"] as? [[String: String]]) ?? []).contains { $0["name"] == "cryptcheck:declared" && $0["value"] == "true" }
        }
        let protocols = components.filter {
            (($0["cryptoProperties"] as? [String: Any])?["assetType"] as? String) == "protocol"
        }
        #expect(!protocols.isEmpty)
        #expect(protocols.allSatisfy { asset in marked.contains { $0["bom-ref"] as? String == asset["bom-ref"] as? String } })
        #expect(marked.contains { ($0["bom-ref"] as? String)?.hasPrefix("crypto/certificate/") == true })
        // An observed finding is not marked.
        let observed = try CLI.run(["evaluate", "Fixtures/observations/demo.json", "--format", "json"] + Self.fixed)
        #expect(try Self.findings(observed.stdout).allSatisfy { $0["declared"] == nil })
        #expect(!observed.stdout.contains("\"declared\""))
    }

    @Test func bomsOfCycloneDX14And15CarryNoCryptographicAssets() throws {
        for (file, version) in [("Fixtures/cbom/bom-1.4.cdx.json", "1.4"), ("Fixtures/cbom/bom-1.5.cdx.json", "1.5")] {
            let run = try CLI.run(["evaluate", file, "--format", "json"] + Self.fixed)
            #expect(run.status == 2, "\(file): a run with nothing judged is indeterminate, never conformant")
            let findings = try Self.findings(run.stdout)
            #expect(findings.count == 1)
            #expect(findings.first?["errorCode"] as? String == "bom.no-cryptographic-assets")
            #expect(
                (findings.first?["message"] as? String)?.contains("CycloneDX \(version) BOM carries no cryptographic assets") == true,
                "\(findings)")
            #expect(findings.first?["declared"] as? Bool == true)
        }
        // A BOM among observation files: both are judged, whatever the file is called.
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let renamed = directory.appendingPathComponent("inventory.txt")
        try FileManager.default.copyItem(atPath: Self.vendor, toPath: renamed.path)
        let mixed = try CLI.run(["evaluate", "Fixtures/observations/demo.json", renamed.path, "--format", "json"] + Self.fixed)
        let findings = try Self.findings(mixed.stdout)
        #expect(findings.contains { $0["declared"] == nil })
        #expect(findings.contains { ($0["subject"] as? String)?.hasPrefix(renamed.path + "#") == true && $0["declared"] as? Bool == true })
    }

    @Test func aBOMThatCannotBeReadIsNamedAndTheRestContinues() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let deep = directory.appendingPathComponent("deep.cdx.json")
        let nesting = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        try #"{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": \#(nesting)}"#.write(
            to: deep, atomically: true, encoding: .utf8)
        let shape = directory.appendingPathComponent("shape.cdx.json")
        try #"{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": {"a": 1}}"#.write(to: shape, atomically: true, encoding: .utf8)
        let run = try CLI.run(["evaluate", deep.path, shape.path, Self.vendor, "--format", "json"] + Self.fixed)
        #expect(run.status == 1, "the vendor BOM's violations still count: \(run.stderr)")
        #expect(run.stderr.contains("\(deep.path): the CycloneDX BOM nests deeper than 64 levels"), "\(run.stderr)")
        #expect(run.stderr.contains("\(shape.path): 'components' of the CycloneDX BOM is not an array"), "\(run.stderr)")
        let findings = try Self.findings(run.stdout)
        for path in [deep.path, shape.path] {
            let found = findings.first { $0["subject"] as? String == path }
            #expect(found?["errorCode"] as? String == "bom.invalid", "\(path)")
        }
    }

    @Test func aReportFromAVendorCBOMAloneSaysItRestsOnDeclaredCryptography() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (language, sentence) in [
            ("en", "This report rests entirely on declared, not observed, cryptography"),
            ("ja", "この報告は全面的に、観測ではなく申告された暗号"),
        ] {
            let file = directory.appendingPathComponent("report-\(language).html").path
            let run = try CLI.run(["report", Self.vendor, "--lang", language, "-o", file] + Self.fixed)
            #expect(run.status == 1, "\(run.stderr)")
            let page = try String(contentsOfFile: file, encoding: .utf8)
            // On page 1: within the verdict section, before the scope.
            let verdict = try #require(page.range(of: "<section class=\"verdict\" id=\"verdict\">"))
            let scope = try #require(page.range(of: "<h3>", range: verdict.upperBound..<page.endIndex))
            let said = try #require(page.range(of: sentence), "\(language): page 1 does not say it")
            #expect(said.lowerBound > verdict.upperBound && said.lowerBound < scope.lowerBound, "\(language)")
        }
        // Partly, when observed findings are there too.
        let mixed = directory.appendingPathComponent("mixed.html").path
        _ = try CLI.run(["report", "Fixtures/observations/demo.json", Self.vendor, "-o", mixed] + Self.fixed)
        let page = try String(contentsOfFile: mixed, encoding: .utf8)
        #expect(page.contains("This report rests partly on declared, not observed, cryptography"))
        // Nothing declared, nothing said.
        let plain = directory.appendingPathComponent("plain.html").path
        _ = try CLI.run(["report", "Fixtures/observations/demo.json", "-o", plain] + Self.fixed)
        #expect(!(try String(contentsOfFile: plain, encoding: .utf8)).contains("declared, not observed"))
    }

    @Test func diffComparesTheDeclaredInventoryWithTheObservedBothWays() throws {
        let observed = "Fixtures/observations/demo.json"
        for (a, b, declared) in [(Self.vendor, observed, "A"), (observed, Self.vendor, "B")] {
            let run = try CLI.run(["diff", a, b, "--format", "json"])
            #expect(run.status == 1, "\(run.stderr)")
            let diff = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            #expect(diff["schema"] as? String == "cryptcheck-diff/1")
            #expect((diff["targets"] as? [Any])?.isEmpty == true)
            let inventory = try #require(diff["inventory"] as? [String: Any])
            #expect(inventory["declared"] as? String == declared)
            func values(_ key: String) -> [String] {
                (inventory[key] as? [[String: String]] ?? []).map { "\($0["field"] ?? ""): \($0["value"] ?? "")" }
            }
            let notSeen = values("declaredNotSeen"), notDeclared = values("usedNotDeclared")
            #expect(notSeen.contains("cipher-suite: TLSv1.2 TLS_RSA_WITH_AES_256_CBC_SHA256"), "\(notSeen)")
            #expect(!notSeen.contains("cipher-suite: TLSv1.2 TLS_RSA_WITH_3DES_EDE_CBC_SHA"), "declared and seen")
            #expect(notSeen.contains("signature-algorithm: RSASSA-PKCS1-v1_5 with SHA-512"), "\(notSeen)")
            #expect(notSeen.contains("primitive: ML-KEM-768"), "\(notSeen)")
            #expect(!notDeclared.isEmpty)
            #expect(notDeclared.allSatisfy { !notSeen.contains($0) })
            #expect((inventory["notJudged"] as? [String])?.contains { $0.hasPrefix("\(Self.vendor)#crypto/algorithm/foo: ") } == true)
            let sides = [diff["a"], diff["b"]].compactMap { ($0 as? [String: Any])?["tool"] as? String }
            #expect(sides.contains("CycloneDX 1.6 BOM of Example Gateway 4.2"), "\(sides)")
            let text = try CLI.run(["diff", a, b])
            #expect(text.stdout.contains("used but not declared ("), "\(text.stdout)")
            #expect(text.stdout.contains("declared but not seen ("))
            let japanese = try CLI.run(["diff", a, b, "--lang", "ja"])
            #expect(japanese.stdout.contains("申告されているが観測されていない"))
        }
        let both = try CLI.run(["diff", Self.vendor, Self.vendor])
        #expect(both.status == 64)
    }
}

/// The outputs of a vendor CBOM against their published schemas (PyPI's jsonschema in .venv).
@Suite("Declared outputs validate against their schemas", .serialized)
struct CBOMInputSchemaTests {
    @Test func reportSARIFCBOMAndDiffOfAVendorCBOMAreValid() throws {
        let python = packageRoot + "/.venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            Issue.record("the JSON-Schema validator is missing: run `make validator`")
            return
        }
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputs = [CBOMInputTests.vendor, "Fixtures/observations/demo.json"]
        let cases = [
            ("json", "Schemas/cryptcheck-report-2.schema.json"), ("sarif", "Tests/Schemas/sarif-2.1.0.json"),
            ("cbom", "Tests/Schemas/bom-1.6.SNAPSHOT.schema.json"),
        ]
        for (format, schema) in cases {
            let file = directory.appendingPathComponent("out.\(format)").path
            _ = try CLI.run(["evaluate"] + inputs + ["--format", format, "-o", file] + CBOMInputTests.fixed)
            let valid = try runTool(python, ["Scripts/validate-json.py", schema, file])
            #expect(valid.status == 0, "\(format): \(valid.output)")
        }
        let diff = try CLI.run(["diff", CBOMInputTests.vendor, "Fixtures/observations/demo.json", "--format", "json"])
        let file = directory.appendingPathComponent("diff.json")
        try Data(diff.stdout.utf8).write(to: file)
        let valid = try runTool(python, ["Scripts/validate-json.py", "Schemas/cryptcheck-diff-1.schema.json", file.path])
        #expect(valid.status == 0, "diff: \(valid.output)")
    }
}
