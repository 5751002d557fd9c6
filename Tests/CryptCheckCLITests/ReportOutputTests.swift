import CryptCheckModel
import CryptCheckPolicy
import Foundation
import TestSupport
import Testing

@testable import CryptCheckReport

/// The package root, where the tests run the binary from.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// The report of the two demo observation files with every input fixed, in any format.
enum DemoReport {
    static let inputs = ["Fixtures/observations/demo.json", "Fixtures/observations/files-demo.json"]
    static let fixed = [
        "--as-of", "2026-11-30", "--generated-at", "2026-11-30T09:00:00Z", "--system-name", "会計システム (accounting)",
        "--reference", "PROC-2026-042", "--evaluator", "Test Evaluator", "--color", "never",
        "--operation-end", "2035", "--projection", "2042-01-01", "--sarif-root", "/srv/checkout",
    ]

    static func run(_ extra: [String]) throws -> CLI.Result {
        try CLI.run(["report"] + inputs + fixed + extra)
    }

    /// The saved TLS demo observations as JSON objects, for a test to change and write back.
    static func tlsObservations() throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: packageRoot + "/" + inputs[0])))
                as? [String: Any])
    }
}

/// The report of the saved SSH scan with every input fixed.
enum SSHDemoReport {
    static let fixed = [
        "--as-of", "2026-11-30", "--generated-at", "2026-11-30T09:00:00Z", "--system-name", "運用管理系 (administration)",
        "--reference", "PROC-2026-043", "--evaluator", "Test Evaluator", "--color", "never", "--operation-end", "2035",
    ]
}

/// Runs a program from the package root and returns its exit status and output.
func runTool(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Golden files for every renderer: a changed output fails until it is re-recorded on purpose
/// (`make golden`, which sets CRYPTCHECK_RECORD_GOLDEN=1). A recording run writes the files and
/// fails, as argument-parser's snapshot tests do, so a test can never pass by writing its own
/// expectation; the run after it, without the variable, is the one that passes.
@Suite("Report renderers: golden files", .serialized)
struct GoldenReportTests {
    static let recording = ProcessInfo.processInfo.environment["CRYPTCHECK_RECORD_GOLDEN"] == "1"

    @Test(arguments: [
        ("report.json", "json", "en"), ("findings.csv", "csv", "en"), ("report.sarif", "sarif", "en"),
        ("cbom.json", "cbom", "en"), ("report-ja.html", "html", "ja"), ("report-en.html", "html", "en"), ("report.txt", "text", "en"),
    ])
    func rendererOutputMatchesItsGoldenFile(name: String, format: String, language: String) throws {
        let result = try DemoReport.run(["--format", format, "--lang", language])
        // Violations outrank the unscanned target: exit 1; stdout holds nothing but the format.
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("/srv/tls/private/server.key"))
        try Self.compare(result.stdout, name)
    }

    /// The SSH golden files: the observations of a real sshd scan (`Tests/Golden/README.md`) of a
    /// modern server (a host certificate, a hybrid accepted on negotiation only), a legacy one
    /// (CBC, SHA-1 MACs, group1, group exchange) and a port where nothing listened.
    @Test(arguments: [
        ("ssh-report.json", "json", "en"), ("ssh-report-ja.html", "html", "ja"), ("ssh-report-en.html", "html", "en"),
        ("ssh-report.txt", "text", "en"),
    ])
    func sshRendererOutputMatchesItsGoldenFile(name: String, format: String, language: String) throws {
        let result = try CLI.run(
            ["report", "Fixtures/observations/ssh-demo.json"] + SSHDemoReport.fixed + ["--format", format, "--lang", language])
        // The legacy server's violations outrank the unreachable endpoint: exit 1.
        #expect(result.status == 1, "\(result.stderr)")
        try Self.compare(result.stdout, name)
        for expected in [
            "ssh://127.0.0.1:22201", "ssh://127.0.0.1:22202", "ssh://127.0.0.1:22203", "3des-cbc", "diffie-hellman-group1-sha1",
        ] {
            #expect(result.stdout.contains(expected), "\(name): \(expected)")
        }
        if format == "html" {
            #expect(result.stdout.contains("<h3>ssh://127.0.0.1:22202</h3>") && result.stdout.contains("2048/3072/8192 → 3072 bit"))
            if language == "ja" {
                let english = latinSentences(visibleText(result.stdout))
                #expect(english.isEmpty, "English in the Japanese SSH report: \(Set(english).sorted().prefix(20))")
            }
        }
    }

    /// Checks `produced` against the golden file `name`, or records it.
    static func compare(_ produced: String, _ name: String) throws {
        let path = packageRoot + "/Tests/Golden/" + name
        if recording {
            try produced.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name); review the diff and re-run without CRYPTCHECK_RECORD_GOLDEN")
            return
        }
        let golden = try String(contentsOfFile: path, encoding: .utf8)
        if produced != golden {
            let lines = produced.components(separatedBy: "\n"), expected = golden.components(separatedBy: "\n")
            let line = Array(zip(lines, expected)).firstIndex { $0 != $1 } ?? min(lines.count, expected.count)
            Issue.record(
                """
                \(name) differs from its golden file at line \(line + 1):
                  golden:   \(line < expected.count ? expected[line] : "<end>")
                  produced: \(line < lines.count ? lines[line] : "<end>")
                If the change is intended, re-record with `make golden` and review the diff.
                """)
        }
    }

    @Test func sameInputsGiveTheSameBytes() throws {
        for format in ["json", "html", "cbom"] {
            let first = try DemoReport.run(["--format", format]), second = try DemoReport.run(["--format", format])
            #expect(first.stdout == second.stdout, "\(format)")
        }
    }
}

