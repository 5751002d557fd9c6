import CryptCheckModel
import CryptCheckPolicy

/// The closing summary of `cryptcheck scan`: what was walked, what it held, what was skipped.
public enum ScanSummaryTextRenderer {
    public static func render(_ summary: ScanSummary, unscanned: [UnscannedTarget]) -> String {
        var out =
            "Scan: \(summary.filesWalked) files walked, \(summary.cryptoFiles) with cryptographic material, "
            + "\(summary.otherFiles) without"
        if summary.excluded > 0 { out += ", \(summary.excluded) excluded" }
        if summary.symlinksNotFollowed > 0 { out += ", \(summary.symlinksNotFollowed) symlinks not followed (--follow-symlinks)" }
        if summary.specialFiles > 0 { out += ", \(summary.specialFiles) special files" }
        out += "\n"
        if !summary.itemsByKind.isEmpty {
            out +=
                "Items by kind: " + summary.itemsByKind.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                + "\n"
        }
        if !summary.itemsByAlgorithm.isEmpty {
            out +=
                "Keys by algorithm: "
                + summary.itemsByAlgorithm.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                .map { "\($0.value) \($0.key)" }.joined(separator: ", ") + "\n"
        }
        if let snippets = summary.unparsedSnippets, snippets > 0 {
            out += "Unparsed snippets: \(snippets) (example blocks in documentation or source files; listed, not judged)\n"
        }
        if summary.filesWithErrors > 0 { out += "Files with broken parts: \(summary.filesWithErrors) (see INDETERMINATE findings)\n" }
        if !unscanned.isEmpty {
            out += "Not scanned (\(unscanned.count)):\n"
            for target in unscanned { out += EscapedText.terminalSafe("  \(target.target): \(target.reason)") + "\n" }
        }
        return out
    }
}

/// The JSON document of `cryptcheck scan --format json`.
public struct ScanReport: Codable, Sendable {
    /// `cryptcheck-scan/2`: published as `Schemas/cryptcheck-scan-2.schema.json`.
    public static let currentSchema = "cryptcheck-scan/2"

    public var schema: String
    public var scan: ScanSummary
    public var evaluation: Evaluation
    /// Every file that held cryptographic material, with its items (absent in documents
    /// written before it was added).
    public var files: [FileObservation]?
    public init(scan: ScanSummary, evaluation: Evaluation, files: [FileObservation]? = nil) {
        self.schema = Self.currentSchema
        self.scan = scan
        self.evaluation = evaluation
        self.files = files
    }
}
