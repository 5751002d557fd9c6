/// One scan of a target, as `history` lists it.
package struct HistoryEntry: Sendable, Hashable, Codable {
    package var scanId: Int64
    package var startedAt: String
    package var finishedAt: String
    package var tool: String
    package var lists: [String]
    package var asOf: String
    package var interrupted: Bool
    /// The target as stored (a path given to `scan` is absolute).
    package var target: String
    /// `endpoint`, `root` (a path given to `scan`), `file` or `unscanned`.
    package var kind: String
    package var verdict: String
    package var violations: Int
    package var indeterminate: Int
}
