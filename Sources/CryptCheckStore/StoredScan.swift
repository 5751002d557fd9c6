import Foundation

/// A scan read back from the store.
package struct StoredScan: Sendable {
    package var id: Int64
    package var tool: String
    package var startedAt: String
    package var interrupted: Bool
    /// The observations as `--save-observations` writes them.
    package var observationsJSON: Data
    package var findings: [ComparedFinding]
}
