import CryptCheckModel
import Foundation

/// A document an evaluation judged against, as cited in every output.
package struct ListReference: Sendable, Hashable, Codable {
    package var id: String
    package var revision: String
    package var kind: String
    package var title: String
    /// The Japanese title, when the list file gives one.
    package var titleJa: String?
    package var published: String
    package var evidence: EvidenceLevel
    package var origin: String

    package init(_ header: DocumentHeader, kind: String) {
        id = header.id
        revision = header.revision
        self.kind = kind
        title = header.title
        titleJa = header.titleJa
        published = Policy.dayText(header.published)
        evidence = header.evidence
        self.origin = header.origin
    }
}