/// The machine formats against their published schemas, with a real validator (PyPI's
/// jsonschema, installed in .venv by `make test`).
@Suite("Report formats validate against their schemas", .serialized)
struct SchemaValidationTests {
    static let python = packageRoot + "/.venv/bin/python"

    func validate(_ schema: String, _ document: String) throws -> (status: Int32, output: String) {
        guard FileManager.default.isExecutableFile(atPath: Self.python) else {
            Issue.record("the JSON-Schema validator is missing: run `make test` (it installs jsonschema into .venv)")
            return (-1, "")
        }
        return try runTool(Self.python, ["Scripts/validate-json.py", schema, document])
    }

    @Test func jsonSarifAndCBOMAreValidAndTamperedCopiesAreNot() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["report"] + DemoReport.inputs + DemoReport.fixed + ["--output-dir", directory.path])
        #expect(result.status == 1, "\(result.stderr)")
        let cases = [
            ("Schemas/cryptcheck-report-2.schema.json", "report.json"), ("Tests/Schemas/sarif-2.1.0.json", "report.sarif"),
            ("Tests/Schemas/bom-1.6.SNAPSHOT.schema.json", "cbom.json"),
        ]
        for (schema, name) in cases {
            let file = directory.appendingPathComponent(name).path
            let valid = try validate(schema, file)
            #expect(valid.status == 0, "\(name): \(valid.output)")
            // The validator can fail: break one value the schema constrains and it must object.
            var text = try String(contentsOfFile: file, encoding: .utf8)
            switch name {
            case "report.json": text = text.replacingOccurrences(of: "\"verdict\" : \"violation\"", with: "\"verdict\" : \"bad\"")
            case "report.sarif": text = text.replacingOccurrences(of: "\"level\": \"error\"", with: "\"level\": \"fatal\"")
            default: text = text.replacingOccurrences(of: "\"assetType\": \"algorithm\"", with: "\"assetType\": \"spell\"")
            }
            let broken = directory.appendingPathComponent("broken-" + name).path
            try text.write(toFile: broken, atomically: true, encoding: .utf8)
            let invalid = try validate(schema, broken)
            #expect(invalid.status == 1, "\(name): a broken copy passed validation")
        }
    }

    /// A suite chosen and then not completed is in the report's evidence apart from the
    /// accepted ones (valid against the schema), and its finding says so in JSON, text and CSV.
    @Test func aSuiteChosenThenFailedIsShownAndValid() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var saved = try DemoReport.tlsObservations()
        var endpoints = try #require(saved["endpoints"] as? [[String: Any]])
        var suites = try #require(endpoints[0]["cipherSuites"] as? [[String: Any]])
        let seen = "ServerHello, then the connection closed (no ServerKeyExchange, ServerHelloDone)"
        suites[0]["chosenThenFailed"] = [["suite": "0x009E", "seen": seen]]
        endpoints[0]["cipherSuites"] = suites
        saved["endpoints"] = endpoints
        let input = directory.appendingPathComponent("observations.json")
        try JSONSerialization.data(withJSONObject: saved).write(to: input)
        let json = directory.appendingPathComponent("report.json").path
        let result = try CLI.run(["report", input.path] + DemoReport.fixed + ["--format", "json", "-o", json])
        #expect(result.status == 1, "\(result.stderr)")
        let valid = try validate("Schemas/cryptcheck-report-2.schema.json", json)
        #expect(valid.status == 0, "\(valid.output)")
        let report = try String(contentsOfFile: json, encoding: .utf8)
        #expect(report.contains("\"chosenThenFailed\""), "\(report.prefix(2000))")
        #expect(report.contains("chosen by the server, then the handshake failed: \(seen)"))
        for format in ["text", "csv"] {
            let output = try CLI.run(["report", input.path] + DemoReport.fixed + ["--format", format])
            #expect(output.stdout.contains("chosen by the server, then the handshake failed"), "\(format)")
        }
    }

    @Test func tlsAndScanCommandsWriteTheSameFormats() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sarif = directory.appendingPathComponent("scan.sarif").path
        let scan = try CLI.run(["scan", "Fixtures/files/certs", "--format", "sarif", "-o", sarif, "--as-of", "2026-11-30"])
        #expect(scan.status == 1 && scan.stdout.isEmpty, "\(scan.stderr)")
        #expect(try validate("Tests/Schemas/sarif-2.1.0.json", sarif).status == 0)
        // The streamed scan JSON has its own published schema (sharing the report's definitions).
        let stream = directory.appendingPathComponent("scan.json").path
        let streamed = try CLI.run([
            "scan", "Fixtures/files", "--password", "changeit", "--format", "json", "-o", stream, "--as-of", "2026-11-30",
        ])
        #expect(streamed.status == 1 && streamed.stdout.isEmpty, "\(streamed.stderr)")
        #expect(try validate("Schemas/cryptcheck-scan-2.schema.json", stream).status == 0)
        let brokenStream = directory.appendingPathComponent("scan-broken.json").path
        try (try String(contentsOfFile: stream, encoding: .utf8)).replacingOccurrences(
            of: "\"verdict\" : \"pass\"", with: "\"verdict\" : \"ok\""
        )
        .write(toFile: brokenStream, atomically: true, encoding: .utf8)
        #expect(try validate("Schemas/cryptcheck-scan-2.schema.json", brokenStream).status == 1)
        let cbom = directory.appendingPathComponent("evaluate.cbom.json").path
        let evaluate = try CLI.run(["evaluate", "Fixtures/observations/demo.json", "--format", "cbom", "-o", cbom])
        #expect(evaluate.status == 1 && evaluate.stdout.isEmpty)
        #expect(try validate("Tests/Schemas/bom-1.6.SNAPSHOT.schema.json", cbom).status == 0)
    }
}

