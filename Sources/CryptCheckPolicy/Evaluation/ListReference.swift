import CryptCheckModel
import Foundation

/// A document an evaluation judged against, as cited in every output.
public struct ListReference: Sendable, Hashable, Codable {
    public var id: String
    public var revision: String
    public var kind: String
    public var title: String
    /// The Japanese title, when the list file gives one.
    public var titleJa: String?
    public var published: String
    public var evidence: EvidenceLevel
    public var origin: String

    public init(_ header: DocumentHeader, kind: String) {
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
