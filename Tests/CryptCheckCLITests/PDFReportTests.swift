import CryptCheckModel
import CryptCheckReport
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The PDF report (issue 14 item 3): printed by real headless Chromium, A4, its data attached
/// where `pdfdetach` finds it, verified by `report verify` through real pdftotext, and tampered
/// copies rejected. The PDFs of one `report --output-dir` run are shared by the suite (a print
/// takes seconds).
@Suite("PDF report: printed, attached, verified", .serialized)
struct PDFReportTests {
    /// One `report --output-dir` run with the PDFs, made once for the suite.
    struct Bundle: Sendable {
        let directory: String
        let result: CLI.Result
        func path(_ name: String) -> String { PathText.join(directory, name) }
    }

    static let bundle: Result<Bundle, any Error> = Result {
        let directory = try CLI.temporaryDirectory().path
        let result = try CLI.run(["report"] + DemoReport.inputs + DemoReport.fixed + ["--output-dir", directory])
        return Bundle(directory: directory, result: result)
    }

    static func shared() throws -> Bundle { try bundle.get() }

    /// A new temporary directory for one test's files.
    static func scratch() throws -> String { try CLI.temporaryDirectory().path }

    /// Runs the binary through env(1) with `environment` set (`-u NAME` to unset).
    static func runWith(_ environment: [String], _ arguments: [String]) throws -> (status: Int32, output: String) {
        try runTool("/usr/bin/env", environment + [CLI.binary.path] + arguments)
    }