/// The HTML report: self-contained, verifiable, and it prints.
@Suite("The procurement report", .serialized)
struct ProcurementReportTests {
    @Test func htmlRendersToA4PagesInHeadlessChromium() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for language in ["ja", "en"] {
            let html = directory.appendingPathComponent("report-\(language).html").path
            #expect(try DemoReport.run(["--format", "html", "--lang", language, "-o", html]).status == 1)
            let pdf = directory.appendingPathComponent("report-\(language).pdf").path
            let chromium = try runTool(
                "/usr/bin/chromium-headless-shell",
                [
                    "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=\(pdf)", "file://\(html)",
                ])
            #expect(chromium.status == 0, "\(chromium.output)")
            let info = try runTool("/usr/bin/pdfinfo", [pdf])
            let pages =
                info.output.split(separator: "\n").first { $0.hasPrefix("Pages:") }
                .flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
            #expect(pages >= 3, "\(language): \(pages) pages")
            #expect(info.output.contains("(A4)"), "\(info.output)")
            let png = directory.appendingPathComponent("page-\(language)").path
            #expect(try runTool("/usr/bin/pdftoppm", ["-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", pdf, png]).status == 0)
            let size = (try FileManager.default.attributesOfItem(atPath: png + ".png")[.size] as? Int) ?? 0
            #expect(size > 5_000, "\(language): the first page rendered to \(size) bytes")
        }
    }

    @Test func htmlIsSelfContainedAndCarriesEverySection() throws {
        let ja = try DemoReport.run(["--format", "html", "--lang", "ja"]).stdout
        let en = try DemoReport.run(["--format", "html", "--lang", "en"]).stdout
        for html in [ja, en] {
            // No fetches: no external scripts, styles, images or fonts.
            #expect(!html.contains("src="))
            #expect(!html.contains("<link"))
            #expect(!html.contains("url("))
            #expect(!html.contains("@import"))
            #expect(html.contains("@page { size: A4"))
            #expect(html.contains("PROC-2026-042") && html.contains("Test Evaluator") && html.contains("会計システム"))
        }
        for heading in [
            "総合判定", "判定に用いた文書", "評価範囲", "不適合事項と対処方法", "運用終了までに変わること", "運用終了予定", "2035-12-31",
            "2031-01-01", "移行完遂期間", "利用不可", "証跡", "不適合", "LS-0001-2022R2", "確度",
        ] {
            #expect(ja.contains(heading), "ja: \(heading)")
        }
        for heading in [
            "Overall verdict", "Documents judged against", "Scope", "Violations and remediation",
            "What changes before the end of operation", "Planned end of operation", "If the system ran until 2042-01-01",
            "Evidence", "Not conformant", "SHA-256 fingerprint",
        ] {
            #expect(en.contains(heading), "en: \(heading)")
        }
        // Evidence: certificate fingerprints and file hashes from the observations.
        #expect(en.contains("Fixtures/files/pkcs12/legacy-rc2-40.p12"))
        #expect(en.contains("RC2"))
    }

    @Test func verifyAcceptsCopiesAndCatchesEdits() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try CLI.run(["report"] + DemoReport.inputs + DemoReport.fixed + ["--output-dir", directory.path])
        let files = ["report-ja.html", "report-en.html", "report.json"].map { directory.appendingPathComponent($0).path }
        let ok = try CLI.run(["report", "verify"] + files)
        #expect(ok.status == 0 && ok.stdout.components(separatedBy: ": OK").count == 4, "\(ok.stdout)\(ok.stderr)")
        // Change one verdict in the embedded data: the digest no longer matches.
        var html = try String(contentsOfFile: files[1], encoding: .utf8)
        let range = try #require(html.range(of: "\"verdict\" : \"violation\""))
        html.replaceSubrange(range, with: "\"verdict\" : \"pass\"")
        let edited = directory.appendingPathComponent("edited.html").path
        try html.write(toFile: edited, atomically: true, encoding: .utf8)
        let caught = try CLI.run(["report", "verify", edited])
        #expect(caught.status == 1 && caught.stdout.contains("MODIFIED"))
        let junk = directory.appendingPathComponent("junk.json").path
        try "{}".write(toFile: junk, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["report", "verify", junk]).status == 2)
    }

    @Test func reportFromAScanMadeNow() throws {
        let server = try LocalServer([
            "-cert", LocalServer.fixtures + "/certs/ec-p256-sha256.pem",
            "-key", LocalServer.fixtures + "/keys/ec-p256-sec1.pem", "-tls1_3",
        ])
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let passwords = directory.appendingPathComponent("pw.txt").path
        try "wrong\nchangeit\n".write(toFile: passwords, atomically: true, encoding: .utf8)
        let result = try CLI.run([
            "report", "--tls", "127.0.0.1:\(server.port)", "--path", "Fixtures/files/pkcs12",
            "--password-file", passwords, "--format", "json", "--as-of", "2026-11-30",
        ])
        #expect(result.status == 1, "\(result.stderr)")
        let report = try JSONRenderer.decoder().decode(Report.self, from: Data(result.stdout.utf8))
        #expect(report.scope.endpoints == ["127.0.0.1:\(server.port)"] && report.scope.paths == ["Fixtures/files/pkcs12"])
        let endpoint = try #require(report.evidence.endpoints.first)
        #expect(endpoint.versions.first { $0.version == "TLSv1.3" }?.status == "yes")
        #expect(report.evidence.certificates.contains { $0.location.hasPrefix("127.0.0.1:\(server.port) chain 1") && $0.key == "EC P-256" })
        // With the password, the certificates inside the PKCS#12 files are read too.
        #expect(report.evidence.certificates.contains { $0.location.hasPrefix("Fixtures/files/pkcs12/modern-aes256.p12#") })
    }

    @Test func csvHasOneRowPerFindingAndQuotesWhatNeedsIt() throws {
        let csv = try DemoReport.run(["--format", "csv"]).stdout
        let json = try JSONRenderer.decoder().decode(Report.self, from: Data(try DemoReport.run(["--format", "json"]).stdout.utf8))
        #expect(csv.hasPrefix(CSVRenderer.columns.joined(separator: ",") + "\r\n"))
        #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == json.findings.count + 1)
        #expect(CSVRenderer.escape("a,b") == "\"a,b\"" && CSVRenderer.escape("say \"x\"") == "\"say \"\"x\"\"\"")
        #expect(CSVRenderer.escape("=cmd()") == "'=cmd()" && CSVRenderer.escape("-1") == "-1")
    }

    @Test func terminalColourOnlyWhenAsked() throws {
        let plain = try CLI.run(["evaluate", "Fixtures/observations/demo.json", "--as-of", "2026-11-30"])
        #expect(!plain.stdout.contains("\u{1B}["))  // a pipe is not a terminal
        let coloured = try CLI.run(["evaluate", "Fixtures/observations/demo.json", "--as-of", "2026-11-30", "--color", "always"])
        #expect(coloured.stdout.contains("\u{1B}[31mFAIL\u{1B}[0m") && coloured.stdout.contains("\u{1B}[32mPASS\u{1B}[0m"))
        #expect(coloured.status == plain.status)
    }
}

