import CryptCheckModel
import CryptCheckPolicy
import Foundation
import TestSupport
import Testing

@testable import CryptCheckReport

/// `cryptcheck evaluate --format html` and `cryptcheck report FILE` write the HTML report as they
/// judge, from spools (issue 11 item 12): the bytes must be those the whole `Report` renders to,
/// in both languages, the embedded data and its digest included, and `report verify` must accept
/// the copy as it accepts the whole one.
@Suite("Streamed evaluation: the HTML report")
struct StreamedHTMLTests {
    typealias Base = StreamedEvaluationTests
    typealias Recorder = StreamedReportTests.Recorder

    /// Observation files with many endpoints and files: the demo endpoint copied onto other
    /// ports (every third one refusing connections instead), the demo files copied under other
    /// directories and targets not scanned, spread over three files, and a fourth, read between
    /// them, whose endpoints and files are judged before its last file turns out not valid.
    static func generated(in directory: URL) throws -> [String] {
        func load(_ name: String) throws -> ObservationSet {
            try ObservationLoader.decode(Data(contentsOf: URL(fileURLWithPath: "Fixtures/observations/\(name).json")))
        }
        let demo = try load("demo")
        let files = demo.files + (try load("files-demo")).files
        func part(_ number: Int, endpoints: Int, copies: Int) -> ObservationSet {
            var set = ObservationSet(tool: "generated", observedAt: CLITests.day("2026-10-0\(number % 9 + 1)"))
            for index in 0..<endpoints {
                var endpoint = demo.endpoints[0]
                endpoint.port = 10_000 + number * 100 + index
                if index % 3 == 2 {
                    endpoint = TLSEndpointObservation(
                        host: "192.0.2.\(number)", port: endpoint.port,
                        outcome: TLSEndpointOutcome(kind: .refused, detail: "connection refused"))
                }
                set.endpoints.append(endpoint)
            }
            for copy in 0..<copies {
                set.files += files.map { file in
                    var copied = file
                    copied.path = "/part\(number)/copy\(copy)" + file.path
                    return copied
                }
            }
            set.unscanned = [UnscannedTarget(target: "/part\(number)/secret", reason: "permission denied")]
            return set
        }
        func write(_ text: String, _ name: String) throws -> String {
            let url = directory.appendingPathComponent("\(name).json")
            try Data(text.utf8).write(to: url)
            return url.path
        }
        let broken = part(9, endpoints: 4, copies: 1)
        let last = try #require(broken.files.last?.path)
        let text = try JSONRenderer.render(broken)
        #expect(text.components(separatedBy: "\"\(last)\"").count == 2)
        return [
            try write(try JSONRenderer.render(part(1, endpoints: 9, copies: 2)), "part1"),
            try write(text.replacingOccurrences(of: "\"\(last)\"", with: "7"), "broken-part-way"),
            try write(try JSONRenderer.render(part(2, endpoints: 9, copies: 1)), "part2"),
            try write(try JSONRenderer.render(part(3, endpoints: 6, copies: 2)), "part3"),
        ]
    }

