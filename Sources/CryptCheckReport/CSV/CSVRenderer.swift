import CryptCheckModel
import CryptCheckPolicy

/// Findings as CSV (RFC 4180: CRLF line ends, quoted where needed), one row per finding, for
/// spreadsheets and inventories. Cells that a spreadsheet would run as a formula are prefixed
/// with an apostrophe.
public enum CSVRenderer {
    public static let columns = [
        "subject", "component", "context", "item", "list", "list_status", "verdict", "severity",
        "strength_bits", "required_bits", "as_of", "deciding_primitive", "evidence", "derived", "citation",
        "message", "remediation", "operation_end", "operation_end_given", "strength_status", "strength_use", "strength_deadline",
    ]

    public static func render(_ report: Report) -> String {
        row(columns) + rows(report.findings, asOf: report.asOf, operationEnd: report.operationEnd)
    }

    /// The rows of some findings judged as of `asOf` for `operationEnd`.
    static func rows(_ findings: [Finding], asOf: String, operationEnd: OperationEnd) -> String {
        var out = ""
        for finding in findings {
            let citation =
                finding.basis.map { "\($0.revision)" + ($0.category.map { " \($0)" } ?? "") }
                ?? finding.decidingCitation.map { cited in
                    cited.revision + (cited.category.map { " \($0)" } ?? "") + (cited.technique.map { ": \($0)" } ?? "")
                } ?? ""
            out += row([
                finding.subject, finding.component.rawValue, finding.context ?? "", finding.item, finding.list,
                finding.listStatus.rawValue, finding.verdict.rawValue, finding.severity.rawValue,
                finding.strength.map { String($0.strengthBits) } ?? "", finding.strength.map { String($0.requiredBits) } ?? "",
                finding.strength?.asOf ?? asOf, finding.decidingPrimitive?.rawValue ?? "", finding.evidence.rawValue,
                finding.derived ? "true" : "false", citation, finding.message, finding.remediation ?? "",
                operationEnd.date, operationEnd.given ? "true" : "false", finding.strength?.status.rawValue ?? "",
                finding.strength?.use.rawValue ?? "", finding.strength?.deadline ?? "",
            ])
        }
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