/// The hand-written finding JSON of the scan stream decodes to the same value as Codable's.
@Suite("Streamed finding JSON")
struct FindingJSONTests {
    @Test func decodesToTheSameFindingEvenWithAwkwardText() throws {
        let citation = Citation(
            listID: "L", revision: "L-R1", category: "hash", technique: "SHA-1", tier: .monitored,
            notes: ["a \"quoted\" note", "tab\there"], evidence: .secondary, derived: true, source: "s/ource", question: "why?")
        let finding = Finding(
            subject: "dir/ファイル \\ name.pem", component: .certificateKey, item: "RSA-1024", context: "#1 certificate (PEM)",
            list: "L-R1", listStatus: .monitored, decidingPrimitive: "sha-1",
            primitives: [
                PrimitiveJudgement(
                    role: PrimitiveRole(rawValue: "hash"), primitive: "sha-1", status: .monitored, citation: citation, detail: "d")
            ],
            strength: StrengthJudgement(
                family: .rsa, size: 1024, strengthBits: 80, requiredBits: 112, asOf: "2026-11-30", citation: citation),
            basis: citation, verdict: .violation, severity: .high, evidence: .unconfirmed, derived: false,
            message: "line one\nline two \u{01} end", remediation: "Fix \"it\"")
        let text = FindingJSON.render(finding, indent: 6)
        #expect(try JSONRenderer.decoder().decode(Finding.self, from: Data(text.utf8)) == finding)
        var minimal = finding
        minimal.context = nil; minimal.decidingPrimitive = nil; minimal.strength = nil; minimal.basis = nil; minimal.remediation = nil
        minimal.primitives = []
        #expect(try JSONRenderer.decoder().decode(Finding.self, from: Data(FindingJSON.render(minimal, indent: 0).utf8)) == minimal)
    }
}

