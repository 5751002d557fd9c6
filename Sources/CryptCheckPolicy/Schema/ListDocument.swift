import Foundation

/// What every list file declares about itself.
package struct DocumentHeader: Sendable, Hashable {
    /// The document ID (`LS-0001-2012`).
    package let id: String
    /// The exact revision judged against (`LS-0001-2012R8`); the key lists are selected by.
    package let revision: String
    package let title: String
    package let titleJa: String?
    package let published: Date
    package let source: String
    /// The default evidence level of the document's facts.
    package let evidence: EvidenceLevel
    /// Where the file was loaded from (`built-in:NAME` or a path).
    package let origin: String
}

/// A loaded list file of any kind.
package enum ListDocument: Sendable {
    case ciphers(CiphersList)
    case strength(StrengthRequirements)
    case guideline(TLSGuideline)

    package var header: DocumentHeader {
        switch self {
        case .ciphers(let list): list.header
        case .strength(let requirements): requirements.header
        case .guideline(let guideline): guideline.header
        }
    }

    /// The `kind:` value of the file.
    package var kind: String {
        switch self {
        case .ciphers: "ciphers-list"
        case .strength: "strength-requirements"
        case .guideline: "tls-guideline"
        }
    }
}
