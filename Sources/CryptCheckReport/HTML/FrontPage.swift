import CryptCheckModel
import CryptCheckPolicy

/// The report's first page, for the officer who signs it: the verdict and why, the scope, a
/// chart of what was found by component and severity, and the actions, one per distinct fix
/// with the targets it affects, what was observed there and the configuration that does it.
/// Then the table of contents.
enum FrontPage {
    static func cover(_ report: Report, _ text: ReportText, _ html: inout HTMLWriter) {
        html.open("header", class: "cover")
        html.element("h1", text.title)
        html.element("p", text.subtitle, class: "subtitle")
        pairs(
            [
                (text.systemName, report.system.name ?? text.notGiven), (text.reference, report.system.reference ?? text.notGiven),
                (text.evaluator, report.system.evaluator ?? text.notGiven), (text.evaluationDate, text.timestamp(report.generatedAt)),
                (text.tool, "\(report.tool.name) \(report.tool.version)"),
            ], &html)
        html.close("header")
    }

    /// Labels and values two to a row.
    static func pairs(_ values: [(String, String)], _ html: inout HTMLWriter) {
        html.open("table", class: "facts pairs")
        html.raw(
            "<colgroup><col style=\"width:15%\"><col style=\"width:35%\"><col style=\"width:15%\"><col style=\"width:35%\"></colgroup>\n")
        var index = 0
        while index < values.count {
            html.open("tr")
            for (label, value) in values[index..<min(index + 2, values.count)] {
                html.element("th", label)
                html.element("td", value)
            }
            if index + 1 == values.count { html.raw("<td colspan=\"2\"></td>") }
            html.close("tr")
            index += 2
        }
        html.close("table")
    }

    /// The scope in one table: what was scanned, against which documents, as of when, for how long.
    static func scope(_ report: Report, _ rows: some HTMLRows, _ text: ReportText, _ html: inout HTMLWriter) {
        html.element("h3", text.scopeSummaryHeading)
        var values: [(String, String)] = [
            (text.endpoints, text.count(rows.endpointCount, of: text.endpointUnit)),
            (text.files, text.count(rows.fileCount, of: text.fileUnit)),
            (text.asOfDate, text.day(report.asOf)), (text.operationEnd, text.operationEndValue(report.operationEnd)),
        ]
        if !report.unscanned.isEmpty { values.append((text.unscanned, text.count(report.unscanned.count, of: text.targetUnit))) }
        pairs(values, &html)
        html.open("table", class: "facts")
        html.raw("<tr><th>")
        html.text(text.listsShort)
        html.raw("</th><td>")
        for (index, list) in report.lists.enumerated() {
            if index > 0 { html.text(text.pick("、", ", ")) }
            html.raw("<span class=\"nowrap\">")
            html.text(list.revision)
            html.raw("</span>")
            html.text(text.pick("（\(text.evidence(list.evidence))）", " (\(text.evidence(list.evidence)))"))
        }
        html.raw("</td></tr>\n<tr><th>")
        html.text(text.paths)
        html.raw("</th><td>")
        html.text(report.scope.paths.isEmpty ? text.none : report.scope.paths.joined(separator: ", "))
        html.raw("</td></tr>\n")
        html.close("table")
    }

    static func chart(_ rows: some HTMLRows, _ text: ReportText, _ html: inout HTMLWriter) {
        html.element("h3", text.chartHeading)
        SummaryChart.render(rows.tally.merged, text, &html)
    }

    /// One item per distinct fix.
    static func actions(_ report: Report, _ rows: some HTMLRows, _ text: ReportText, _ html: inout HTMLWriter) {
        let actions = rows.tally.actions
        html.element("h3", text.actionsHeading(actions.count))
        guard !actions.isEmpty else {
            html.element("p", text.noActions)
            return
        }
        // Numbered in the text, not by list markers: `report verify` compares a PDF's text with
        // the page's text, and a marker is not part of it.
        html.open("ol", class: "actions")
        for (number, action) in actions.enumerated() {
            html.raw("<li><span class=\"number\">\(number + 1).</span> ")
            html.raw("<span class=\"action\">")
            html.text(RemediationConfig.heading(action.code, report.configuration, text))
            html.raw("</span> <span class=\"affects\">")
            html.text(text.affects(action))
            html.raw("</span>\n")
            html.open("ul", class: "observed")
            for target in action.examples {
                html.raw("<li><span class=\"subject\">")
                html.text(target.subject)
                html.raw("</span>")
                if !target.items.isEmpty {
                    html.text(text.pick("：", ": "))
                    for (index, item) in target.items.enumerated() {
                        if index > 0 { html.raw(", ") }
                        html.raw("<code>")
                        unbroken(item, &html)
                        html.raw("</code>")
                    }
                    if target.moreItems > 0 { html.text(text.more(target.moreItems)) }
                }
                html.raw("</li>\n")
            }
            if action.moreTargets > 0 { html.element("li", text.moreTargets(action.moreTargets)) }
            html.close("ul")
            let blocks = RemediationConfig.blocks(action.code, report.configuration)
            if !blocks.isEmpty {
                html.open("table", class: "config")
                for block in blocks {
                    html.raw("<tr><th>")
                    html.text(block.system)
                    html.raw("</th><td>")
                    for (index, line) in block.lines.enumerated() {
                        if index > 0 { html.raw("<br>") }
                        code(line, &html)
                    }
                    html.raw("</td></tr>\n")
                }
                html.close("table")
            }
            html.raw("</li>\n")
        }
        html.close("ol")
    }

    /// A configuration line as code that wraps only after a separator (a space, `:`, `,`),
    /// never inside a name (a browser would break after a hyphen).
    static func code(_ line: String, _ html: inout HTMLWriter) {
        html.raw("<code class=\"line\">")
        unbroken(line, &html)
        html.raw("</code>")
    }

    /// `value` with each word kept on one line, a line break allowed after each separator.
    static func unbroken(_ value: String, _ html: inout HTMLWriter) {
        var word = ""
        func flush(_ separator: Character?) {
            if !word.isEmpty {
                html.raw("<span class=\"nowrap\">")
                html.text(word)
                html.raw("</span>")
                word = ""
            }
            if let separator {
                html.text(String(separator))
                if separator != " " { html.raw("<wbr>") }
            }
        }
        for character in value {
            if character == " " || character == ":" || character == "," { flush(character) } else { word.append(character) }
        }
        flush(nil)
    }

    /// The sections of the report, linked.
    /// `pages`: the page each section starts on in the printed copy (the PDF), by section id.
    static func contents(_ entries: [(id: String, title: String)], pages: [String: Int], _ text: ReportText, _ html: inout HTMLWriter) {
        html.open("nav", class: "toc")
        html.element("h2", text.contentsHeading)
        html.open("ol")
        for entry in entries {
            html.raw("<li><a href=\"#\(entry.id)\">")
            html.text(entry.title)
            html.raw("</a>")
            if let page = pages[entry.id] { html.raw("<span class=\"leader\"></span><span class=\"page\">\(page)</span>") }
            html.raw("</li>\n")
        }
        html.close("ol")
        html.close("nav")
    }
}
