import CryptCheckModel
import CryptCheckPolicy

/// Findings as CSV (RFC 4180: CRLF line ends, quoted where needed), one row per finding, for
/// spreadsheets and inventories. Cells that a spreadsheet would run as a formula are prefixed
/// with an apostrophe. With `--lang ja` the header and the verdict, severity, list status,
/// evidence and strength columns are in Japanese; identifiers stay. `declared` is true for a
/// finding about an asset a CycloneDX BOM declared (not observed).
package enum CSVRenderer {
    package static let columns = [
        "subject", "component", "context", "item", "list", "list_status", "verdict", "severity",
        "strength_bits", "required_bits", "as_of", "deciding_primitive", "evidence", "derived", "citation",
        "message", "remediation", "operation_end", "operation_end_given", "strength_status", "strength_use", "strength_deadline",
        "declared",
    ]

    package static func render(_ report: Report, language: ReportLanguage = .en) -> String {
        header(language: language) + rows(report.findings, asOf: report.asOf, operationEnd: report.operationEnd, language: language)
    }

    /// The header row in `language`.
    static func header(language: ReportLanguage) -> String {
        row(language == .ja ? TextWords.csvColumnsJapanese : columns)
    }

    /// The rows of some findings judged as of `asOf` for `operationEnd`.
    static func rows(_ findings: [Finding], asOf: String, operationEnd: OperationEnd, language: ReportLanguage = .en) -> String {
        let words = TextWords(language)
        var out = ""
        for finding in findings {
            let citation =
                finding.basis.map { "\($0.revision)" + ($0.category.map { " \($0)" } ?? "") }
                ?? finding.decidingCitation.map { cited in
                    cited.revision + (cited.category.map { " \($0)" } ?? "") + (cited.technique.map { ": \($0)" } ?? "")
                } ?? ""
            let verdict: String = words.ja ? words.verdict(finding.verdict) : finding.verdict.rawValue
            let judged: [String] = [
                finding.subject, finding.component.rawValue, finding.context ?? "", finding.item, finding.list,
                words.listStatus(finding.listStatus), verdict, words.severity(finding.severity),
            ]
            let strength: [String] = [
                finding.strength.map { String($0.strengthBits) } ?? "", finding.strength.map { String($0.requiredBits) } ?? "",
                finding.strength?.asOf ?? asOf, finding.decidingPrimitive?.rawValue ?? "", words.evidence(finding.evidence),
                finding.derived ? "true" : "false", citation, finding.message,
                (words.ja ? words.report.remediation(finding) : finding.remediation) ?? "",
            ]
            let operation: [String] = [
                operationEnd.date, operationEnd.given ? "true" : "false", finding.strength.map { words.strengthStatus($0.status) } ?? "",
                finding.strength.map { words.strengthUse($0.use) } ?? "", finding.strength?.deadline ?? "",
                // Declared in a CycloneDX BOM, not observed.
                finding.declared == true ? "true" : "false",
            ]
            out += row(judged + strength + operation)
        }
        return out
    }

    /// The columns of `cryptcheck lists diff --format csv`.
    package static let diffColumns = ["from", "to", "kind", "primitive", "technique", "change", "details"]

    /// A list diff as CSV: one row per entry added, removed or changed (its details joined by
    /// "; "), then one per recorded absence and per curve coverage change.
    package static func diff(_ diff: ListDiff) -> String {
        var out = row(diffColumns)
        for change in diff.changes {
            out += row([
                diff.from, diff.to, "entry", change.primitive.rawValue, change.technique, change.change,
                change.details.joined(separator: "; "),
            ])
        }
        for absence in diff.absenceChanges { out += row([diff.from, diff.to, "absence", "", "", "", absence]) }
        for curve in diff.curveChanges { out += row([diff.from, diff.to, "curve", "", "", "", curve]) }
        return out
    }

    static func row(_ cells: [String]) -> String {
        cells.map(escape).joined(separator: ",") + "\r\n"
    }

    static func escape(_ cell: String) -> String {
        // Control and bidirectional characters from files and servers become visible escapes.
        var value = EscapedText.terminalSafe(cell)
        if let first = value.first,
            "=+@\t\r".contains(first) || (first == "-" && value.count > 1 && !value.dropFirst().allSatisfy(\.isNumber))
        {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