    @Test func outputDirWritesA4PDFsWithTheirDataAttached() throws {
        let bundle = try Self.shared()
        #expect(bundle.result.status == 1, "\(bundle.result.stderr)")
        let json = try Data(contentsOf: URL(fileURLWithPath: bundle.path("report.json")))
        for name in ["report-ja.pdf", "report-en.pdf"] {
            let file = bundle.path(name)
            #expect(bundle.result.stderr.contains("wrote \(file)"))
            let info = try runTool("/usr/bin/pdfinfo", [file])
            #expect(info.status == 0, "\(info.output)")
            // A4 is 595 x 842 points; Chromium writes 594.96 x 841.92.
            let size = try #require(info.output.split(separator: "\n").first { $0.hasPrefix("Page size:") })
            let numbers = size.split(separator: " ").compactMap { Double($0) }
            #expect(numbers.count == 2 && abs(numbers[0] - 595) < 0.5 && abs(numbers[1] - 842) < 0.5, "\(size)")
            #expect(size.hasSuffix("(A4)"), "\(size)")
            let pages = info.output.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last!) }
            #expect((pages ?? 0) > 3, "\(info.output)")
            // pdfdetach lists the attachment and gives back report.json byte for byte.
            let list = try runTool("/usr/bin/pdfdetach", ["-list", file])
            #expect(
                list.status == 0 && list.output.contains("1 embedded files") && list.output.contains("cryptcheck-report.json"),
                "\(list.output)")
            let saved = PathText.join(try Self.scratch(), "saved.json")
            let save = try runTool("/usr/bin/pdfdetach", ["-save", "1", "-o", saved, file])
            #expect(save.status == 0, "\(save.output)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: saved)) == json)
            // The printed file is left whole: the data is an incremental update after Chromium's %%EOF.
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
            let updates = String(decoding: bytes, as: UTF8.self).components(separatedBy: "%%EOF").count - 1
            #expect(updates == 2)
        }
    }

    @Test func verifyAcceptsTheGenuinePDFs() throws {
        let bundle = try Self.shared()
        let ok = try CLI.run(["report", "verify", bundle.path("report-ja.pdf"), bundle.path("report-en.pdf")])
        #expect(ok.status == 0 && ok.stdout.components(separatedBy: ": OK (sha256:").count == 3, "\(ok.stdout)\(ok.stderr)")
        // Without pdftotext, what the PDF shows cannot be checked: said, and not OK.
        let blind = try Self.runWith(["PATH=/nonexistent"], ["report", "verify", bundle.path("report-ja.pdf")])
        #expect(
            blind.status == 2 && blind.output.contains("install the Debian package poppler-utils") && !blind.output.contains("OK"),
            "\(blind.output)")
    }

    /// The table of contents shows the page each section starts on: every entry has a number,
    /// and on that page (read with pdftotext, page by page) the section's heading is printed.
    /// The HTML file, which has no pages, shows none; a copy whose link destinations were
    /// edited no longer verifies (its contents page disagrees with them).
    @Test func theContentsShowTheRightPageOfEverySection() throws {
        let bundle = try Self.shared()
        for (name, headings) in [
            ("report-ja.pdf", ["1. 総合判定と対処事項", "5. 不適合事項と対処方法", "付録 A. 適合した項目", "付録 B. 証跡", "付録 C. 報告書データの完全性"]),
            (
                "report-en.pdf",
                ["1. Overall verdict and actions", "5. Violations and remediation", "Appendix A. Passes", "Appendix B. Evidence"]
            ),
        ] {
            let file = bundle.path(name)
            let layout = try runTool("/usr/bin/pdftotext", ["-layout", file, "-"])
            #expect(layout.status == 0)
            let pages = layout.output.components(separatedBy: "\u{0C}")
            let contentsPage = try #require(pages.firstIndex { $0.contains("目次") || $0.contains("Contents") }, "no contents page")
            let lines = pages[contentsPage].split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            for heading in headings {
                let entry = try #require(lines.first { $0.hasPrefix(heading) }, "\(name): \(heading) not in the contents")
                let number = try #require(Int(entry.split(separator: " ").last ?? ""), "\(name): no page number in '\(entry)'")
                // The heading is on that page (pages other than the contents page; it appears there too).
                #expect(number - 1 != contentsPage && pages.indices.contains(number - 1), "\(name): \(entry)")
                if pages.indices.contains(number - 1) {
                    #expect(pages[number - 1].contains(heading), "\(name): '\(heading)' is not on page \(number)")
                }
            }
        }
        let html = try String(contentsOfFile: bundle.path("report-en.html"), encoding: .utf8)
        #expect(!html.contains("<span class=\"page\">"))
        // Point one section's destination at another section's page: the contents no longer match.
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: bundle.path("report-en.pdf"))))
        let ids = ["verdict", "lists", "scope", "profiles", "violations", "conditions", "counts", "transition", "passes", "evidence"]
        // Each destination's page reference ("N 0 R") and where it is in the file.
        let references: [(at: Int, page: [UInt8])] = ids.compactMap { id in
            let key = Array("/\(id) [".utf8)
            guard let found = Self.lastIndex(of: key, in: bytes), let end = bytes[(found + key.count)...].firstIndex(of: UInt8(ascii: "R"))
            else { return nil }
            return (found + key.count, Array(bytes[(found + key.count)...end]))
        }
        let pair = try #require(
            references.indices.lazy.compactMap { i in
                references.indices.first { j in
                    references[j].page != references[i].page && references[j].page.count == references[i].page.count
                }.map { (references[i], references[$0]) }
            }.first, "two destinations on different pages with references of one length")
        bytes.replaceSubrange(pair.0.at..<pair.0.at + pair.0.page.count, with: pair.1.page)
        let file = PathText.join(try Self.scratch(), "moved.pdf")
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let moved = try CLI.run(["report", "verify", file])
        #expect(moved.status == 1 && moved.stdout.contains("MODIFIED"), "\(moved.stdout)\(moved.stderr)")
    }

    @Test func editedEmbeddedDataIsCaughtByItsDigest() throws {
        let bundle = try Self.shared()
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: bundle.path("report-ja.pdf"))))
        // Same length, valid JSON, so the file stays well formed: only the digest can tell.
        let from = Array("\"severity\" : \"critical\"".utf8)
        let to = Array("\"severity\" : \"high\"    ".utf8)
        let at = try #require(Self.lastIndex(of: from, in: bytes))
        bytes.replaceSubrange(at..<at + from.count, with: to)
        let file = PathText.join(try Self.scratch(), "data.pdf")
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let result = try CLI.run(["report", "verify", file])
        #expect(result.status == 1 && result.stdout.contains("MODIFIED — the data does not match"), "\(result.stdout)\(result.stderr)")
    }

    /// `report verify` compares the PDF's text in content-stream order with the HTML's text in
    /// document order. Chromium paints floated and positioned boxes in their own phase (a
    /// floated verdict badge came out before the page's title), so the report's style sheet
    /// must use neither.
    @Test func theReportStyleSheetKeepsPaintOrderInDocumentOrder() throws {
        let bundle = try Self.shared()
        for name in ["report-ja.html", "report-en.html"] {
            let html = try String(contentsOfFile: bundle.path(name), encoding: .utf8)
            let style = try #require(
                html.range(of: "<style>").flatMap { open in
                    html.range(of: "</style>", range: open.upperBound..<html.endIndex).map { String(html[open.upperBound..<$0.lowerBound]) }
                })
            for property in ["float:", "position: absolute", "position: fixed", "position: relative", "position: sticky"] {
                #expect(!style.contains(property), "\(name): \(property)")
            }
        }
    }

    @Test func aPDFPrintedFromAnEditedPageIsCaughtByItsText() throws {
        let bundle = try Self.shared()
        let scratch = try Self.scratch()
        let json = try [UInt8](Data(contentsOf: URL(fileURLWithPath: bundle.path("report.json"))))
        let html = try String(contentsOfFile: bundle.path("report-ja.html"), encoding: .utf8)
        // A verdict changed on the page; then a row of findings removed. The genuine data is attached.
        let verdict = html.replacingOccurrences(of: ">不適合<", with: ">適合<")
        #expect(verdict != html)
        var rows = html
        let start = try #require(rows.range(of: "<tr class=\"severity-high"))
        let end = try #require(rows.range(of: "</tr>", range: start.upperBound..<rows.endIndex))
        rows.removeSubrange(start.lowerBound..<end.upperBound)
        for (name, page) in [("verdict", verdict), ("rows", rows)] {
            let source = PathText.join(scratch, "\(name).html")
            try page.write(toFile: source, atomically: true, encoding: .utf8)
            let printed = try Self.print(source, in: scratch)
            let update = try PDFAttachment.update(for: printed, data: json, language: .ja)
            let file = PathText.join(scratch, "\(name).pdf")
            try Data(printed + update).write(to: URL(fileURLWithPath: file))
            // The attachment itself is fine: pdfdetach lists it.
            #expect(try runTool("/usr/bin/pdfdetach", ["-list", file]).output.contains("cryptcheck-report.json"))
            let result = try CLI.run(["report", "verify", file])
            #expect(
                result.status == 1 && result.stdout.contains("MODIFIED")
                    && result.stdout.contains("its text differs from the report: page "),
                "\(name): \(result.stdout)\(result.stderr)")
        }
        // The same genuine page printed the same way verifies: what failed above is the edit.
        let genuine = try Self.print(bundle.path("report-ja.html"), in: scratch)
        let file = PathText.join(scratch, "genuine.pdf")
        try Data(genuine + (try PDFAttachment.update(for: genuine, data: json, language: .ja))).write(to: URL(fileURLWithPath: file))
        let ok = try CLI.run(["report", "verify", file])
        #expect(ok.status == 0 && ok.stdout.contains(": OK"), "\(ok.stdout)\(ok.stderr)")
        // Attached with the other language's mark, the text no longer matches.
        let swapped = PathText.join(scratch, "swapped.pdf")
        try Data(genuine + (try PDFAttachment.update(for: genuine, data: json, language: .en))).write(to: URL(fileURLWithPath: swapped))
        #expect(try CLI.run(["report", "verify", swapped]).status == 1)
    }

    @Test func truncatedGarbageAndPlainPDFsGiveClearErrors() throws {
        let bundle = try Self.shared()
        let scratch = try Self.scratch()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: bundle.path("report-en.pdf"))))
        var cases: [(String, [UInt8], String)] = [
            ("truncated.pdf", Array(bytes.prefix(bytes.count / 2)), "not a readable cryptcheck PDF report: no startxref"),
            ("tail-cut.pdf", Array(bytes.dropLast(300)), "not a readable cryptcheck PDF report"),
            ("garbage.pdf", Array("%PDF-1.4\n".utf8) + (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }, "not a readable"),
            ("empty.pdf", Array("%PDF-".utf8), "not a readable cryptcheck PDF report"),
        ]
        // Chromium's own print, without the attachment: readable, but no data.
        let plain = Array(bytes.prefix(try #require(Self.firstEOF(in: bytes))))
        cases.append(("plain.pdf", plain, "no cryptcheck report data found"))
        for (name, content, message) in cases {
            let file = PathText.join(scratch, name)
            try Data(content).write(to: URL(fileURLWithPath: file))
            let result = try CLI.run(["report", "verify", file])
            #expect(
                result.status == 2 && result.stderr.contains(message) && !result.stdout.contains("OK"),
                "\(name): \(result.stdout)\(result.stderr)")
        }
    }

    @Test func formatPDFWritesAVerifiableFileAndRefusesStandardOutput() throws {
        let scratch = try Self.scratch()
        let file = PathText.join(scratch, "out.pdf")
        let written = try DemoReport.run(["--format", "pdf", "--lang", "en", "-o", file])
        #expect(written.status == 1 && written.stderr.contains("pdf written to \(file)"), "\(written.stderr)")
        let ok = try CLI.run(["report", "verify", file])
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        for extra in [[], ["-o", "-"]] {
            let refused = try DemoReport.run(["--format", "pdf"] + extra)
            #expect(
                refused.status == 64 && refused.stderr.contains("--format pdf writes a file") && refused.stdout.isEmpty, "\(refused.stderr)"
            )
        }
    }

    @Test func withoutChromiumEverythingElseIsWrittenThenItFailsClearly() throws {
        let scratch = try Self.scratch()
        let out = PathText.join(scratch, "out")
        let temporary = PathText.join(scratch, "tmp")
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let result = try Self.runWith(
            ["-u", "CRYPTCHECK_CHROMIUM", "PATH=/nonexistent", "TMPDIR=\(temporary)"],
            ["report"] + DemoReport.inputs + DemoReport.fixed + ["--output-dir", out])
        #expect(result.status == 2, "\(result.output)")
        #expect(result.output.contains("Install the Debian package chromium-headless-shell"), "\(result.output)")
        // Said once, not once per language.
        #expect(result.output.components(separatedBy: "is not installed").count == 2, "\(result.output)")
        let written = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(written == ["cbom.json", "findings.csv", "report-en.html", "report-ja.html", "report.json", "report.sarif"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
        // --no-pdf: the same files, and the evaluation's own status.
        let without = try Self.runWith(
            ["PATH=/nonexistent"], ["report"] + DemoReport.inputs + DemoReport.fixed + ["--output-dir", out, "--no-pdf"])
        #expect(without.status == 1 && !without.output.contains("chromium"), "\(without.output)")
        // --format pdf names the package too.
        let single = try Self.runWith(
            ["-u", "CRYPTCHECK_CHROMIUM", "PATH=/nonexistent"],
            ["report"] + DemoReport.inputs + DemoReport.fixed + ["--format", "pdf", "-o", PathText.join(scratch, "x.pdf")])
        #expect(single.status == 2 && single.output.contains("chromium-headless-shell"), "\(single.output)")
        #expect(!FileManager.default.fileExists(atPath: PathText.join(scratch, "x.pdf")))
    }

    @Test func chromiumRunsInAPrivateDirectoryNeverInAScannedPath() throws {
        let scratch = try Self.scratch()
        let tree = PathText.join(scratch, "tree")
        try FileManager.default.createDirectory(atPath: PathText.join(tree, "tmp"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "Fixtures/files/certs/rsa2048-sha256.pem", toPath: PathText.join(tree, "cert.pem"))
        // A browser that records how it was run, and the mode of the directory it was given.
        let record = PathText.join(scratch, "arguments.txt")
        let script = PathText.join(scratch, "chromium")
        try """
        #!/bin/sh
        for a in "$@"; do echo "$a"; done > '\(record)'
        for a in "$@"; do case "$a" in file://*) stat -c '%a' "$(dirname "${a#file://}")" >> '\(record)';; esac; done
        exit 1

        """.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let result = try Self.runWith(
            ["CRYPTCHECK_CHROMIUM=\(script)", "TMPDIR=\(PathText.join(tree, "tmp"))"],
            ["report", "--path", tree, "--format", "pdf", "-o", PathText.join(scratch, "tree.pdf"), "--as-of", "2026-11-30"])
        #expect(result.status == 2, "\(result.output)")
        let lines = try String(contentsOfFile: record, encoding: .utf8).split(separator: "\n").map(String.init)
        let page = try #require(lines.first { $0.hasPrefix("file://") })
        #expect(page.hasPrefix("file:///tmp/cryptcheck-pdf-") && !page.contains(tree), "\(lines)")
        #expect(lines.last == "700", "the directory is private: \(lines)")
        #expect(lines.contains { $0.hasPrefix("--user-data-dir=/tmp/cryptcheck-pdf-") })
        #expect(lines.contains("--no-sandbox") == (geteuid() == 0))
        #expect(lines.contains("--no-pdf-header-footer"))
        // Removed afterwards.
        let directory = String(page.dropFirst("file://".count).split(separator: "/").dropLast().joined(separator: "/"))
        #expect(!FileManager.default.fileExists(atPath: "/" + directory), "\(directory) was left behind")
    }

    @Test func aHangingChromiumIsKilledWithItsChildrenAtTheTimeout() throws {
        let scratch = try Self.scratch()
        let temporary = PathText.join(scratch, "tmp")
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let childFile = PathText.join(scratch, "child.pid")
        let script = PathText.join(scratch, "chromium")
        try "#!/bin/sh\necho 'starting the fake browser' >&2\nsleep 300 &\necho $! > '\(childFile)'\nsleep 300\n".write(
            toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let started = Date()
        let result = try Self.runWith(
            ["CRYPTCHECK_CHROMIUM=\(script)", "TMPDIR=\(temporary)"],
            ["report"] + DemoReport.inputs + DemoReport.fixed + [
                "--format", "pdf", "-o", PathText.join(scratch, "x.pdf"), "--pdf-timeout", "1",
            ])
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(result.status == 2 && result.output.contains("did not finish within 1 s and was stopped"), "\(result.output)")
        #expect(result.output.contains("starting the fake browser"), "standard error is summarised: \(result.output)")
        let child = try #require(
            Int32(try String(contentsOfFile: childFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(Self.ends(child), "the browser's child \(child) outlived the timeout")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
    }

    /// Whether process `pid` is gone (or a zombie) within two seconds: SIGKILL is delivered
    /// asynchronously, and an orphan may stay a zombie until init reaps it.
    static func ends(_ pid: Int32) -> Bool {
        for _ in 0..<100 {
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            if stat.isEmpty || (stat.components(separatedBy: ") ").last ?? "").hasPrefix("Z") { return true }
            usleep(20_000)
        }
        return false
    }

    @Test func ctrlCStopsTheBrowserAndCleansUp() throws {
        let scratch = try Self.scratch()
        let temporary = PathText.join(scratch, "tmp")
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let childFile = PathText.join(scratch, "child.pid")
        let script = PathText.join(scratch, "chromium")
        try "#!/bin/sh\nsleep 300 &\necho $! > '\(childFile)'\nsleep 300\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["CRYPTCHECK_CHROMIUM=\(script)", "TMPDIR=\(temporary)", CLI.binary.path, "report"] + DemoReport.inputs
            + ["--format", "pdf", "-o", PathText.join(scratch, "x.pdf")]
        process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Once the browser runs, Ctrl-C (SIGINT to the tool; env execs it, same pid).
        for _ in 0..<500 where !FileManager.default.fileExists(atPath: childFile) { usleep(20_000) }
        usleep(100_000)
        process.interrupt()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // An exit with status 2, not death by SIGINT (whose number is 2 too).
        #expect(process.terminationReason == .exit && process.terminationStatus == 2, "\(process.terminationStatus): \(output)")
        #expect(output.contains("interrupted while"), "\(output)")
        let child = try #require(
            Int32(try String(contentsOfFile: childFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(Self.ends(child), "the browser's child \(child) outlived the interruption")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
    }

    @Test func aFailingChromiumIsReportedWithItsMessage() throws {
        let scratch = try Self.scratch()
        let script = PathText.join(scratch, "chromium")
        try
            "#!/bin/sh\necho '[1202/1:ERROR:dbus/bus.cc:405] Failed to connect to the bus' >&2\necho 'cannot open display: out of paper' >&2\nexit 3\n"
            .write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let result = try Self.runWith(
            ["CRYPTCHECK_CHROMIUM=\(script)"],
            ["report"] + DemoReport.inputs + DemoReport.fixed + ["--format", "pdf", "-o", PathText.join(scratch, "x.pdf")])
        #expect(result.status == 2 && result.output.contains("(exit status 3): cannot open display: out of paper"), "\(result.output)")
        #expect(!result.output.contains("dbus"), "routine noise is left out: \(result.output)")
        let missing = try Self.runWith(
            ["CRYPTCHECK_CHROMIUM=/nonexistent/chromium"],
            ["report"] + DemoReport.inputs + ["--format", "pdf", "-o", PathText.join(scratch, "y.pdf")])
        #expect(
            missing.status == 2 && missing.output.contains("CRYPTCHECK_CHROMIUM=/nonexistent/chromium: no such executable"),
            "\(missing.output)")
    }

    /// The pages of named destinations, in page-tree order through nested /Pages nodes; a tree
    /// that loops back is refused rather than walked for ever.
    @Test func destinationsAreNumberedInPageTreeOrderAndLoopsAreRefused() throws {
        func file(_ objects: [String], root: Int) -> [UInt8] {
            var body = "%PDF-1.4\n"
            var offsets: [Int] = []
            for (index, object) in objects.enumerated() {
                offsets.append(body.utf8.count)
                body += "\(index + 1) 0 obj\n\(object)\nendobj\n"
            }
            let xref = body.utf8.count
            body += "xref\n0 \(objects.count + 1)\n0000000000 65535 f\r\n"
            body += offsets.map { String(format: "%010d 00000 n\r\n", $0) }.joined()
            body += "trailer\n<</Size \(objects.count + 1) /Root \(root) 0 R>>\nstartxref\n\(xref)\n%%EOF\n"
            return Array(body.utf8)
        }
        // 1 catalog, 2 root /Pages, 3 inner /Pages, 4..6 pages (tree order: 4, 5, 6), 7 /Dests.
        let tree = [
            "<</Type /Catalog /Pages 2 0 R /Dests 7 0 R>>", "<</Type /Pages /Kids [3 0 R 6 0 R] /Count 3>>",
            "<</Type /Pages /Kids [4 0 R 5 0 R] /Count 2>>", "<</Type /Page>>", "<</Type /Page>>", "<</Type /Page>>",
            "<</first [4 0 R /XYZ 0 800 0] /last [6 0 R /Fit] /second <</D [5 0 R /XYZ 0 0 0]>> /nowhere [9 0 R /Fit]>>",
        ]
        #expect(try PDFDestinations.pages(in: file(tree, root: 1)) == ["first": 1, "second": 2, "last": 3])
        var looping = tree
        looping[2] = "<</Type /Pages /Kids [4 0 R 2 0 R] /Count 2>>"
        do {
            _ = try PDFDestinations.pages(in: file(looping, root: 1))
            Issue.record("a looping page tree was walked")
        } catch let error as PDFError {
            #expect(error.description.contains("the page tree reaches object 2 twice"), "\(error)")
        }
        var missing = tree
        missing[0] = "<</Type /Catalog /Pages 2 0 R>>"
        #expect(try PDFDestinations.pages(in: file(missing, root: 1)).isEmpty)
    }

    @Test func hostileStructuresAreRefusedWithoutCrashingOrLooping() throws {
        func pdf(_ body: String) -> [UInt8] { Array("%PDF-1.4\n".utf8) + Array(body.utf8) }
        // The offset of `xref` in the file `pdf(prefix + ...)` builds.
        func at(_ prefix: String) -> Int { 9 + prefix.utf8.count }
        let loop = "xref\n0 1\n0000000000 65535 f\r\ntrailer\n<</Size 1 /Root 1 0 R /Prev \(at(""))>>\nstartxref\n\(at(""))\n%%EOF\n"
        let deep = "xref\n0 0\ntrailer\n<</Root " + String(repeating: "[", count: 100_000) + ">>\nstartxref\n\(at(""))\n%%EOF\n"
        let huge = "xref\n0 999999999\ntrailer\n<<>>\nstartxref\n\(at(""))\n%%EOF\n"
        let past = "startxref\n99999999\n%%EOF\n"
        let wrongObject = "2 0 obj\n<</Type /Catalog>>\nendobj\n"
        let misplaced =
            wrongObject + "xref\n1 1\n0000000009 00000 n\r\ntrailer\n<</Size 3 /Root 1 0 R>>\nstartxref\n\(at(wrongObject))\n%%EOF\n"
        let stream = "1 0 obj\n<</Type /EmbeddedFile /Length 99999>>\nstream\nabc\nendstream\nendobj\n"
        let spec = "2 0 obj\n<</EF <</F 1 0 R>>>>\nendobj\n"
        let catalog = "3 0 obj\n<</Names <</EmbeddedFiles <</Names [(cryptcheck-report.json) 2 0 R]>>>>>>\nendobj\n"
        let objects = stream + spec + catalog
        let offsets = [at(""), at(stream), at(stream + spec)]
        let table = "xref\n1 3\n" + offsets.map { String(format: "%010d 00000 n\r\n", $0) }.joined()
        let overlongFile = objects + table + "trailer\n<</Size 4 /Root 3 0 R>>\nstartxref\n\(at(objects))\n%%EOF\n"
        let cases: [(String, String, String)] = [
            ("loop", loop, "loop"), ("deep", deep, "nested too deeply"), ("huge", huge, "larger than the file"),
            ("past", past, "past the end"), ("misplaced", misplaced, "not where the cross-reference says"),
            ("overlong", overlongFile, "runs past the end of the file"),
        ]
        for (name, body, message) in cases {
            #expect(throws: PDFError.self, "\(name)") { _ = try PDFAttachment.extract(from: pdf(body)) }
            do {
                _ = try PDFAttachment.extract(from: pdf(body))
            } catch {
                #expect("\(error)".contains(message), "\(name): \(error)")
            }
        }
        // Random damage to the update of a genuine PDF: an error or no data, never a crash.
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: try Self.shared().path("report-en.pdf"))))
        let start = try #require(Self.firstEOF(in: bytes))
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            var damaged = bytes
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                damaged[Int.random(in: start..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            #expect(throws: Never.self) { try PDFFuzzEntry.read(damaged) }
        }
        // Chromium's own file: what the writer attaches reads back.
        #expect(throws: Never.self) { try PDFFuzzEntry.read(Array(bytes.prefix(start))) }
    }

    @Test("PDF fuzz seeds read, and what the writer attaches reads back", arguments: FuzzInputs.seeds("FuzzPDF"))
    func fuzzSeed(_ input: FuzzInputs.Input) {
        #expect(throws: Never.self, "\(input.name)") { try PDFFuzzEntry.read(input.bytes) }
    }

    @Test func theWriterOutputReadsBackForTheSeedsThatHaveNoAttachment() throws {
        for name in ["minimal.pdf", "names-ref.pdf"] {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "Fuzz/corpus/FuzzPDF/\(name)")))
            #expect(try PDFAttachment.extract(from: bytes) == nil, "\(name)")
            let update = try PDFAttachment.update(for: bytes, data: [0x7B, 0x7D], language: .en)
            let back = try #require(try PDFAttachment.extract(from: bytes + update), "\(name)")
            #expect(back.data == [0x7B, 0x7D] && back.language == .en, "\(name)")
        }
        let attached = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "Fuzz/corpus/FuzzPDF/attached.pdf")))
        #expect(try PDFAttachment.extract(from: attached)?.data == Array("{\"probe\": true}\n".utf8))
        #expect(throws: PDFError.self) { try PDFAttachment.update(for: attached, data: [], language: .en) }
    }

    @Test func theTextComparisonLeavesOutMarginsAndRepeatedHeadersOnly() {
        let html = """
            <!DOCTYPE html><html><head><title>T</title><style>@page { size: A4; margin: 10mm 0 10mm 0; @top-left { content: "H" } @bottom-center { content: counter(page) " / " counter(pages) } }</style></head>
            <body><h1>Report &amp; 報告</h1><table><thead><tr><th>A</th><th>B</th></tr></thead>
            <tbody><tr><td>1</td><td>適合</td></tr><tr><td>2</td><td>不適合</td></tr></tbody></table>
            <p hidden>secret</p><script type="application/json">{"x": 1}</script></body></html>
            """
        func word(_ text: String, y: Double) -> String {
            "<word xMin=\"50\" yMin=\"\(y)\" xMax=\"90\" yMax=\"\(y + 10)\">\(text)</word>"
        }
        func pages(_ pages: [[(String, Double)]]) -> String {
            pages.map { words in
                "<page width=\"595\" height=\"842\">\n" + words.map { word($0.0, y: $0.1) }.joined(separator: "\n") + "\n</page>"
            }
            .joined(separator: "\n")
        }
        let genuine = pages([
            [("H", 5), ("Report", 40), ("&amp;", 40), ("報告", 40), ("A", 60), ("B", 60), ("1", 70), ("適合", 70), ("1 / 2", 820)],
            [("H", 5), ("A", 40), ("B", 40), ("2", 50), ("不適", 50), ("合", 62), ("2 / 2", 820)],
        ])
        #expect(PDFTextComparison.compare(html: html, bboxText: genuine) == nil)
        let edited = genuine.replacingOccurrences(of: ">不適<", with: ">適<")
        #expect(PDFTextComparison.compare(html: html, bboxText: edited)?.page == 2)
        let added = genuine.replacingOccurrences(of: "</page>\n<page", with: "\(word("承認済", y: 300))</page>\n<page")
        #expect(PDFTextComparison.compare(html: html, bboxText: added)?.page == 1)
        // The running header and the page numbers are compared too, page by page.
        let header = genuine.replacingOccurrences(of: ">H<", with: ">承認済<")
        #expect(PDFTextComparison.compare(html: html, bboxText: header)?.page == 1)
        let number = genuine.replacingOccurrences(of: ">2 / 2<", with: ">3 / 3<")
        #expect(PDFTextComparison.compare(html: html, bboxText: number)?.page == 2)
        let note = genuine.replacingOccurrences(of: "</page>\n<page", with: "\(word("承認済", y: 830))</page>\n<page")
        #expect(PDFTextComparison.compare(html: html, bboxText: note)?.page == 1)
        let missing = pages([[("Report", 40), ("&amp;", 40), ("報告", 40), ("A", 60), ("B", 60), ("1", 70), ("適合", 70)]])
        #expect(PDFTextComparison.compare(html: html, bboxText: missing) != nil)
        // A header row in the middle of a page is content, not a repeat.
        let inserted = genuine.replacingOccurrences(of: ">1<", with: ">1</word>\n<word xMin=\"50\" yMin=\"70\" xMax=\"90\" yMax=\"80\">AB<")
        #expect(PDFTextComparison.compare(html: html, bboxText: inserted) != nil)
    }

    @Test func runningHeadersAndPageNumbersFromCSSMarginBoxesAreChecked() throws {
        let bundle = try Self.shared()
        let scratch = try Self.scratch()
        let html = try String(contentsOfFile: bundle.path("report-ja.html"), encoding: .utf8)
        // Margin boxes as the report may set them: an escaped string, counters, a first page without header.
        let boxes = """
            @page { size: A4; margin: 16mm 14mm 18mm 14mm; @top-left { content: "\\4F1A\\8A08  PROC-2026-042"; font-size: 8pt }
              @bottom-center { content: counter(page) " / " counter(pages); } }
            @page :first { @top-left { content: none } }
            """
        // The report's own page rules (size, margins and margin boxes) give way to these.
        let pageRules = try Regex(#"@page \{[^\n]*\n"#)
        let unstyled = html.replacing(pageRules, with: "")
        #expect(unstyled != html)
        let styled = try #require(
            unstyled.range(of: "</style>").map { unstyled.replacingCharacters(in: $0, with: boxes + "\n</style>") })
        let source = PathText.join(scratch, "boxes.html")
        try styled.write(toFile: source, atomically: true, encoding: .utf8)
        let file = PathText.join(scratch, "boxes.pdf")
        try Data(try Self.print(source, in: scratch)).write(to: URL(fileURLWithPath: file))
        let text = try runTool("/usr/bin/pdftotext", ["-raw", "-bbox", "-enc", "UTF-8", file, "-"])
        #expect(text.status == 0)
        #expect(text.output.contains(">会計<") && text.output.contains(">PROC-2026-042<"), "the header was printed")
        #expect(PDFTextComparison.compare(html: styled, bboxText: text.output) == nil)
        // Without the boxes in the style sheet, their text is something added.
        #expect(PDFTextComparison.compare(html: html, bboxText: text.output)?.page == 1)
        // A page number changed on page 2.
        let pageTwo = try #require(text.output.components(separatedBy: "<page ").dropFirst(2).first)
        let edited = pageTwo.replacingOccurrences(of: ">2</word>", with: ">7</word>")
        #expect(edited != pageTwo)
        #expect(PDFTextComparison.compare(html: styled, bboxText: text.output.replacingOccurrences(of: pageTwo, with: edited))?.page == 2)
    }

    // MARK: helpers

    /// The HTML at `source` printed by headless Chromium as the tool prints it.
    static func print(_ source: String, in scratch: String) throws -> [UInt8] {
        let out = PathText.join(scratch, "print-\(UUID().uuidString).pdf")
        let result = try runTool(
            "/usr/bin/chromium-headless-shell",
            [
                "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(PathText.join(scratch, "profile"))",
                "--print-to-pdf=\(out)", "file://\(source)",
            ])
        #expect(result.status == 0, "\(result.output)")
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: out)))
    }

    static func lastIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        var index = bytes.count - needle.count
        while index >= 0 {
            if bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index -= 1
        }
        return nil
    }

    /// The end of the first `%%EOF` line (the end of Chromium's own file).
    static func firstEOF(in bytes: [UInt8]) -> Int? {
        let marker = Array("%%EOF\n".utf8)
        var index = 0
        while index + marker.count <= bytes.count {
            if bytes[index..<index + marker.count].elementsEqual(marker) { return index + marker.count }
            index += 1
        }
        return nil
    }
}