/// The byte writer's string quoting, which skips eight bytes at a time, against
/// JSONSerialization: every string decodes back unchanged and escapes only what JSON requires.
@Suite("JSON string quoting")
struct JSONQuotingTests {
    @Test func everyStringRoundTrips() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [String] = [
            "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{01}", "\u{1F}", "\u{7F}",
            "é", "ファ", "🙂", "\u{0}",
        ]
        var samples = [
            "", "plain ascii that is longer than eight bytes", "12345678", "1234567\"", "\"2345678",
            String(repeating: "x", count: 7) + "\u{01}" + String(repeating: "y", count: 9),
        ]
        for _ in 0..<2000 {
            let length = Int.random(in: 0...40, using: &generator)
            samples.append((0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined())
        }
        for sample in samples {
            var out = JSONOutput()
            out.string(sample)
            let decoded = try JSONSerialization.jsonObject(with: Data(out.bytes), options: .fragmentsAllowed) as? String
            #expect(decoded == sample, "\(Array(sample.utf8))")
            // Nothing but `"`, `\` and control characters is escaped.
            var escapes = 0, body = Array(out.bytes.dropFirst().dropLast())[...]
            while let slash = body.firstIndex(of: UInt8(ascii: "\\")) {
                escapes += 1
                body = body[(slash + 2)...]
            }
            let needed = sample.unicodeScalars.filter { $0 == "\"" || $0 == "\\" || $0.value < 0x20 }.count
            #expect(escapes == needed, "\(sample.debugDescription) -> \(out.text)")
        }
    }
}

