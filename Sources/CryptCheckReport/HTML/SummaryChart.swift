import CryptCheckModel
import CryptCheckPolicy

/// The first page's chart, as inline SVG (no script, no fetch): per component, a bar of its
/// violations by severity, its undecided findings and its conditional passes; the passes are
/// counted beside it.
enum SummaryChart {
    /// The bar segments, worst first, with their colours (the tests look for these in the page's
    /// screenshot).
    static let critical = "#7a0010", high = "#d0312d", medium = "#f08c00", low = "#e6c200", undecided = "#6f42c1",
        conditional = "#1c7ed6"

    /// Components shown; the rest are added up on one more row.
    static let rowsShown = 9

    static func render(_ side: ReportTally.Side, _ text: ReportText, _ html: inout HTMLWriter) {
        struct Row {
            var label: String
            var segments: [Int]
            var pass: Int
        }
        func segments(_ counts: ReportTally.Counts) -> [Int] {
            let bySeverity = Severity.allCases.reversed().filter { $0 > .info }.map {
                counts.violations[Severity.allCases.firstIndex(of: $0)!]
            }
            return bySeverity + [counts.indeterminate, counts.conditional]
        }
        var rows = side.components.compactMap { component -> Row? in
            guard let counts = side.counts[component] else { return nil }
            let parts = segments(counts)
            guard parts.reduce(0, +) > 0 else { return nil }
            return Row(label: text.component(component), segments: parts, pass: counts.pass)
        }
        if rows.count > rowsShown {
            let rest = rows[rowsShown...]
            var other = Row(label: text.pick("その他", "other"), segments: Array(repeating: 0, count: rows[0].segments.count), pass: 0)
            for row in rest {
                for index in row.segments.indices { other.segments[index] += row.segments[index] }
                other.pass += row.pass
            }
            rows = Array(rows.prefix(rowsShown)) + [other]
        }
        let colours = [critical, high, medium, low, undecided, conditional]
        let names = [
            text.severity(.critical), text.severity(.high), text.severity(.medium), text.severity(.low),
            text.verdict(.indeterminate), text.pick("条件付き", "conditional"),
        ]
        let width = 720, labelWidth = 150, countWidth = 120, rowHeight = 15, top = 20
        let barWidth = width - labelWidth - countWidth
        let height = top + max(rows.count, 1) * rowHeight + 6
        let largest = max(1, rows.map { $0.segments.reduce(0, +) }.max() ?? 1)
        html.raw(
            "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" aria-label=\""
        )
        html.text(text.chartHeading)
        html.raw("\">\n")
        // The legend.
        var x = 0
        for (colour, name) in zip(colours, names) {
            html.raw("<rect x=\"\(x)\" y=\"3\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>")
            html.raw("<text x=\"\(x + 14)\" y=\"12\" font-size=\"10\">")
            html.text(name)
            html.raw("</text>")
            x += 22 + name.count * (name.allSatisfy(\.isASCII) ? 7 : 12)
        }
        html.raw("\n")
        if rows.isEmpty {
            html.raw("<text x=\"0\" y=\"\(top + 12)\" font-size=\"11\">")
            html.text(text.pick("不適合・判定不能・条件付きの項目はない", "no violation, undecided item or condition"))
            html.raw("</text>\n")
        }
        for (index, row) in rows.enumerated() {
            let y = top + index * rowHeight
            html.raw("<text x=\"\(labelWidth - 6)\" y=\"\(y + 12)\" font-size=\"11\" text-anchor=\"end\">")
            html.text(row.label)
            html.raw("</text>")
            var offset = labelWidth
            for (count, colour) in zip(row.segments, colours) where count > 0 {
                let length = max(2, count * barWidth / largest)
                html.raw("<rect x=\"\(offset)\" y=\"\(y + 2)\" width=\"\(length)\" height=\"\(rowHeight - 5)\" fill=\"\(colour)\"/>")
                offset += length
            }
            html.raw("<text x=\"\(offset + 4)\" y=\"\(y + 12)\" font-size=\"10\">")
            html.text(row.segments.reduce(0, +).description + text.pick(" 件（適合 \(row.pass)）", " (\(row.pass) pass)"))
            html.raw("</text>\n")
        }
        html.raw("</svg>\n")
    }
}
