/// Counts over a scan: what was walked and what it held.
public struct ScanSummary: Sendable, Hashable, Codable {
    public var filesWalked = 0
    public var cryptoFiles = 0
    /// Files that hold no cryptographic material: counted, not reported.
    public var otherFiles = 0
    public var excluded = 0
    public var symlinksNotFollowed = 0
    public var specialFiles = 0
    public var notScanned = 0
    public var filesWithErrors = 0
    /// Unparsed example blocks in documentation and source files (not judged); `nil` when none.
    public var unparsedSnippets: Int?
    public var itemsByKind: [String: Int] = [:]
    /// Key summaries (`RSA-2048`, `EC P-256`) of every item with a key.
    public var itemsByAlgorithm: [String: Int] = [:]

    public init() {}
}
