import CryptCheckModel
import CryptCheckPolicy

/// A CycloneDX 1.6 cryptography bill of materials: cryptographic-asset components for the
/// algorithms the findings judged (each with the list status it was given under each list), the
/// certificates, keys and protocols observed (files as `file` components with their hashes),
/// and the dependency graph between them (system → protocols and files → certificates and
/// keys → algorithms).
package enum CBOMRenderer {
    package static func render(_ report: Report) -> String {
        var bom = CBOMBuilder(evidence: report.evidence, findings: report.findings)
        bom.collect()
        bom.linkFindings()
        bom.addAlgorithms(lists: report.lists)
        bom.addEndpoints()
        bom.addSSHEndpoints()
        bom.addFiles()
        return bom.document(report)
    }
}
