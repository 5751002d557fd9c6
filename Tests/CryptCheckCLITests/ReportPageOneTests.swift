import CryptCheckModel
import Foundation
import TestSupport
import Testing

@testable import CryptCheckReport

let chromiumPath = "/usr/bin/chromium-headless-shell"
let chromiumInstalled = FileManager.default.isExecutableFile(atPath: chromiumPath)

/// The demo report's HTML in `language`, its report data and its PDF printed by headless Chromium.
struct PrintedReport {
    let directory: URL
    let html: String
    let report: Report
    let pdf: String

    init(language: String) throws {
        directory = try CLI.temporaryDirectory()
        let path = directory.appendingPathComponent("report-\(language).html").path
        let result = try DemoReport.run(["--format", "html", "--lang", language, "-o", path])
        #expect(result.status == 1, "\(result.stderr)")
        html = try String(contentsOfFile: path, encoding: .utf8)
        let data = try #require(HTMLReportRenderer.embeddedData(in: html))
        report = try JSONRenderer.decoder().decode(Report.self, from: Data(data.utf8))
        pdf = directory.appendingPathComponent("report-\(language).pdf").path
        let chromium = try runTool(
            chromiumPath, ["--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=\(pdf)", "file://\(path)"])
        #expect(chromium.status == 0, "\(chromium.output)")
    }

    func text(pages: ClosedRange<Int>) throws -> String {
        try runTool("/usr/bin/pdftotext", ["-f", "\(pages.lowerBound)", "-l", "\(pages.upperBound)", pdf, "-"]).output
    }

    /// Page `page` as RGB pixels (pdftoppm's PPM: a text header, then three bytes a pixel).
    func pixels(page: Int, dpi: Int = 60) throws -> [UInt8] {
        let stem = directory.appendingPathComponent("page\(page)").path
        let rendered = try runTool("/usr/bin/pdftoppm", ["-r", "\(dpi)", "-f", "\(page)", "-l", "\(page)", "-singlefile", pdf, stem])
        #expect(rendered.status == 0, "\(rendered.output)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: stem + ".ppm")))
        // P6, width, height, maximum: four whitespace-separated fields, then the pixels.
        var fields = 0, index = 0
        while fields < 4 && index < bytes.count {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A { index += 1 }
            while index < bytes.count, bytes[index] != 0x20 && bytes[index] != 0x0A { index += 1 }
            fields += 1
        }
        return Array(bytes[(index + 1)...])
    }
}

/// How many pixels are within `tolerance` of the colour `#rrggbb`.
func pixelCount(_ pixels: [UInt8], near hex: String, tolerance: Int = 10) -> Int {
    let value = Int(hex.dropFirst(), radix: 16) ?? 0
    let (r, g, b) = ((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF)
    var count = 0
    var index = 0
    while index + 2 < pixels.count {
        if abs(Int(pixels[index]) - r) <= tolerance && abs(Int(pixels[index + 1]) - g) <= tolerance
            && abs(Int(pixels[index + 2]) - b) <= tolerance
        {
            count += 1
        }
        index += 3
    }
    return count
}

/// Text without any white space, so a line wrapped by the PDF still matches.
func squeezed(_ text: String) -> String { String(text.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }) }

/// Page 1 of the printed report, as an officer sees it: the verdict, the chart and the actions
/// with their configuration lines, and a running header and footer (issue 14 items 1 and 2).
@Suite("The report's first page, printed", .serialized)
struct ReportPageOneTests {
    @Test(
        .enabled(if: chromiumInstalled, "chromium-headless-shell is not installed (`make setup` installs it): no page to look at"),
        arguments: ["ja", "en"])
    func pageOneShowsTheVerdictTheChartAndTheActions(language: String) throws {
        let printed = try PrintedReport(language: language)
        defer { try? FileManager.default.removeItem(at: printed.directory) }
        let text = ReportText(language: language == "ja" ? .ja : .en)
        let info = try runTool("/usr/bin/pdfinfo", [printed.pdf]).output
        #expect(info.contains("(A4)"), "\(info)")
        let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
        let page1 = try printed.text(pages: 1...1)
        let flat = squeezed(page1)
        // The verdict, in the report's language.
        #expect(flat.contains(squeezed(text.status(printed.report.verdict.status))), "\(page1)")
        #expect(printed.report.verdict.status == .notConformant)
        // The running header and footer: the reference, and "1 / N".
        #expect(flat.contains("PROC-2026-042"), "\(page1)")
        #expect(flat.contains("1/\(pages)"), "\(pages) pages: \(page1)")
        // The actions: the heading, and the first fixes with their configuration lines.
        let rows = ReportRows(report: printed.report, text: text)
        let actions = rows.tally.actions
        #expect(actions.count >= 5, "\(actions.map(\.code))")
        #expect(flat.contains(squeezed(text.actionsHeading(actions.count))), "\(page1)")
        for action in actions.prefix(2) {
            #expect(flat.contains(squeezed(RemediationConfig.heading(action.code, printed.report.configuration, text))), "\(action.code)")
        }
        let line = try #require(RemediationConfig.blocks(actions[0].code, printed.report.configuration).first?.lines.first)
        #expect(flat.contains(squeezed(line)), "\(actions[0].code): \(line) not on page 1:\n\(page1)")
        // The chart: inline SVG without script, drawn in the severity colours.
        #expect(
            printed.html.contains("<svg class=\"chart\"") && !printed.html.contains("<script>") && !printed.html.contains("<script src"))
        let pixels = try printed.pixels(page: 1)
        for colour in [SummaryChart.critical, SummaryChart.high, SummaryChart.medium, SummaryChart.undecided] {
            #expect(pixelCount(pixels, near: colour) > 30, "\(language): no \(colour) bar on page 1")
        }
        #expect(pixelCount(pixels, near: "#00ff00") == 0, "the pixel count must be able to find nothing")
    }

    /// Configuration lines wrap only between names: every suite, group and scheme name of the
    /// printed lines is found whole in the PDF's text.
    @Test(.enabled(if: chromiumInstalled, "chromium-headless-shell is not installed (`make setup` installs it)"))
    func configurationNamesAreNeverBrokenMidWord() throws {
        let printed = try PrintedReport(language: "ja")
        defer { try? FileManager.default.removeItem(at: printed.directory) }
        let configuration = try #require(printed.report.configuration)
        let text = try printed.text(pages: 1...4)
        let words = Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ":" || $0 == ";" }).map(String.init))
        // The names of the lines the actions print.
        let printedLines = ReportRows(report: printed.report, text: ReportText(language: .ja)).tally.actions
            .flatMap { RemediationConfig.blocks($0.code, configuration) }.flatMap(\.lines).joined(separator: " ")
            .split(whereSeparator: { $0 == " " || $0 == ":" || $0 == ";" }).map(String.init)
        let names = (configuration.tls12Suites + configuration.tls13Suites + configuration.groups + configuration.signatureSchemes)
            .map(\.openssl).filter(Set(printedLines).contains)
        #expect(names.count >= 20)
        for name in names { #expect(words.contains(name), "\(name) is broken in the printed text") }
    }
}
