import CryptCheckModel
import Foundation
import TestSupport
import Testing

@testable import CryptCheckPolicy
@testable import CryptCheckReport

/// What a reader sees of an HTML page: no scripts, styles or identifiers in `<code>`, no tags,
/// the five entities decoded.
func visibleText(_ html: String) -> String {
    var text = html
    for (open, close) in [("<script", "</script>"), ("<style", "</style>"), ("<code", "</code>")] {
        while let start = text.range(of: open), let end = text.range(of: close, range: start.upperBound..<text.endIndex) {
            text.replaceSubrange(start.lowerBound..<end.upperBound, with: " ")
        }
    }
    var out = ""
    var inTag = false
    for character in text {
        if character == "<" {
            inTag = true
        } else if character == ">" && inTag {
            inTag = false
            out.append("\n")
        } else if !inTag {
            out.append(character)
        }
    }
    for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
        out = out.replacingOccurrences(of: entity, with: character)
    }
    return out
}

/// Latin-script sentences: three or more words of lower-case letters in a row, one space
/// apart (a word may end in `,` `.` `;` `:` or `)` and start with `(`). A word holding anything
/// else, a digit, a hyphen, an underscore, a dot or slash inside, a capital, is part of an
/// identifier (`ssh-public-key`, `TLS_AES_128_GCM_SHA256`, `RSA-2048`, a path, a host, an OID,
/// `--operation-end`), never of a sentence.
func latinSentences(_ text: String) -> [String] {
    func word(_ token: Substring) -> String? {
        var core = token
        if core.first == "(" { core = core.dropFirst() }
        while let last = core.last, ",.;:)".contains(last) { core = core.dropLast() }
        guard core.count >= 2, core.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }) else { return nil }
        return String(core)
    }
    var found: [String] = []
    for line in text.split(separator: "\n") {
        var run: [String] = []
        for token in line.split(separator: " ", omittingEmptySubsequences: false) + [Substring("")] {
            if let word = word(token) {
                run.append(word)
            } else {
                if run.count >= 3 { found.append(run.joined(separator: " ")) }
                run = []
            }
        }
    }
    return found
}

/// The report body in the report's language (issue 14 item 2).
@Suite("The report speaks its reader's language", .serialized)
struct ReportLanguageTests {
    @Test func theJapaneseReportHasNoLatinSentenceOutsideIdentifiers() throws {
        let ja = try DemoReport.run(["--format", "html", "--lang", "ja"]).stdout
        let sentences = latinSentences(visibleText(ja))
        #expect(sentences.isEmpty, "English in the Japanese report: \(Set(sentences).sorted().prefix(20))")
    }

    /// The detector finds English where there is some: the English report, and the lines the
    /// Japanese report printed before (the English original under each finding, profile reasons).
    @Test func theDetectorFindsEnglishSentences() throws {
        let en = try DemoReport.run(["--format", "html", "--lang", "en"]).stdout
        #expect(latinSentences(visibleText(en)).count > 50)
        let before = """
            <td>LS-0001-2022R2 では電子政府推奨暗号。<div class="original" lang="en">all primitives on the e-Government Recommended list</div></td>
            <td>TLSv1.0 is accepted but not allowed</td>
            <td><code>ssh-public-key</code> RSA-2048 TLS_RSA_WITH_AES_128_CBC_SHA /etc/pki/app/legacy-bundle.p12 --operation-end</td>
            """
        #expect(latinSentences(visibleText(before)) == ["all primitives on the", "is accepted but not allowed"])
    }

