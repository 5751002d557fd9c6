import CryptCheckModel
import CryptCheckPolicy
import CryptCheckReport
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 14 items 5 and 7: several outputs in one run (`--output FORMAT=PATH`), and the CLI's
/// small defects: formats and names refused as usage errors, `--lang ja` and the byte order mark
/// for text and CSV, the HTML report kept off a terminal, help text and schema names.
@Suite("Several outputs and CLI polish (issue 14)")
struct Issue14CLITests {
    static let root = URL(fileURLWithPath: LocalServer.fixtures).deletingLastPathComponent().deletingLastPathComponent()
    static let observations = root.appendingPathComponent("Fixtures/observations/demo.json").path
    static let files = root.appendingPathComponent("Fixtures/files/keys").path
    static let fixed = ["--as-of", "2026-11-30", "--generated-at", "2026-11-30T09:00:00Z", "--list", "LS-0001-2012R0"]

    static func read(_ path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map(Array.init) }

    // MARK: --output FORMAT=PATH

    @Test func everyFormatFileEqualsTheSameFormatOnStandardOutput() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let formats = ["json", "csv", "sarif", "cbom", "html", "text"]
        let outputs = formats.flatMap { ["--output", "\($0)=\(directory.path)/out.\($0)"] }
        let run = try CLI.run(["evaluate", Self.observations] + Self.fixed + outputs)
        let alone = try CLI.run(["evaluate", Self.observations] + Self.fixed)
        // The terminal view is still there, and the status is the run's.
        #expect(run.stdout == alone.stdout && run.stdout.contains("cryptcheck evaluation as of 2026-11-30"))
        #expect(run.status == alone.status && run.status == 1, "\(run.stderr)")
        for format in formats {
            let single = try CLI.run(["evaluate", Self.observations] + Self.fixed + ["--format", format])
            #expect(Self.read("\(directory.path)/out.\(format)") == Array(single.stdout.utf8), "\(format) differs")
        }
        // One paragraph on standard error: outcome, counts, and where each file went.
        let summary = run.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(summary.contains("not conformant") && summary.contains("findings") && summary.contains("exit status 1"), "\(summary)")
        for format in formats { #expect(summary.contains("\(format) written to \(directory.path)/out.\(format)"), "\(summary)") }
        // Nothing left beside the files (each was written to a temporary file and renamed).
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(left == formats.map { "out.\($0)" }.sorted(), "\(left)")
    }