/// The overall verdict: what makes a system conformant, conformant with conditions, or not.
@Suite("Overall verdict")
struct OverallVerdictTests {
    func finding(
        _ verdict: Verdict, _ severity: Severity = .info, status: ListStatus = .recommended,
        evidence: EvidenceLevel = .confirmed
    ) -> Finding {
        Finding(
            subject: "s", component: .cipherSuite, item: "i", list: "L", listStatus: status, verdict: verdict,
            severity: severity, evidence: evidence, derived: false, message: "m")
    }

    func status(_ findings: [Finding], transition: StrengthTransition? = nil) -> OverallVerdict {
        let evaluation = Evaluation(
            asOf: "2026-11-30", operationEnd: OperationEnd(date: "2026-11-30", given: false), targetProfile: "recommended", lists: [],
            findings: findings, profiles: [],
            unscanned: [],
            summary: EvaluationSummary(
                findings: findings.count, byVerdict: [:], bySeverity: [:],
                byListStatus: [:], incomplete: false, onWeakEvidence: 0))
        return ReportBuilder.verdict(evaluation, transition: transition)
    }

    @Test func eachReasonMovesTheVerdict() {
        #expect(status([finding(.pass)]).status == .conformant)
        #expect(status([finding(.pass, evidence: .unconfirmed)]).status == .conformant)  // reported, not counted
        #expect(status([finding(.pass, .low, status: .candidate)]).status == .conformantWithConditions)
        #expect(status([finding(.violation, .low)]).status == .conformantWithConditions)
        #expect(status([finding(.indeterminate)]).status == .indeterminate)
        #expect(status([finding(.violation, .low), finding(.indeterminate)]).status == .indeterminate)
        #expect(status([finding(.violation, .medium), finding(.indeterminate)]).status == .notConformant)
        #expect(status([finding(.pass), finding(.violation, .medium, status: .monitored)]).status == .notConformant)
        let change = TransitionChange(
            subject: "s", component: FindingComponent(rawValue: "c"), item: "RSA-2048", list: "L", verdictNow: .pass,
            verdictThen: .violation)
        let later = status([finding(.pass)], transition: StrengthTransition(date: "2031-01-01", changes: [change]))
        #expect(later.status == .conformantWithConditions && later.reasons.map(\.kind) == [.transition])
        let serious = status([finding(.violation, .critical), finding(.violation, .medium)])
        #expect(serious.reasons.first?.count == 2 && serious.reasons.first?.severity == .critical)
    }
}
