import CryptCheckModel
import CryptCheckPolicy

/// The procurement pre-approval report as one self-contained HTML file (no scripts run, no
/// fetches; the report data rides along as inert JSON so a copy can be verified), laid out for
/// A4 printing: the verdict first, section breaks before the long tables, table headers
/// repeated on every page and rows kept whole.
package enum HTMLReportRenderer {
    /// `pages`: the page each section starts on in the printed copy, by section id, shown in
    /// the table of contents (none for the HTML file itself).
    package static func render(_ report: Report, language: ReportLanguage, pages: [String: Int] = [:]) throws -> String {
        var bytes: [UInt8] = []
        try write(report, language: language, pages: pages) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Hands the report's HTML to `sink` in pieces, in order: the page, then the report data
    /// (hundreds of megabytes for a large file scan) piece by piece as it is encoded and made
    /// script-safe, never copied whole into a String.
    package static func write(
        _ report: Report, language: ReportLanguage, pages: [String: Int] = [:], to sink: ([UInt8]) throws -> Void
    ) throws {
        let text = ReportText(language: language)
        try write(
            report, rows: ReportRows(report: report, text: text), text: text, pages: pages,
            data: { try JSONRenderer.write(report, pretty: true, to: $0) }, to: sink)
    }

    /// The page of `report` with its growing parts taken from `rows` (for a streamed report,
    /// `report` is the skeleton whose arrays are empty), then `data`, the report JSON `data`
    /// hands to its sink, made script-safe. The whole report and a streamed one go through
    /// here, so the same report gives the same bytes either way.
    static func write(
        _ report: Report, rows: some HTMLRows, text: ReportText, pages: [String: Int] = [:],
        data: @escaping (_ sink: ([UInt8]) throws -> Void) throws -> Void, to sink: ([UInt8]) throws -> Void
    ) throws {
        var html = HTMLWriter()
        html.raw("<!DOCTYPE html>\n<html lang=\"\(text.language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n")
        html.raw("<meta name=\"generator\" content=\"\(escape(report.tool.name)) \(escape(report.tool.version))\">\n")
        html.element("title", text.title + (report.system.name.map { " — \($0)" } ?? ""))
        html.raw("\n<style>\n\(stylesheet)\(running(report, text))</style>\n</head>\n<body>\n")
        FrontPage.cover(report, text, &html)
        try verdictSection(report, rows, text, &html, sink)
        FrontPage.contents(contents(report, rows, text), pages: pages, text, &html)
        listsSection(report, rows, text, &html)
        try scopeSection(report, rows, text, &html, sink)
        try profilesSection(rows, text, &html, sink)
        try violationsSection(rows, text, &html, sink)
        try conditionsSection(rows, text, &html, sink)
        countsSection(rows, text, &html)
        try transitionSection(report, rows, text, &html, sink)
        try passesSection(rows, text, &html, sink)
        try EvidenceHTML.appendix(rows, text, &html, sink)
        html.raw("<section class=\"integrity\" id=\"integrity\">\n")
        html.element("h2", text.integrityHeading)
        html.raw("<p>")
        html.text(text.digestBefore)
        html.raw("<code>")
        html.text(text.verifyCommand)
        html.raw("</code>")
        html.text(text.digestAfter)
        html.raw("</p>\n")
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
    package static func embeddedData(in html: String) -> String? {
        guard let start = html.range(of: "<script type=\"application/json\" id=\"cryptcheck-report-data\">\n"),
            let end = html.range(of: "</script>", range: start.upperBound..<html.endIndex)
        else { return nil }
        return String(html[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "<\\/", with: "</")
    }

    // MARK: sections

    static func verdictSection(
        _ report: Report, _ rows: some HTMLRows, _ text: ReportText, _ html: inout HTMLWriter, _ sink: ([UInt8]) throws -> Void
    ) throws {
        html.raw("<section class=\"verdict\" id=\"verdict\">\n")
        html.element("h2", text.overallVerdict)
        html.element("p", text.status(report.verdict.status), class: "status \(report.verdict.status.rawValue)")
        html.open("ul", class: "reasons")
        for reason in report.verdict.reasons { html.element("li", text.reason(reason)) }
        if report.verdict.reasons.isEmpty { html.element("li", text.none) }
        html.close("ul")
        // A vendor's CBOM is what the vendor says, not what was seen: said before anything else.
        if rows.tally.declared > 0 {
            html.element("p", text.declaredBasis(rows.tally.declared, of: rows.tally.findings), class: "declared")
        }
        if !rows.isEmpty(.unobserved) {
            html.element("h3", text.noHandshake)
            html.open("ul", class: "unobserved")
            try rows.write(.unobserved, &html, to: sink)
            html.close("ul")
        }
        FrontPage.scope(report, rows, text, &html)
        FrontPage.chart(rows, text, &html)
        FrontPage.actions(report, rows, text, &html)
        html.close("section")
    }

    /// The table of contents: every section the page has, in order.
    static func contents(_ report: Report, _ rows: some HTMLRows, _ text: ReportText) -> [(id: String, title: String)] {
        var entries: [(id: String, title: String)] = [
            ("verdict", text.overallVerdict), ("lists", text.listsHeading), ("scope", text.scopeHeading),
        ]
        if !rows.isEmpty(.profiles) { entries.append(("profiles", text.profilesHeading)) }
        entries += [
            ("violations", text.violationsHeading), ("conditions", text.conditionsHeading), ("counts", text.countsHeading),
            ("transition", text.transitionHeading), ("passes", text.passesHeading), ("evidence", text.appendixHeading),
            ("integrity", text.integrityHeading),
        ]
        return entries
    }

    /// The running header and footer of every printed page: the system and reference, the page
    /// number and count (CSS margin boxes).
    static func running(_ report: Report, _ text: ReportText) -> String {
        let name = [report.system.name, report.system.reference].compactMap { $0 }.joined(separator: " — ")
        return "@page { @top-left { content: \"\(cssString(text.title))\"; font-size: 7.5pt; color: #555; }"
            + " @top-right { content: \"\(cssString(name))\"; font-size: 7.5pt; color: #555; }"
            + " @bottom-center { content: counter(page) \" / \" counter(pages); font-size: 8pt; }"
            + " @bottom-right { content: \"\(cssString(text.statusLine(report.verdict.status)))\"; font-size: 7.5pt; color: #555; } }\n"
    }

    /// `value` as the inside of a CSS string in a `<style>` element: no quote, backslash, line
    /// break or `<` can end it or the element.
    static func cssString(_ value: String) -> String {
        var out = ""
        for scalar in EscapedText.terminalSafeLines(value).unicodeScalars {
            if scalar == "\"" || scalar == "\\" || scalar == "<" || scalar == ">" || scalar == "&" || scalar.value < 0x20
                || scalar.value == 0x7F
            {
                out += "\\" + String(scalar.value, radix: 16) + " "
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
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

    static func listsSection(_ report: Report, _ rows: some HTMLRows, _ text: ReportText, _ html: inout HTMLWriter) {
        html.raw("<section class=\"break\" id=\"lists\">\n")
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
        basis(report, rows, text, &html)
        html.close("section")
    }

    static func scopeSection(
        _ report: Report, _ rows: some HTMLRows, _ text: ReportText, _ html: inout HTMLWriter, _ sink: ([UInt8]) throws -> Void
    ) throws {
        html.raw("<section id=\"scope\">\n")
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
            for target in report.unscanned { html.element("li", "\(target.target): \(text.unscannedReason(target))") }
            html.close("ul")
        }
        html.close("section")
    }

    static func profilesSection(_ rows: some HTMLRows, _ text: ReportText, _ html: inout HTMLWriter, _ sink: ([UInt8]) throws -> Void)
        throws
    {
        guard !rows.isEmpty(.profiles) else { return }
        html.raw("<section id=\"profiles\">\n")
        html.element("h2", text.profilesHeading)
        html.tableStart(text.profileColumns, widths: [17, 17, 10, 56])
        try rows.write(.profiles, &html, to: sink)
        html.tableEnd()
        html.close("section")
    }

    static func violationsSection(_ rows: some HTMLRows, _ text: ReportText, _ html: inout HTMLWriter, _ sink: ([UInt8]) throws -> Void)
        throws
    {
        try findingsSection(
            "<section class=\"break\" id=\"violations\">\n", heading: text.violationsHeading, none: text.noViolations,
            columns: text.violationColumns, widths: [7, 16, 27, 32, 18], rows, .violations, &html, sink)
    }

    static func conditionsSection(_ rows: some HTMLRows, _ text: ReportText, _ html: inout HTMLWriter, _ sink: ([UInt8]) throws -> Void)
        throws
    {
        try findingsSection(
            "<section id=\"conditions\">\n", heading: text.conditionsHeading, none: text.noConditions,
            columns: text.conditionColumns, widths: [16, 27, 9, 30, 18], rows, .conditions, &html, sink)
    }

    /// A section of the body holding one group of rows in a dense table, or a line saying
    /// there are none.
    private static func findingsSection<Rows: HTMLRows>(
        _ opening: String, heading: String, none: String, columns: [String], widths: [Int], _ rows: Rows, _ group: HTMLPart,
        _ html: inout HTMLWriter, _ sink: ([UInt8]) throws -> Void
    ) throws {
        html.raw(opening)
        html.element("h2", heading)
        if rows.isEmpty(group) {
            html.element("p", none)
        } else {
            html.tableStart(columns, widths: widths, dense: true)
            try rows.write(group, &html, to: sink)
            html.tableEnd()
        }
        html.close("section")
    }

    /// The findings counted by component and verdict: the passes are only counted in the body.
    static func countsSection(_ rows: some HTMLRows, _ text: ReportText, _ html: inout HTMLWriter) {
        html.raw("<section id=\"counts\">\n")
        html.element("h2", text.countsHeading)
        html.element("p", text.countsIntro)
        let side = rows.tally.merged
        var total = ReportTally.Counts()
        var cells: [[String]] = []
        for component in side.components {
            guard let counts = side.counts[component] else { continue }
            total.add(counts)
            cells.append(row(text.component(component), counts))
        }
        cells.append(row(text.total, total))
        html.table(text.countColumns, rows: cells, widths: [30, 14, 14, 14, 14, 14])
        html.close("section")
    }

    private static func row(_ label: String, _ counts: ReportTally.Counts) -> [String] {
        [
            label, "\(counts.pass)", "\(counts.conditional)", "\(counts.violationCount)", "\(counts.indeterminate)",
            "\(counts.notApplicable)",
        ]
    }

    static func passesSection(_ rows: some HTMLRows, _ text: ReportText, _ html: inout HTMLWriter, _ sink: ([UInt8]) throws -> Void) throws
    {
        html.raw("<section class=\"break\" id=\"passes\">\n")
        html.element("h2", text.passesHeading)
        if rows.isEmpty(.passes) {
            html.element("p", text.none)
        } else {
            html.tableStart(text.passColumns, widths: [15, 28, 7, 18, 32], dense: true)
            try rows.write(.passes, &html, to: sink)
            html.tableEnd()
        }
        html.close("section")
    }

    static func transitionSection(
        _ report: Report, _ rows: some HTMLRows, _ text: ReportText, _ html: inout HTMLWriter, _ sink: ([UInt8]) throws -> Void
    ) throws {
        html.raw("<section id=\"transition\">\n")
        html.element("h2", text.transitionHeading)
        if report.deadlines.isEmpty {
            html.element("p", text.noDeadlines(report.operationEnd))
        } else {
            html.element("p", text.deadlinesIntro(report.operationEnd, asOf: report.asOf))
            html.table(
                text.deadlineColumns,
                rows: report.deadlines.map { deadline in
                    [
                        text.day(deadline.date), "\(deadline.strengthBits)", text.use(deadline.use),
                        "\(text.strengthStatus(deadline.before)) → \(text.strengthStatus(deadline.after))",
                        "\(deadline.affected)" + (deadline.examples.isEmpty ? "" : "\n" + deadline.examples.joined(separator: "\n"))
                            + (deadline.affected > deadline.examples.count ? "\n…" : ""),
                        text.evidence(deadline.evidence),
                    ]
                }, widths: [12, 8, 18, 22, 28, 12])
        }
        if let transition = report.transition {
            html.element("p", text.transitionIntro(text.day(transition.date)))
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
        @page { size: A4; margin: 16mm 14mm 16mm 14mm; }
        * { box-sizing: border-box; }
        body { font-family: "IPAexGothic", "IPAPGothic", "IPAGothic", "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", "Meiryo", "Helvetica Neue", Arial, sans-serif;
               font-size: 9.5pt; line-height: 1.45; color: #111; margin: 0 auto; max-width: 190mm; }
        h1 { font-size: 18pt; margin: 0 0 2mm; }
        h2 { font-size: 13pt; border-bottom: 1.5pt solid #333; padding-bottom: 1mm; margin: 8mm 0 3mm; break-after: avoid; }
        h3 { font-size: 10.5pt; margin: 4mm 0 1.5mm; break-after: avoid; overflow-wrap: break-word; }
        .subtitle { color: #444; margin: 0 0 5mm; }
        table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; table-layout: auto; }
        table.fixed { table-layout: fixed; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        th, td { border: 0.5pt solid #999; padding: 1mm 1.5mm; vertical-align: top; text-align: left; overflow-wrap: break-word; white-space: pre-line; }
        th { background: #e8e8e8; }
        table.facts th { width: 35%; }
        .break { break-before: page; page-break-before: always; }
        .status { font-size: 16pt; font-weight: bold; padding: 3mm 4mm; border: 2pt solid; display: inline-block; margin: 1mm 0 3mm; }
        .status.conformant { color: #0a5d1a; border-color: #0a5d1a; }
        .status.conformant-with-conditions { color: #7a5200; border-color: #7a5200; }
        .status.not-conformant { color: #9b1111; border-color: #9b1111; }
        .status.indeterminate { color: #5a2d82; border-color: #5a2d82; }
        tr.verdict-violation td.v, tr.severity-critical td:first-child, tr.severity-high td:first-child { color: #9b1111; font-weight: bold; }
        tr.verdict-indeterminate td.v { color: #7a5200; font-weight: bold; }
        tr.verdict-pass td.v { color: #0a5d1a; }
        .original { color: #666; font-size: 8pt; margin-top: 0.5mm; }
        .fix { margin-top: 0.8mm; }
        .digest { font-family: "DejaVu Sans Mono", monospace; overflow-wrap: break-word; }
        code, .mono { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; }
        .mono { overflow-wrap: break-word; }
        ul { margin: 1mm 0 3mm 5mm; padding-left: 4mm; }
        header.cover table.facts, section.verdict table.facts { margin: 0.5mm 0 1mm; table-layout: fixed; font-size: 8.5pt; }
        header.cover table.facts th, section.verdict table.facts th { width: 15%; padding: 0.4mm 1.2mm; }
        header.cover table.facts td, section.verdict table.facts td { padding: 0.4mm 1.2mm; }
        header.cover h1 { font-size: 15pt; margin: 0; }
        .subtitle { margin: 0 0 1mm; font-size: 8.5pt; }
        section.verdict h2 { margin-top: 2mm; }
        section.verdict h3 { margin: 2mm 0 0.8mm; font-size: 9.5pt; }
        section.verdict .status { margin: 0 0 1mm; font-size: 14pt; padding: 1.5mm 3mm; }
        ul.reasons { margin: 0 0 1mm 0; overflow: hidden; font-size: 8.5pt; }
        section.verdict h3, section.verdict table { clear: both; }
        .nowrap { white-space: nowrap; }
        table.dense { font-size: 7.8pt; line-height: 1.3; }
        table.dense th, table.dense td { padding: 0.5mm 1mm; }
        table.dense code { font-size: 7pt; }
        svg.chart { display: block; max-height: 44mm; max-width: 100%; margin: 0 0 1mm; }
        ol.actions { margin: 0.5mm 0 2mm 0; padding-left: 0; list-style: none; font-size: 8.5pt; }
        ol.actions > li { margin-bottom: 1.2mm; }
        .action { font-weight: bold; }
        .affects { color: #333; }
        ul.observed { margin: 0.3mm 0 0.5mm 2mm; padding-left: 3mm; font-size: 8.5pt; }
        ul.observed code { font-size: 7.5pt; word-break: normal; overflow-wrap: normal; }
        .subject { font-weight: bold; }
        table.config { margin: 0.5mm 0 0; table-layout: fixed; }
        table.config th { width: 22mm; font-weight: normal; font-size: 7.5pt; background: #f0f0f0; white-space: normal; }
        table.config td { white-space: normal; }
        code.line { font-size: 7pt; word-break: normal; overflow-wrap: normal; white-space: normal; }
        td code { word-break: normal; overflow-wrap: break-word; }
        nav.toc { break-before: page; page-break-before: always; }
        nav.toc ol { font-size: 11pt; line-height: 1.9; list-style: none; padding-left: 0; }
        nav.toc a { color: #111; text-decoration: none; }
        nav.toc li { display: flex; align-items: baseline; }
        nav.toc .leader { flex: 1; border-bottom: 1px dotted #999; margin: 0 2mm; }

        """
}
