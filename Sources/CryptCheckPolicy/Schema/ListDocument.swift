import Foundation

/// What every list file declares about itself.
public struct DocumentHeader: Sendable, Hashable {
    /// The document ID (`LS-0001-2012`).
    public let id: String
    /// The exact revision judged against (`LS-0001-2012R8`); the key lists are selected by.
    public let revision: String
    public let title: String
    public let titleJa: String?
    public let published: Date
    public let source: String
    /// The default evidence level of the document's facts.
    public let evidence: EvidenceLevel
    /// Where the file was loaded from (`built-in:NAME` or a path).
    public let origin: String
}

/// A loaded list file of any kind.
public enum ListDocument: Sendable {
    case ciphers(CiphersList)
    case strength(StrengthRequirements)
    case guideline(TLSGuideline)

    public var header: DocumentHeader {
        switch self {
        case .ciphers(let list): list.header
        case .strength(let requirements): requirements.header
        case .guideline(let guideline): guideline.header
        }
    }

    /// The `kind:` value of the file.
    public var kind: String {
        switch self {
        case .ciphers: "ciphers-list"
        case .strength: "strength-requirements"
        case .guideline: "tls-guideline"
        }
    }
}
