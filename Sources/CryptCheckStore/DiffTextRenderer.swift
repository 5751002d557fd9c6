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
        if let inventory = diff.inventory { return inventoryLines(inventory, lines: lines, words: words) }
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

    /// A declared inventory against an observed one: used but not declared, declared but not
    /// seen, then what could not be compared.
    static func inventoryLines(_ inventory: InventoryDiff, lines: [String], words: DiffWords) -> String {
        var lines = lines
        let observed = inventory.declared == "A" ? "B" : "A"
        lines.append(words.declaredSide(inventory.declared, observed: observed))
        func section(_ title: String, _ values: [InventoryDiff.Value]) {
            lines.append("")
            lines.append("\(title) (\(values.count)):")
            if values.isEmpty { lines.append("  " + words.noneWord) }
            for value in values { lines.append("  \(words.inventoryField(value.field)): \(EscapedText.terminalSafe(value.value))") }
        }
        section(words.usedNotDeclared, inventory.usedNotDeclared)
        section(words.declaredNotSeen, inventory.declaredNotSeen)
        if !inventory.notJudged.isEmpty {
            lines.append("")
            lines.append("\(words.notJudged) (\(inventory.notJudged.count)):")
            for entry in inventory.notJudged { lines.append("  " + EscapedText.terminalSafe(entry)) }
        }
        if !inventory.notScanned.isEmpty {
            lines.append("")
            lines.append("\(words.notScannedObserved) (\(inventory.notScanned.count)):")
            for entry in inventory.notScanned { lines.append("  " + EscapedText.terminalSafe(entry)) }
        }
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
