import CryptCheckModel
import CryptCheckPolicy

/// The closing summary of `cryptcheck scan`: what was walked, what it held, what was skipped.
package enum ScanSummaryTextRenderer {
    package static func render(_ summary: ScanSummary, unscanned: [UnscannedTarget], language: ReportLanguage = .en) -> String {
        let words = TextWords(language)
        let separator = words.pick("、", ", ")
        var out = words.pick(
            "走査: ファイル \(summary.filesWalked) 件、暗号資材を含むもの \(summary.cryptoFiles) 件、含まないもの \(summary.otherFiles) 件",
            "Scan: \(summary.filesWalked) files walked, \(summary.cryptoFiles) with cryptographic material, \(summary.otherFiles) without")
        if summary.excluded > 0 { out += words.pick("、除外 \(summary.excluded) 件", ", \(summary.excluded) excluded") }
        if summary.symlinksNotFollowed > 0 {
            out += words.pick(
                "、たどらなかったシンボリックリンク \(summary.symlinksNotFollowed) 件（--follow-symlinks）",
                ", \(summary.symlinksNotFollowed) symlinks not followed (--follow-symlinks)")
        }
        if summary.specialFiles > 0 { out += words.pick("、特殊ファイル \(summary.specialFiles) 件", ", \(summary.specialFiles) special files") }
        out += "\n"
        if !summary.itemsByKind.isEmpty {
            out +=
                words.pick("種類別の項目: ", "Items by kind: ")
                + summary.itemsByKind.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: separator) + "\n"
        }
        if !summary.itemsByAlgorithm.isEmpty {
            out +=
                words.pick("アルゴリズム別の鍵: ", "Keys by algorithm: ")
                + summary.itemsByAlgorithm.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                .map { "\($0.value) \($0.key)" }.joined(separator: separator) + "\n"
        }
        if let snippets = summary.unparsedSnippets, snippets > 0 {
            out += words.pick(
                "解析できない記載例: \(snippets) 件（文書やソースコード中の例示。一覧に載せ、判定しない）\n",
                "Unparsed snippets: \(snippets) (example blocks in documentation or source files; listed, not judged)\n")
        }
        if summary.filesWithErrors > 0 {
            out += words.pick(
                "壊れた部分のあるファイル: \(summary.filesWithErrors) 件（判定不能の所見を参照）\n",
                "Files with broken parts: \(summary.filesWithErrors) (see INDETERMINATE findings)\n")
        }
        if !unscanned.isEmpty {
            out += words.pick("走査できなかったもの（\(unscanned.count) 件）:\n", "Not scanned (\(unscanned.count)):\n")
            for target in unscanned { out += EscapedText.terminalSafe("  \(target.target): \(target.reason)") + "\n" }
        }
        return out
    }
}

/// The JSON document of `cryptcheck scan --format json`.
package struct ScanReport: Codable, Sendable {
    /// `cryptcheck-scan/2`: published as `Schemas/cryptcheck-scan-2.schema.json`.
    package static let currentSchema = "cryptcheck-scan/2"

    package var schema: String
    package var scan: ScanSummary
    package var evaluation: Evaluation
    /// Every file that held cryptographic material, with its items (absent in documents
    /// written before it was added).
    package var files: [FileObservation]?
    package init(scan: ScanSummary, evaluation: Evaluation, files: [FileObservation]? = nil) {
        self.schema = Self.currentSchema
        self.scan = scan
        self.evaluation = evaluation
        self.files = files
    }
}
