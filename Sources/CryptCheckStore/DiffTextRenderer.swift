import CryptCheckModel
import Foundation

/// `cryptcheck diff` as text, in English or Japanese: the two sides, then each target that
/// changed or that a side did not scan, with its changes and findings (violations first).
package enum DiffTextRenderer {
    package static func render(_ diff: ScanDiff, japanese: Bool) -> String {
        let words = DiffWords(japanese: japanese)
        var lines: [String] = []
        lines.append("A: \(side(diff.a))")
        lines.append("B: \(side(diff.b))")
        let shown = diff.targets.filter { $0.status != "unchanged" }
        let same = diff.targets.count - shown.count
        if shown.isEmpty {
            lines.append(words.noChange(diff.targets.count))
            return lines.joined(separator: "\n") + "\n"
        }
        for target in shown {
            lines.append("")
            let name = EscapedText.terminalSafe(target.target)
            switch target.status {
            case "not-scanned-in-a", "not-scanned-in-b":
                let side = target.status == "not-scanned-in-a" ? "A" : "B"
                lines.append(
                    "\(name): \(words.notScanned(side))" + (target.reason.map { " (\(EscapedText.terminalSafe($0)))" } ?? ""))
                continue
            default:
                lines.append("\(name):")
            }
            if target.verdictA != target.verdictB {
                lines.append(
                    "  \(words.verdict): \(words.verdictWord(target.verdictA ?? "-")) -> \(words.verdictWord(target.verdictB ?? "-"))")
            }
            for change in target.changes {
                let label = words.field(change.field) + (change.context.map { " (\(EscapedText.terminalSafe($0)))" } ?? "")
                if let sides = change.incompleteIn { lines.append("  \(label): \(words.incomplete(sides))") }
                for value in change.removed { lines.append("  - \(label): \(EscapedText.terminalSafe(value))") }
                for value in change.added { lines.append("  + \(label): \(EscapedText.terminalSafe(value))") }
            }
            for finding in target.newFindings { lines.append("  \(words.new): \(describe(finding, words))") }
            for finding in target.resolvedFindings { lines.append("  \(words.resolved): \(describe(finding, words))") }
            for changed in target.changedFindings {
                lines.append(
                    "  \(words.changedVerdict) \(words.verdictWord(changed.was)) -> \(words.verdictWord(changed.finding.verdict)): \(describe(changed.finding, words))"
                )
            }
        }
        lines.append("")
        lines.append(words.summary(changed: shown.count, unchanged: same))
        return lines.joined(separator: "\n") + "\n"
    }

    static func side(_ side: ScanDiff.Side) -> String {
        var style = Date.ISO8601FormatStyle()
        style.timeZone = TimeZone(identifier: "UTC")!
        return "\(EscapedText.terminalSafe(side.source)) (\(EscapedText.terminalSafe(side.tool)), \(side.observedAt.formatted(style)))"
    }

    static func describe(_ finding: ComparedFinding, _ words: DiffWords) -> String {
        let context = finding.context.map { " [\(EscapedText.terminalSafe($0))]" } ?? ""
        return
            "\(words.verdictWord(finding.verdict)) \(finding.severity) \(finding.component) \(EscapedText.terminalSafe(finding.item))\(context)"
            + (finding.rule.map { " (\(EscapedText.terminalSafe($0)))" } ?? "")
    }
}

/// The words of the diff text in English or Japanese.
struct DiffWords {
    let japanese: Bool

    var verdict: String { japanese ? "判定" : "verdict" }
    var new: String { japanese ? "新たな所見" : "new" }
    var resolved: String { japanese ? "解消した所見" : "resolved" }
    var changedVerdict: String { japanese ? "判定の変わった所見" : "verdict changed" }

    func incomplete(_ sides: [String]) -> String {
        let named = sides.joined(separator: japanese ? "・" : " and ")
        return japanese
            ? "\(named) では列挙が完了していない（見えなかったものが無くなったとは限らない）"
            : "the enumeration did not finish in \(named): what was not seen there is not known to be gone"
    }

    /// A verdict in the text's language.
    func verdictWord(_ verdict: String) -> String {
        guard japanese else { return verdict }
        return switch verdict {
        case "pass": "適合"
        case "violation": "不適合"
        case "indeterminate": "判定不能"
        case "not-applicable": "対象外"
        default: verdict
        }
    }

    func notScanned(_ side: String) -> String { japanese ? "\(side) では走査されていない" : "not scanned in \(side)" }

    func noChange(_ count: Int) -> String {
        japanese ? "変化なし（対象 \(count) 件）" : "no change (\(count) target\(count == 1 ? "" : "s"))"
    }

    func summary(changed: Int, unchanged: Int) -> String {
        japanese
            ? "変化のあった対象 \(changed) 件、変化のない対象 \(unchanged) 件"
            : "\(changed) target\(changed == 1 ? "" : "s") changed or not scanned on one side, \(unchanged) unchanged"
    }

    func field(_ field: String) -> String {
        guard japanese else { return field }
        return switch field {
        case "handshake": "ハンドシェイク"
        case "tls-versions": "TLS バージョン"
        case "cipher-suites": "暗号スイート"
        case "groups": "鍵交換グループ"
        case "signature-schemes": "署名方式"
        case "certificates": "証明書"
        case "keys": "鍵"
        case "file-sha256": "ファイルの SHA-256"
        case "errors": "エラー"
        default: field
        }
    }
}
