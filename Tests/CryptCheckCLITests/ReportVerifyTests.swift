import CryptCheckReport
import Foundation
import TestSupport
import Testing

/// `report verify` checks what a reader sees (issue 11 item 7): edits to the visible HTML,
/// removed rows, added scripts and duplicated JSON keys are caught even though the embedded
/// data still matches its digest; a copy from another version says so instead of "OK".
@Suite("Report verification checks what a reader sees", .serialized)
struct ReportVerifyTests {
    static func tamper(_ path: String, in directory: URL, name: String, _ change: (inout String) throws -> Void) throws -> String {
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let before = text
        try change(&text)
        #expect(text != before, "\(name): the tampering changed nothing")
        let out = directory.appendingPathComponent(name).path
        try text.write(toFile: out, atomically: true, encoding: .utf8)
        return out
    }

    @Test func visibleEditsAndDuplicateKeysAreCaught() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try CLI.run(["report"] + DemoReport.inputs + DemoReport.fixed + ["--output-dir", directory.path])
        let ja = directory.appendingPathComponent("report-ja.html").path
        let en = directory.appendingPathComponent("report-en.html").path
        let json = directory.appendingPathComponent("report.json").path
        let ok = try CLI.run(["report", "verify", ja, en, json])
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        let tampered = [
            try Self.tamper(ja, in: directory, name: "verdict.html") { $0 = $0.replacingOccurrences(of: ">不適合<", with: ">適合<") },
            try Self.tamper(en, in: directory, name: "rows.html") { html in
                let start = try #require(html.range(of: "<tr class=\"severity-high"))
                let end = try #require(html.range(of: "</tr>", range: start.upperBound..<html.endIndex))
                html.removeSubrange(start.lowerBound..<end.upperBound)
            },
            try Self.tamper(en, in: directory, name: "script.html") {
                $0 = $0.replacingOccurrences(of: "</body>", with: "<script>alert(1)</script></body>")
            },
            try Self.tamper(json, in: directory, name: "duplicate.json") { text in
                let end = try #require(text.lastIndex(of: "}"))
                text.replaceSubrange(end...end, with: ",\n  \"verdict\" : {\"status\" : \"conformant\", \"reasons\" : []}\n}")
            },
            try Self.tamper(json, in: directory, name: "whitespace.json") { $0 = $0.replacingOccurrences(of: "\n  \"", with: "\n   \"") },
        ]
        for file in tampered {
            let result = try CLI.run(["report", "verify", file])
            #expect(
                result.status == 1 && result.stdout.contains("MODIFIED") && !result.stdout.contains(": OK"),
                "\(file): \(result.stdout)")
        }
    }

    @Test func aCopyFromAnotherVersionIsNotAPlainOK() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try CLI.run(["report"] + DemoReport.inputs + DemoReport.fixed + ["--output-dir", directory.path])
        // The same data as another version would have made it: re-encoded with its version, re-sealed.
        let json = directory.appendingPathComponent("report.json").path
        var report = try JSONRenderer.decoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: json)))
        report.tool = ReportTool(version: "0.0.1-other")
        report.dataDigest = nil
        let bytes = report.canonicalBytes()
        let canonical = directory.appendingPathComponent("canonical.bin")
        try Data(bytes).write(to: canonical)
        let sum = try runTool("/usr/bin/sha256sum", [canonical.path]).output
        report.dataDigest = "sha256:" + (sum.split(separator: " ").first.map(String.init) ?? "")
        let other = directory.appendingPathComponent("other.json").path
        try JSONRenderer.render(report).write(toFile: other, atomically: true, encoding: .utf8)
        let result = try CLI.run(["report", "verify", other])
        #expect(
            result.status == 2 && result.stdout.contains("made by cryptcheck 0.0.1-other") && result.stdout.contains("data digest OK")
                && !result.stdout.contains(": OK"), "\(result.stdout)")
    }
}
