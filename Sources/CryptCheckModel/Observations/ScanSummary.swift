/// Counts over a scan: what was walked and what it held.
package struct ScanSummary: Sendable, Hashable, Codable {
    package var filesWalked = 0
    package var cryptoFiles = 0
    /// Files that hold no cryptographic material: counted, not reported.
    package var otherFiles = 0
    package var excluded = 0
    package var symlinksNotFollowed = 0
    package var specialFiles = 0
    package var notScanned = 0
    package var filesWithErrors = 0
    /// Unparsed example blocks in documentation and source files (not judged); `nil` when none.
    package var unparsedSnippets: Int?
    package var itemsByKind: [String: Int] = [:]
    /// Key summaries (`RSA-2048`, `EC P-256`) of every item with a key.
    package var itemsByAlgorithm: [String: Int] = [:]

    package init() {}
}
