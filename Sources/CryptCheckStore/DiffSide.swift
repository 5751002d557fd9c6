import CryptCheckModel
import Foundation

/// One side of a diff: a stored scan or a saved observation file, with its findings.
package struct DiffSide: Sendable {
    /// `scan 12` or the file's path, for a person.
    package var source: String
    package var scanId: Int64?
    package var tool: String
    package var observedAt: Date
    package var observations: ObservationSet
    package var findings: [ComparedFinding]
    /// True for a CycloneDX BOM: a declared inventory, not a scan.
    package var declared = false

    package init(source: String, scanId: Int64?, observations: ObservationSet, findings: [ComparedFinding]) {
        self.source = source
        self.scanId = scanId
        self.tool = observations.tool
        self.observedAt = observations.observedAt
        self.observations = observations
        self.findings = findings
    }
}