    @Test func theJapaneseReportNeverRepeatsAFindingInEnglish() throws {
        let ja = try DemoReport.run(["--format", "html", "--lang", "ja"]).stdout
        let data = try #require(HTMLReportRenderer.embeddedData(in: ja))
        let report = try JSONRenderer.decoder().decode(Report.self, from: Data(data.utf8))
        let visible = visibleText(ja)
        let messages = Set(report.findings.map(\.message).filter { $0.split(separator: " ").count >= 4 })
        #expect(!messages.isEmpty)
        for message in messages { #expect(!visible.contains(message), "\(message)") }
        for profile in report.profiles {
            for reason in profile.reasons + profile.advisories { #expect(!visible.contains(reason), "\(reason)") }
        }
        #expect(!ja.contains("class=\"original\""))
    }

    @Test func japaneseDatesAreJSTWithYearMonthDay() throws {
        let ja = visibleText(try DemoReport.run(["--format", "html", "--lang", "ja"]).stdout)
        // --generated-at 2026-11-30T09:00:00Z is 18:00 in Japan; the as-of day and the end of operation as 年月日.
        #expect(ja.contains("2026年11月30日 18:00 (JST)"))
        #expect(ja.contains("2035年12月31日"))
        #expect(!ja.contains("2026-11-30T09:00:00Z"))
        let text = ReportText(language: .ja)
        #expect(text.timestamp("2026-12-31T15:30:00Z") == "2027年1月1日 00:30 (JST)")
        #expect(text.timestamp("2028-02-28T20:00:00Z") == "2028年2月29日 05:00 (JST)")
        #expect(text.day("2026-12-02") == "2026年12月2日")
        #expect(text.cited("RFC 5280 6") == "RFC 5280 第6節")
        #expect(ReportText(language: .en).day("2026-12-02") == "2026-12-02")
    }

    /// Passes are counted in the body and listed in the appendix; the body's tables hold
    /// violations, conditions and undecided items only.
    @Test func passesAreCountedInTheBodyAndListedInTheAppendix() throws {
        let en = try DemoReport.run(["--format", "html", "--lang", "en"]).stdout
        let data = try #require(HTMLReportRenderer.embeddedData(in: en))
        let report = try JSONRenderer.decoder().decode(Report.self, from: Data(data.utf8))
        let body = try #require(en.range(of: "id=\"passes\"")).lowerBound
        let appendix = String(en[body...])
        let passes = report.findings.filter(HTMLRow.isPass)
        #expect(passes.count > 20)
        #expect(en[..<body].components(separatedBy: "<tr class=\"verdict-pass\">").count == 1)
        #expect(appendix.components(separatedBy: "<tr class=\"verdict-pass\">").count - 1 == passes.filter { $0.verdict == .pass }.count)
        #expect(en.contains("<section id=\"counts\">") && en.contains(">\(passes.filter { $0.verdict == .pass }.count)<"))
    }
}

/// Every fix the policy can ask for has an action heading in both languages.
@Test(arguments: RemediationCode.known)
func everyKnownCodeHasAnActionHeading(code: RemediationCode) {
    for language in ReportLanguage.allCases {
        let heading = RemediationConfig.heading(code, nil, ReportText(language: language))
        #expect(heading != code.rawValue && !heading.isEmpty, "\(language): \(code)")
    }
}

/// The configuration lines of the actions, checked against the policy and against OpenSSL.
@Suite("Remediation configuration follows the lists", .serialized)
struct RemediationConfigTests {
    static func configuration() throws -> AcceptableConfiguration {
        let json = try DemoReport.run(["--format", "json"]).stdout
        let report = try JSONRenderer.decoder().decode(Report.self, from: Data(json.utf8))
        return try #require(report.configuration)
    }

    static let policy: Policy = {
        let catalog = try! ListCatalog.builtIn()
        guard case .ciphers(let list) = try! catalog.document(named: "LS-0001-2022", asOf: PolicySelection.parseDay("2026-11-30")!)!
        else { fatalError("LS-0001-2022") }
        return Policy(
            list: list, strength: try! catalog.strengthRequirements.first, guideline: try! catalog.guidelines.first,
            asOf: PolicySelection.parseDay("2026-11-30")!, operationEnd: PolicySelection.parseDay("2035-12-31"),
            targetProfile: "recommended")
    }()

    /// OpenSSL parses the generated cipher strings, and every suite it yields is one the policy
    /// judges acceptable.
    @Test func opensslParsesTheCipherStringsIntoAcceptableSuitesOnly() throws {
        let configuration = try Self.configuration()
        let tls12 = try #require(RemediationConfig.blocks(.disableCipherSuite, configuration).first { $0.system == "nginx" })
        let cipherString = try #require(tls12.lines.first { $0.hasPrefix("ssl_ciphers ") }).dropFirst("ssl_ciphers ".count).dropLast()
        let suites13 = try #require(tls12.lines.first { $0.hasPrefix("ssl_conf_command Ciphersuites ") })
            .dropFirst("ssl_conf_command Ciphersuites ".count).dropLast()
        let listed = try runTool(
            "/usr/bin/openssl", ["ciphers", "-stdname", "-s", "-ciphersuites", String(suites13), String(cipherString)])
        #expect(listed.status == 0, "\(listed.output)")
        let names = listed.output.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(names.count >= 6, "\(listed.output)")
        let judge = Judge(policy: Self.policy)
        for name in names {
            let code = try #require(CipherSuiteRegistry.byName[name.uppercased()], "\(name)")
            let version: ProtocolVersion = name.hasPrefix("TLS_AES") || name.hasPrefix("TLS_CHACHA") ? .tlsv1_3 : .tlsv1_2
            #expect(judge.suiteFinding(CipherSuite(code), version: version, subject: "t").verdict == .pass, "\(name)")
        }
        // Every name of the line is known to OpenSSL (none silently dropped)... or says which are not.
        let known = Set(
            try runTool("/usr/bin/openssl", ["ciphers", "-s", "ALL:COMPLEMENTOFALL"]).output.split(separator: ":").map(String.init))
        let unknown = cipherString.split(separator: ":").map(String.init).filter {
            !known.contains($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(unknown.count <= cipherString.split(separator: ":").count / 2, "\(unknown)")
        // A suite the policy rejects (3DES, RSA key transport) is not in the line.
        #expect(!cipherString.contains("DES-CBC3") && !cipherString.contains("AES128-SHA:"))
    }

    /// A real server configured with the generated lines starts (OpenSSL accepts the suite,
    /// group and scheme lists) and its scan has no violation in what those lines set.
    @Test func aServerWithTheGeneratedLinesPassesTheList() throws {
        let configuration = try Self.configuration()
        func value(_ code: RemediationCode, _ prefix: String) throws -> String {
            let lines = RemediationConfig.blocks(code, configuration).first { $0.system == "OpenSSL (openssl.cnf)" }?.lines ?? []
            return String(try #require(lines.first { $0.hasPrefix(prefix) }).dropFirst(prefix.count))
        }
        let server = try LocalServer([
            "-cert", LocalServer.fixtures + "/certs/ec-p256-sha256.pem", "-key", LocalServer.fixtures + "/keys/ec-p256-sec1.pem",
            "-cipher", try value(.disableCipherSuite, "CipherString = "), "-ciphersuites",
            try value(.disableCipherSuite, "Ciphersuites = "),
            "-groups", try value(.restrictGroups, "Groups = "), "-sigalgs", try value(.disableSignatureScheme, "SignatureAlgorithms = "),
            "-min_protocol", try value(.disableProtocolVersion, "MinProtocol = "), "-serverpref",
        ])
        let result = try CLI.run([
            "tls", "127.0.0.1:\(server.port)", "--format", "json", "--as-of", "2026-11-30", "--operation-end", "2035",
        ])
        let report = try JSONRenderer.decoder().decode(Report.self, from: Data(result.stdout.utf8))
        let components: Set<FindingComponent> = [.protocolVersion, .cipherSuite, .group, .signatureScheme, .cipherSuiteOrder]
        let judged = report.findings.filter { components.contains($0.component) }
        #expect(judged.contains { $0.component == .cipherSuite && $0.verdict == .pass })
        let wrong = judged.filter { $0.verdict == .violation }
        #expect(wrong.isEmpty, "\(wrong.map { "\($0.item) [\($0.context ?? "")]: \($0.message)" })")
    }

    /// The key and keystore commands run, and what they make passes a scan.
    @Test func theKeyCommandsMakeKeysAndKeystoresTheListAccepts() throws {
        let configuration = try Self.configuration()
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lines =
            RemediationConfig.blocks(.regenerateKey, configuration).flatMap(\.lines)
            + RemediationConfig.blocks(.reprotectKey, configuration).flatMap(\.lines)
            + RemediationConfig.blocks(.dhParametersSize, configuration).filter { $0.system == "openssl" }.flatMap(\.lines)
        #expect(lines.contains { $0.contains("ec_paramgen_curve:P-256") } && lines.contains { $0.contains("-keypbe AES-256-CBC") })
        func run(_ line: String, extra: [String] = []) throws {
            // The words of the line, with the file names placed in the temporary folder.
            let words = line.split(separator: " ").map(String.init).dropFirst().map { word in
                [".key", ".crt", ".p12", ".pem", ".csr"].contains { word.hasSuffix($0) }
                    ? directory.appendingPathComponent(word).path : word
            }
            let result = try runTool("/usr/bin/openssl", Array(words) + extra)
            #expect(result.status == 0, "\(line): \(result.output)")
        }
        let ec = try #require(lines.first { $0.contains("-algorithm EC") })
        try run(ec)
        try run("openssl req -x509 -new -key server.key -sha256 -subj /CN=test -days 30 -out server.crt")
        try run(try #require(lines.first { $0.hasPrefix("openssl pkcs12") }), extra: ["-passout", "pass:changeit"])
        if let dh = lines.first(where: { $0.contains("-genparam") }) { try run(dh) }
        let scan = try CLI.run([
            // Judged today: the certificate made a moment ago is valid from today.
            "scan", directory.path, "--password", "changeit", "--format", "json", "--operation-end", "2035",
        ])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(scan.stdout.utf8)) as? [String: Any])
        func violations(_ value: Any) -> [String] {
            if let object = value as? [String: Any] {
                let own = object["verdict"] as? String == "violation" ? ["\(object["subject"] ?? "") \(object["item"] ?? "")"] : []
                return own + object.values.flatMap(violations)
            }
            if let array = value as? [Any] { return array.flatMap(violations) }
            return []
        }
        #expect(violations(json).isEmpty, "\(violations(json))")
        #expect(scan.stdout.contains("server.p12") && scan.stdout.contains("server.key"))
    }
}
