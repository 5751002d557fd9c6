import CryptCheckModel
import CryptCheckPolicy

/// The procurement pre-approval report as one self-contained HTML file (no scripts run, no
/// fetches; the report data rides along as inert JSON so a copy can be verified), laid out for
/// A4 printing: the verdict first, section breaks before the long tables, table headers
/// repeated on every page and rows kept whole.
public enum HTMLReportRenderer {
    public static func render(_ report: Report, language: ReportLanguage) throws -> String {
        var bytes: [UInt8] = []
        try write(report, language: language) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Hands the report's HTML to `sink` in pieces, in order: the page, then the report data
    /// (hundreds of megabytes for a large file scan) piece by piece as it is encoded and made
    /// script-safe, never copied whole into a String.
    public static func write(_ report: Report, language: ReportLanguage, to sink: ([UInt8]) throws -> Void) throws {
        let text = ReportText(language: language)
        try write(
            report, rows: ReportRows(report: report, text: text), text: text,
            data: { try JSONRenderer.write(report, pretty: true, to: $0) }, to: sink)
    }

    /// The page of `report` with its growing parts taken from `rows` (for a streamed report,
    /// `report` is the skeleton whose arrays are empty), then `data`, the report JSON `data`
    /// hands to its sink, made script-safe. The whole report and a streamed one go through
    /// here, so the same report gives the same bytes either way.
    static func write(
        _ report: Report, rows: some HTMLRows, text: ReportText, data: @escaping (_ sink: ([UInt8]) throws -> Void) throws -> Void,
        to sink: ([UInt8]) throws -> Void
    ) throws {
        var html = HTMLWriter()
        html.raw("<!DOCTYPE html>\n<html lang=\"\(text.language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n")
        html.raw("<meta name=\"generator\" content=\"\(escape(report.tool.name)) \(escape(report.tool.version))\">\n")
        html.element("title", text.title + (report.system.name.map { " — \($0)" } ?? ""))
        html.raw("\n<style>\n\(stylesheet)</style>\n</head>\n<body>\n")
        cover(report, text, &html)
        try verdictSection(report, rows, text, &html, sink)
        listsSection(report, text, &html)
        try scopeSection(report, rows, text, &html, sink)
        try profilesSection(rows, text, &html, sink)
        try violationsSection(rows, text, &html, sink)
        try findingsSection(rows, text, &html, sink)
        try transitionSection(report, rows, text, &html, sink)
        try EvidenceHTML.appendix(rows, text, &html, sink)
        html.open("section", class: "integrity")
        html.element("h2", text.integrityHeading)
        html.element("p", text.digestText(""))
        html.element("p", report.dataDigest ?? "", class: "digest")
        html.close("section")
        // The data the digest covers, as inert JSON ("</" cannot end the element early).
        html.raw("<script type=\"application/json\" id=\"cryptcheck-report-data\">\n")
        try html.flush(to: sink)
        var filter = ScriptSafeFilter()
        try data { try sink(filter.pass($0)) }
        try sink(filter.pass([0x0A]) + filter.finish())
        try sink(Array("</script>\n</body>\n</html>\n".utf8))
    }

    /// The JSON embedded by `render`, for verification.
    public static func embeddedData(in html: String) -> String? {
        guard let start = html.range(of: "<script type=\"application/json\" id=\"cryptcheck-report-data\">\n"),
            let end = html.range(of: "</script>", range: start.upperBound..<html.endIndex)
        else { return nil }
        return String(html[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "<\\/", with: "</")
    }

    // MARK: sections

    static func cover(_ report: Report, _ text: ReportText, _ html: inout HTMLWriter) {
        html.open("header", class: "cover")
        html.element("h1", text.title)
        html.element("p", text.subtitle, class: "subtitle")
        html.open("table", class: "facts")
        let rows: [(String, String)] = [
            (text.systemName, report.system.name ?? text.notGiven), (text.reference, report.system.reference ?? text.notGiven),
            (text.evaluator, report.system.evaluator ?? text.notGiven), (text.evaluationDate, report.generatedAt),
            (text.asOfDate, report.asOf), (text.operationEnd, text.operationEndValue(report.operationEnd)),
            (text.tool, "\(report.tool.name) \(report.tool.version)"),
        ]
        for (label, value) in rows {
            html.open("tr")
            html.element("th", label)
            html.element("td", value)
            html.close("tr")
        }
        html.close("table")
        html.close("header")
    }

    static func verdictSection(
        _ report: Report, _ rows: some HTMLRows, _ text: ReportText, _ html: inout HTMLWriter, _ sink: ([UInt8]) throws -> Void
    ) throws {
        html.open("section", class: "verdict")
        html.element("h2", text.overallVerdict)
        html.element("p", text.status(report.verdict.status), class: "status \(report.verdict.status.rawValue)")
        if !rows.isEmpty(.unobserved) {
            html.element("h3", text.noHandshake)
            html.open("ul", class: "unobserved")
            try rows.write(.unobserved, &html, to: sink)
            html.close("ul")
        }
        html.open("ul")
        for reason in report.verdict.reasons {
            html.open("li")
            html.text(text.reason(reason))
            if !reason.examples.isEmpty, reason.kind != .weakEvidence {
                html.element(
                    "div", reason.examples.joined(separator: "; ") + (reason.count > reason.examples.count ? "; …" : ""), class: "examples")
            }
            html.close("li")
        }
        if report.verdict.reasons.isEmpty { html.element("li", text.none) }
        html.close("ul")
        basis(report, rows, text, &html)
        html.close("section")
    }

    /// One story on page one: which rule decides the overall verdict and which the profile
    /// verdicts, and the suites on which they part.
    static func basis(_ report: Report, _ rows: some HTMLRows, _ text: ReportText, _ html: inout HTMLWriter) {
        guard !rows.isEmpty(.profiles) else { return }
        html.element("h3", text.basisHeading)
        let lists = report.lists.filter { $0.kind == "ciphers-list" }.map(\.revision)
        html.element("p", text.listBasis(lists))
        html.element("p", text.guidelineBasis(report.lists.first { $0.kind == "tls-guideline" }?.revision ?? "GL-3001"))
        let (differences, count) = rows.ruleDifferences
        guard count > 0 else { return }
        html.element("p", text.differencesIntro)
        html.open("ul", class: "differences")
        for difference in differences.prefix(HTMLRow.differencesShown) {
            let profile = rows.profile(difference.profile)
            let name = text.language == .ja ? profile?.nameJa ?? difference.profile : profile?.name ?? difference.profile
            html.element("li", text.difference(difference, profileName: name))
        }
        if count > HTMLRow.differencesShown { html.element("li", "… \(count - HTMLRow.differencesShown)") }
        html.close("ul")
    }

    static func listsSection(_ report: Report, _ text: ReportText, _ html: inout HTMLWriter) {
        html.open("section")
        html.element("h2", text.listsHeading)
        html.table(
            text.documentColumns,
            rows: report.lists.map { list in
                [
                    list.id, list.revision,
                    text.language == .ja ? list.titleJa.map { "\($0) CRYPTREC \(list.revision)" } ?? list.title : list.title,
                    list.published, text.evidence(list.evidence),
                ]
            }, widths: [12, 15, 43, 13, 17])
        html.close("section")
    }

    static func scopeSection(
        _ report: Report, _ rows: some HTMLRows, _ text: ReportText, _ html: inout HTMLWriter, _ sink: ([UInt8]) throws -> Void
    ) throws {
        html.open("section")
        html.element("h2", text.scopeHeading)
        html.element("h3", text.endpoints)
        // One paragraph, the names separated by commas.
        if rows.isEmpty(.scopeEndpoints) {
            html.element("p", text.none)
        } else {
            html.raw("<p>")
            try rows.write(.scopeEndpoints, &html, to: sink)
            html.raw("</p>\n")
        }
        html.element("h3", text.paths)
        html.element("p", report.scope.paths.isEmpty ? text.none : report.scope.paths.joined(separator: ", "))
        if !report.unscanned.isEmpty {
            html.element("h3", text.unscanned)
            html.open("ul")
            for target in report.unscanned { html.element("li", "\(target.target): \(target.reason)") }
            html.close("ul")
        }
        html.close("section")
    }

    static func profilesSection(_ rows: some HTMLRows, _ text: ReportText, _ html: inout HTMLWriter, _ sink: ([UInt8]) throws -> Void)
        throws
    {
        guard !rows.isEmpty(.profiles) else { return }
        html.open("section")
        html.element("h2", text.profilesHeading)
        html.tableStart(text.profileColumns, widths: [17, 17, 10, 56])
        try rows.write(.profiles, &html, to: sink)
        html.tableEnd()
        html.close("section")
    }

    static func violationsSection(_ rows: some HTMLRows, _ text: ReportText, _ html: inout HTMLWriter, _ sink: ([UInt8]) throws -> Void)
        throws
    {
        html.open("section", class: "break")
        html.element("h2", text.violationsHeading)
        if rows.isEmpty(.violations) {
            html.element("p", text.noViolations)
        } else {
            html.tableStart(text.violationColumns, widths: [9, 17, 26, 24, 24])
            try rows.write(.violations, &html, to: sink)
            html.tableEnd()
        }
        html.close("section")
    }

    static func findingsSection(_ rows: some HTMLRows, _ text: ReportText, _ html: inout HTMLWriter, _ sink: ([UInt8]) throws -> Void)
        throws
    {
        html.open("section", class: "break")
        html.element("h2", text.findingsHeading)
        try rows.write(.findings, &html, to: sink)
        html.close("section")
    }

    static func transitionSection(
        _ report: Report, _ rows: some HTMLRows, _ text: ReportText, _ html: inout HTMLWriter, _ sink: ([UInt8]) throws -> Void
    ) throws {
        html.open("section")
        html.element("h2", text.transitionHeading)
        if report.deadlines.isEmpty {
            html.element("p", text.noDeadlines(report.operationEnd))
        } else {
            html.element("p", text.deadlinesIntro(report.operationEnd, asOf: report.asOf))
            html.table(
                text.deadlineColumns,
                rows: report.deadlines.map { deadline in
                    [
                        deadline.date, "\(deadline.strengthBits)", text.use(deadline.use),
                        "\(text.strengthStatus(deadline.before)) → \(text.strengthStatus(deadline.after))",
                        "\(deadline.affected)" + (deadline.examples.isEmpty ? "" : "\n" + deadline.examples.joined(separator: "\n"))
                            + (deadline.affected > deadline.examples.count ? "\n…" : ""),
                        text.evidence(deadline.evidence),
                    ]
                }, widths: [12, 8, 18, 22, 28, 12])
        }
        if let transition = report.transition {
            html.element("p", text.transitionIntro(transition.date))
            if rows.isEmpty(.changes) {
                html.element("p", text.noTransition)
            } else {
                html.tableStart(text.transitionColumns, widths: [20, 30, 13, 13, 10, 14])
                try rows.write(.changes, &html, to: sink)
                html.tableEnd()
            }
        }
        html.close("section")
    }

    static let stylesheet = """
        @page { size: A4; margin: 16mm 14mm 18mm 14mm; }
        * { box-sizing: border-box; }
        body { font-family: "IPAexGothic", "IPAPGothic", "IPAGothic", "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", "Meiryo", "Helvetica Neue", Arial, sans-serif;
               font-size: 9.5pt; line-height: 1.45; color: #111; margin: 0 auto; max-width: 190mm; }
        h1 { font-size: 18pt; margin: 0 0 2mm; }
        h2 { font-size: 13pt; border-bottom: 1.5pt solid #333; padding-bottom: 1mm; margin: 8mm 0 3mm; break-after: avoid; }
        h3 { font-size: 10.5pt; margin: 5mm 0 2mm; break-after: avoid; word-break: break-all; }
        .subtitle { color: #444; margin: 0 0 5mm; }
        table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; table-layout: auto; }
        table.fixed { table-layout: fixed; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        th, td { border: 0.5pt solid #999; padding: 1mm 1.5mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; white-space: pre-line; }
        th { background: #e8e8e8; }
        table.facts th { width: 35%; }
        .break { break-before: page; page-break-before: always; }
        .status { font-size: 16pt; font-weight: bold; padding: 3mm 4mm; border: 2pt solid; display: inline-block; margin: 1mm 0 3mm; }
        .status.conformant { color: #0a5d1a; border-color: #0a5d1a; }
        .status.conformant-with-conditions { color: #7a5200; border-color: #7a5200; }
        .status.not-conformant { color: #9b1111; border-color: #9b1111; }
        .status.indeterminate { color: #5a2d82; border-color: #5a2d82; }
        .examples { color: #555; font-size: 8.5pt; word-break: break-all; }
        tr.verdict-violation td.v, tr.severity-critical td:first-child, tr.severity-high td:first-child { color: #9b1111; font-weight: bold; }
        tr.verdict-indeterminate td.v { color: #7a5200; font-weight: bold; }
        tr.verdict-pass td.v { color: #0a5d1a; }
        .original { color: #666; font-size: 8pt; margin-top: 0.5mm; }
        .fix { margin-top: 0.8mm; }
        .digest { font-family: "DejaVu Sans Mono", monospace; word-break: break-all; }
        code, .mono { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; word-break: break-all; }
        ul { margin: 1mm 0 3mm 5mm; padding-left: 4mm; }

        """
}