    @Test func aTLSScanWritesItsFilesBesidesTheTerminalView() throws {
        let server = try LocalServer([
            "-cert", LocalServer.fixtures + "/certs/rsa2048-sha256.pem", "-key", LocalServer.fixtures + "/keys/rsa2048-pkcs1.pem",
            "-tls1_2", "-cipher", "AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256",
        ])
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let endpoint = "127.0.0.1:\(server.port)"
        let path = directory.path
        let run = try CLI.run(
            [
                "tls", endpoint, "--as-of", "2026-11-30", "--output", "json=\(path)/tls.json", "--output", "sarif=\(path)/tls.sarif",
                "--sarif-endpoints", "\(path)/endpoints.txt",
            ])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("cryptcheck evaluation as of 2026-11-30") && run.stdout.contains(endpoint))
        let report =
            try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("tls.json"))) as? [String: Any]
        #expect(report?["schema"] as? String == Report.currentSchema)
        #expect(((report?["scope"] as? [String: Any])?["endpoints"] as? [String]) == [endpoint])
        let sarif =
            try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("tls.sarif"))) as? [String: Any]
        #expect(sarif?["version"] as? String == "2.1.0")
        #expect(try String(contentsOfFile: "\(path)/endpoints.txt", encoding: .utf8) == endpoint + "\n")
        #expect(run.stderr.contains("json written to \(path)/tls.json; sarif written to \(path)/tls.sarif; exit status 1"), "\(run.stderr)")
    }

    @Test func withoutFilesNoSummaryIsPrinted() throws {
        let run = try CLI.run(["evaluate", Self.observations] + Self.fixed + ["--format", "json"])
        #expect(!run.stderr.contains("written to"), "\(run.stderr)")
    }

    @Test func scanFilesAreTheScanStreamsAndTheReportFormats() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let base = ["scan", Self.files, "--as-of", "2026-11-30", "--generated-at", "2026-11-30T09:00:00Z"]
        let run = try CLI.run(
            base + [
                "--output", "json=\(directory.path)/scan.json", "--output", "text=\(directory.path)/scan.txt",
                "--output", "csv=\(directory.path)/scan.csv",
            ])
        let text = try CLI.run(base)
        let json = try CLI.run(base + ["--format", "json"])
        let csv = try CLI.run(base + ["--format", "csv"])
        #expect(run.status == text.status && run.stdout == text.stdout, "\(run.stderr)")
        #expect(Self.read("\(directory.path)/scan.txt") == Array(text.stdout.utf8))
        #expect(Self.read("\(directory.path)/scan.json") == Array(json.stdout.utf8))
        #expect(Self.read("\(directory.path)/scan.csv") == Array(csv.stdout.utf8))
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("scan.json")))
        #expect((document as? [String: Any])?["schema"] as? String == ScanReport.currentSchema)
        // The same from the path that collects first (a report format on standard output).
        let collected = try CLI.run(base + ["--format", "sarif", "--output", "json=\(directory.path)/again.json"])
        #expect(collected.status == run.status)
        #expect(Self.read("\(directory.path)/again.json") == Array(json.stdout.utf8))
    }

    @Test func reportWithOnlyFilesWritesNothingToStandardOutput() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try CLI.run(
            ["report", Self.observations] + Self.fixed + [
                "--output", "html=\(directory.path)/r.html", "--output", "json=\(directory.path)/r.json",
            ])
        #expect(run.stdout.isEmpty && run.status == 1, "\(run.stderr)")
        let html = try CLI.run(["report", Self.observations] + Self.fixed + ["-o", "-"])
        #expect(Self.read("\(directory.path)/r.html") == Array(html.stdout.utf8))
        #expect(run.stderr.contains("html written to \(directory.path)/r.html; json written to \(directory.path)/r.json"))
    }

    @Test func badOutputValuesAreUsageErrorsNamingThem() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.path
        let cases: [([String], String)] = [
            (["--output", "xml=\(path)/a.xml"], "xml=\(path)/a.xml"),
            (["--output", "JSONX=\(path)/a"], "JSONX"),
            (["--output", "json="], "json="),
            (["--output", "json=-"], "json=-"),
            (["-o", "\(path)/a", "-o", "\(path)/b"], "\(path)/b"),
            (["--output", "json=\(path)/same", "--output", "csv=\(path)/same"], "\(path)/same"),
        ]
        for command in [["evaluate", Self.observations], ["scan", Self.files], ["tls", "127.0.0.1:1"], ["report", Self.observations]] {
            for (options, named) in cases {
                let run = try CLI.run(command + options)
                #expect(run.status == 64 && run.stderr.contains(named), "\(command) \(options): \(run.status) \(run.stderr)")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: path).isEmpty)
        // A value is quoted back escaped: no control character reaches the terminal.
        let hostile = try CLI.run(["evaluate", Self.observations, "--output", "xml=\u{1B}[31mred\u{7}"])
        #expect(hostile.status == 64 && hostile.stderr.contains("xml=\\x1B[31mred\\x07"), "\(hostile.stderr)")
        #expect(!hostile.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    @Test func aFileWhoseNameHoldsAnEqualsSignIsGivenWithItsDirectory() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try CLI.run(["evaluate", Self.observations] + Self.fixed + ["--format", "json", "-o", "./a=b.json"], in: directory)
        #expect(run.status == 1 && run.stdout.isEmpty, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("a=b.json").path))
        #expect(run.stderr.contains("json written to ./a=b.json"))
    }

    @Test func noFileIsWrittenInsideAScannedPath() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("not a key".utf8).write(to: directory.appendingPathComponent("note.txt"))
        for command in [["scan", directory.path], ["report", "--path", directory.path]] {
            let run = try CLI.run(command + ["--output", "json=\(directory.path)/../\(directory.lastPathComponent)/x.json"])
            #expect(run.status == 64 && run.stderr.contains("inside a scanned path"), "\(command): \(run.stderr)")
            #expect(run.stderr.contains("--output json=\(directory.path)/../"), "the message names the option and the file: \(run.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["note.txt"])
    }

    @Test func aFileThatCannotBeWrittenLeavesTheOthersAndEndsIncomplete() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try CLI.run(
            ["evaluate", Self.observations] + Self.fixed
                + ["--output", "json=\(directory.path)/missing/r.json", "--output", "csv=\(directory.path)/r.csv"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("\(directory.path)/missing/r.json: cannot write the output"))
        #expect(FileManager.default.fileExists(atPath: "\(directory.path)/r.csv"))
    }

    // MARK: formats and names refused as usage errors

    @Test func listsDiffWritesCSVAndRefusesOtherFormats() throws {
        let csv = try CLI.run(["lists", "diff", "LS-0001-2012R0", "LS-0001-2022R2", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.components(separatedBy: "\r\n")
        #expect(lines.first == CSVRenderer.diffColumns.joined(separator: ","))
        let json = try CLI.run(["lists", "diff", "LS-0001-2012R0", "LS-0001-2022R2", "--format", "json"])
        let diff = try JSONDecoder().decode(ListDiff.self, from: Data(json.stdout.utf8))
        #expect(lines.count > 3 && lines.dropFirst().filter { !$0.isEmpty }.allSatisfy { $0.hasPrefix("\(diff.from),\(diff.to),") })
        #expect(lines.filter { $0.contains(",entry,") }.count == diff.changes.count)
        for format in ["html", "sarif", "cbom", "pdf"] {
            let refused = try CLI.run(["lists", "diff", "LS-0001-2012R0", "LS-0001-2022R2", "--format", format])
            #expect(refused.status == 64 && refused.stdout.isEmpty && refused.stderr.contains(format), "\(format): \(refused.stderr)")
        }
    }

    @Test func unknownListEditionAndProfileNamesAreUsageErrors() throws {
        let commands: [[String]] = [
            ["lists", "show", "LS-9999"], ["lists", "show", "LS-0001-2022R9"], ["lists", "diff", "LS-9999", "LS-0001-2022"],
            ["lists", "diff", "LS-0001-2022", "LS-0001-2012R77"], ["lists", "overview", "--list", "LS-9999"],
            ["evaluate", Self.observations, "--list", "LS-0001-2022R9"], ["evaluate", Self.observations, "--profile", "strict"],
            ["scan", Self.files, "--profile", "strict"], ["report", Self.observations, "--list", "LS-9999", "-o", "-"],
            ["tls", "127.0.0.1:1", "--list", "LS-9999"],
        ]
        for command in commands {
            let run = try CLI.run(command)
            #expect(run.status == 64 && !run.stderr.isEmpty, "\(command): \(run.status) \(run.stderr)")
        }
    }

    // MARK: --lang ja, --csv-bom

    @Test func japaneseTextHasJapaneseHeadingsVerdictsAndSummaryAndKeepsIdentifiers() throws {
        let english = try CLI.run(["evaluate", Self.observations] + Self.fixed)
        let japanese = try CLI.run(["evaluate", Self.observations] + Self.fixed + ["--lang", "ja"])
        #expect(japanese.status == english.status)
        let text = japanese.stdout
        for word in ["判定基準日", "判定基準:", "総合判定: 不適合", "集計: 所見", "重大度別の不適合:", "不適合", "対処:", "暗号スイート"] {
            #expect(text.contains(word), "\(word) missing")
        }
        for english in ["Summary:", "Overall:", "Judged against:", "    FAIL ", "    PASS ", "fix:", "evidence:"] {
            #expect(!text.contains(english), "\(english) left in the Japanese text")
        }
        for identifier in ["TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "127.0.0.1:8443", "LS-0001-2012"] {
            #expect(text.contains(identifier))
        }
        // The GL-3001 profiles: Japanese names, and every reason and should-level note as the
        // report's Japanese sentence, never the policy's English one.
        let profiles = text.components(separatedBy: "\n").filter { $0.hasPrefix("        - ") || $0.hasPrefix("        推奨項目: ") }
        #expect(!profiles.isEmpty)
        for line in profiles {
            // What is said of the item (the item itself is an identifier).
            let said = line.split(separator: "：", maxSplits: 1).last ?? ""
            #expect(!said.contains(" is ") && !said.contains(" not ") && !said.contains("-bit strength"), "English: \(line)")
        }
        #expect(text.contains("高セキュリティ型") && text.contains("：必須だが受け入れていない"))
        // The whole report's text says the same as the streamed one.
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let written = try CLI.run(
            ["evaluate", Self.observations] + Self.fixed + ["--lang", "ja", "--output", "text=\(directory.path)/t.txt"])
        #expect(Self.read("\(directory.path)/t.txt") == Array(text.utf8))
        // The summary paragraph is in Japanese too.
        #expect(written.stderr.contains("不適合（--fail-on info 以上の不適合がある）。所見 "), "\(written.stderr)")
        #expect(written.stderr.contains("text を \(directory.path)/t.txt に書き出した。終了ステータス 1。"), "\(written.stderr)")
        let scan = try CLI.run(["scan", Self.files, "--lang", "ja"])
        #expect(scan.stdout.contains("走査: ファイル") && scan.stdout.contains("集計: 所見") && !scan.stdout.contains("Summary:"))
    }

    @Test func japaneseCSVHasAByteOrderMarkJapaneseHeaderAndVerdicts() throws {
        let japanese = try CLI.run(["evaluate", Self.observations] + Self.fixed + ["--lang", "ja", "--format", "csv"])
        let bytes = Array(japanese.stdout.utf8)
        #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
        let rows = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(rows[0].hasPrefix("対象,構成要素,"))
        #expect(rows.contains { $0.contains(",不適合,") } && rows.contains { $0.contains(",適合,") })
        #expect(!rows.dropFirst().contains { $0.contains(",violation,") || $0.contains(",pass,") })
        #expect(rows.contains { $0.contains("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256") })
        let english = try CLI.run(["evaluate", Self.observations] + Self.fixed + ["--format", "csv"])
        #expect(english.stdout.hasPrefix(CSVRenderer.columns.joined(separator: ",")))
        let withMark = try CLI.run(["evaluate", Self.observations] + Self.fixed + ["--format", "csv", "--csv-bom"])
        #expect(Array(withMark.stdout.utf8) == [0xEF, 0xBB, 0xBF] + Array(english.stdout.utf8))
        let without = try CLI.run(["evaluate", Self.observations] + Self.fixed + ["--lang", "ja", "--format", "csv", "--no-csv-bom"])
        #expect(Array(without.stdout.utf8) == Array(bytes.dropFirst(3)))
        // The whole report's CSV (a further output) is the same bytes as the streamed one.
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try CLI.run(["evaluate", Self.observations] + Self.fixed + ["--lang", "ja", "--output", "csv=\(directory.path)/f.csv"])
        #expect(Self.read("\(directory.path)/f.csv") == bytes)
        // The byte order mark is for CSV only.
        let json = try CLI.run(["evaluate", Self.observations] + Self.fixed + ["--lang", "ja", "--format", "json", "--csv-bom"])
        #expect(json.stdout.hasPrefix("{"))
    }

    @Test func theOutputDirectoryCSVFollowsLangAndItsByteOrderMark() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // The same CSV as `evaluate --format csv` in that language, under every spelling.
        for (name, options) in [
            ("ja", ["--lang", "ja"]), ("en", [String]()), ("ja-no-bom", ["--lang", "ja", "--no-csv-bom"]), ("en-bom", ["--csv-bom"]),
        ] {
            let out = directory.appendingPathComponent(name).path
            let run = try CLI.run(["report", Self.observations] + Self.fixed + options + ["--output-dir", out, "--no-pdf", "--quiet"])
            #expect(run.status == 1, "\(run.stderr)")
            #expect(!run.stderr.contains("wrote "), "--quiet still said each file: \(run.stderr)")
            let alone = try CLI.run(["evaluate", Self.observations] + Self.fixed + options + ["--format", "csv"])
            #expect(Self.read(out + "/findings.csv") == Array(alone.stdout.utf8), "\(name)")
        }
        let japanese = try #require(Self.read(directory.path + "/ja/findings.csv"))
        #expect(japanese.prefix(3) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: japanese.dropFirst(3), as: UTF8.self).hasPrefix("対象,構成要素,"))
        // Without --quiet, each file written is said.
        let said = try CLI.run(["report", Self.observations] + Self.fixed + ["--output-dir", directory.path + "/said", "--no-pdf"])
        #expect(said.stderr.contains("wrote \(directory.path)/said/findings.csv"), "\(said.stderr)")
    }

    // MARK: the HTML report and a terminal

    @Test func theHTMLReportIsNotWrittenOnATerminal() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/script"))
        // `script` gives the binary a pseudo-terminal as standard output.
        func terminal(_ arguments: [String]) throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            let command = ([CLI.binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            process.arguments = ["-qec", command.joined(separator: " "), "/dev/null"]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = out
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        let refused = try terminal(["report", Self.observations] + Self.fixed)
        #expect(refused.status == 64 && refused.output.contains("-o FILE") && !refused.output.contains("<html"), "\(refused.output)")
        let forced = try terminal(["report", Self.observations] + Self.fixed + ["-o", "-"])
        #expect(forced.status == 1 && forced.output.contains("<html"))
        let text = try terminal(["report", Self.observations] + Self.fixed + ["--format", "text"])
        #expect(text.status == 1 && text.output.contains("cryptcheck evaluation"))
        // Not a terminal: the HTML goes to standard output as before.
        let piped = try CLI.run(["report", Self.observations] + Self.fixed)
        #expect(piped.status == 1 && piped.stdout.contains("<html"))
    }

    // MARK: help text

    static let helps: [[String]] = [
        [], ["tls"], ["scan"], ["report"], ["report", "build"], ["report", "verify"], ["lists"], ["lists", "overview"],
        ["lists", "show"], ["lists", "validate"], ["lists", "diff"], ["evaluate"],
    ]

    @Test func helpNamesTheRealSchemasAndStatesEachDefaultOnce() throws {
        let schemas = [Report.currentSchema, ScanReport.currentSchema, ObservationSet.currentSchema]
        for command in Self.helps {
            let help = try CLI.run(command + ["--help"])
            #expect(help.status == 0, "\(command)")
            let named = help.stdout.matches(of: /cryptcheck-[a-z]+\/[0-9]+/).map { String($0.output) }
            for name in named { #expect(schemas.contains(name), "\(command) --help names \(name)") }
            // One option's help is one paragraph: a default is given by the option or the
            // parser, never both.
            let options = help.stdout.components(separatedBy: "\nSUBCOMMANDS:")[0]
            for paragraph in options.components(separatedBy: "\n  -").dropFirst() {
                let defaults = paragraph.lowercased().matches(of: /default/).count
                #expect(defaults <= 1, "\(command) --help: \(paragraph)")
            }
            // No sentence broken by a line end in the text (the parser wraps at 80 columns, so a
            // short line followed by a lower-case word was broken by hand).
            let lines = help.stdout.components(separatedBy: "\n")
            for (line, next) in zip(lines, lines.dropFirst()) where !line.isEmpty && !line.hasPrefix(" ") {
                let broken = line.count < 60 && !".:)".contains(line.last!) && next.first.map(\.isLowercase) == true
                #expect(!broken, "\(command) --help breaks a sentence: '\(line)' / '\(next)'")
            }
        }
        #expect(try CLI.run(["scan", "--help"]).stdout.contains(ScanReport.currentSchema))
    }
}