    @Test(
        "the HTML report written as judged is the bytes of the whole report, in Japanese and in English",
        arguments: StreamedReportTests.policyCases)
    func sameBytes(_ lists: [String], operationEnd: String?, projecting: Bool) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (policies, projection) = try StreamedReportTests.policies(lists, operationEnd: operationEnd, projecting: projecting)
        let generated = try Self.generated(in: directory)
        let sets = try StreamedReportTests().inputSets(in: directory) + [generated]
        var compared = 0
        for paths in sets {
            for language in ReportLanguage.allCases {
                // Deadlines listed in Japanese, left out in English: both skeletons are covered.
                let deadlines = language == .ja
                let recorder = Recorder()
                let report = ReportBuilder.build(
                    observations: Base.wholeMerge(paths), policies: policies, projection: projection, deadlines: deadlines,
                    inputs: StreamedReportTests.inputs
                ) { bytes in
                    recorder.whole = bytes
                    return Recorder.hex(bytes)
                }
                let expected = try HTMLReportRenderer.render(report, language: language)
                var settings = recorder.settings(deadlines: deadlines)
                settings.language = language
                let streamed = try StreamedEvaluation(
                    paths: paths, policies: policies, projection: projection, format: .html, report: settings)
                #expect(streamed.streamedReport)
                var bytes: [UInt8] = []
                try streamed.write { bytes += $0 }
                let name = "\(language) \(paths.map { ($0 as NSString).lastPathComponent })"
                #expect(String(decoding: bytes, as: UTF8.self) == expected, "\(name)")
                #expect(recorder.streamed == recorder.whole, "the digested bytes, \(name)")
                #expect(streamed.summary == report.summary && streamed.verdict == report.verdict)
                #expect(ReportVerifier.verify(bytes, version: "test", digest: Recorder.hex) == .verified(digest: report.dataDigest!))
                compared += 1
            }
        }
        #expect(compared == 10)
        // What the generated files hold, so the comparison covers it.
        let whole = ReportBuilder.build(
            observations: Base.wholeMerge(generated), policies: policies, projection: projection,
            inputs: StreamedReportTests.inputs, digest: nil)
        #expect(Set(whole.findings.filter { $0.verdict == .violation }.map(\.severity)).count >= 2)
        #expect(whole.evidence.endpoints.filter(HTMLRow.isUnobserved).count == 8)
        #expect(whole.evidence.endpoints.count == 24 && whole.scope.endpoints.count == 24)
        #expect(whole.ruleDifferences.count > HTMLRow.differencesShown && !whole.profiles.isEmpty)
        #expect(!whole.evidence.certificates.isEmpty && whole.evidence.files.count > 50 && whole.unscanned.count == 4)
        #expect(
            !whole.evidence.files.contains { $0.path.hasPrefix("/part9/") } && !whole.scope.endpoints.contains { $0.hasSuffix(":10900") })
        #expect(whole.unscanned.contains { $0.target.hasSuffix("broken-part-way.json") })
        if projecting { #expect(whole.transition?.changes.isEmpty == false) }
    }

    @Test("a subject met twice is left to the whole report")
    func fallBack() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let policies = try Base.policies([], asOf: "2026-11-30")
        let mixed = try Base().write(try JSONRenderer.render(CLITests.mixed), "mixed", in: directory)
        #expect(throws: StreamedEvaluation.RepeatedSubject.self) {
            try StreamedEvaluation(
                paths: [mixed, mixed], policies: policies, projection: nil, format: .html, report: Recorder().settings())
        }
        // On the command line the whole report is written instead, as `report --output-dir` writes it.
        let options = ["--as-of", "2026-11-30", "--generated-at", "2026-11-30T09:00:00Z"]
        let whole = directory.appendingPathComponent("whole")
        _ = try CLI.run(["report", mixed, mixed, "--output-dir", whole.path] + options)
        let evaluated = try CLI.run(["evaluate", mixed, mixed, "--format", "html", "--lang", "ja"] + options)
        #expect(evaluated.stdout == (try String(contentsOf: whole.appendingPathComponent("report-ja.html"), encoding: .utf8)))
    }

    @Test("evaluate and report write the streamed HTML report, which is the whole one, verifies, and fails verification when edited")
    func commandLine() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try Self.generated(in: directory)
        let options = [
            "--as-of", "2026-11-30", "--generated-at", "2026-11-30T09:00:00Z", "--operation-end", "2035", "--projection", "2052-01-01",
            "--system-name", "会計システム <テスト>",
        ]
        // The whole report: `--output-dir` builds it once for every format.
        let whole = directory.appendingPathComponent("whole")
        let bundle = try CLI.run(["report"] + files + options + ["--output-dir", whole.path])
        #expect(bundle.status != 0, "\(bundle.stderr)")
        for language in ["ja", "en"] {
            let expected = try Data(contentsOf: whole.appendingPathComponent("report-\(language).html"))
            let output = directory.appendingPathComponent("evaluated-\(language).html").path
            let evaluated = try CLI.run(["evaluate"] + files + options + ["--format", "html", "--lang", language, "-o", output])
            #expect(evaluated.status == bundle.status)
            #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == expected, "evaluate \(language)")
            // `report` writes HTML unless told otherwise; it tells what the whole report tells.
            let reported = try CLI.run(["report"] + files + options + ["--lang", language])
            #expect(Data(reported.stdout.utf8) == expected, "report \(language)")
            #expect(reported.status == bundle.status)
            // Less the files written and the line that tells the outcome of what went to files.
            let notices = bundle.stderr.split(separator: "\n").filter { !$0.contains("wrote ") && !$0.contains(" written to ") }
            #expect(reported.stderr.split(separator: "\n") == notices)
            #expect(notices.filter { $0.contains("no TLS handshake") }.count == 8 && notices.contains { $0.contains("permission denied") })

            let verified = try CLI.run(["report", "verify", output])
            #expect(verified.status == 0 && verified.stdout.contains(": OK ("), "\(verified.stdout) \(verified.stderr)")
            let page = String(decoding: expected, as: UTF8.self)
            let data = try #require(page.range(of: "<script type=\"application/json\""))
            let row = try #require(page.range(of: "<tr class=\"severity-"))
            let edits = [
                // A violation row taken out of the page: the data still matches its digest.
                (
                    page.replacingCharacters(in: row.lowerBound..<page.index(row.lowerBound, offsetBy: 4), with: "<tr hidden "),
                    "data matches"
                ),
                // The embedded data changed: it no longer matches its digest.
                (
                    String(page[..<data.lowerBound])
                        + page[data.lowerBound...].replacingOccurrences(of: "\"asOf\" : \"2026-11-30\"", with: "\"asOf\" : \"2026-11-29\""),
                    "does not match"
                ),
            ]
            for (edited, said) in edits {
                #expect(edited != page)
                let copy = directory.appendingPathComponent("edited.html")
                try Data(edited.utf8).write(to: copy)
                let rejected = try CLI.run(["report", "verify", copy.path])
                #expect(
                    rejected.status == 1 && rejected.stdout.contains("MODIFIED") && rejected.stdout.contains(said), "\(rejected.stdout)")
            }
        }
    }
}
