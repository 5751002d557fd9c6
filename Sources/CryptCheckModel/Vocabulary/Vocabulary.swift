/// A word of one of the vocabularies that cross module boundaries (what a finding is about,
/// what a primitive does, a strength family, a protocol feature, a remediation): an open set of
/// strings with named known values, like the registry's code points. It is written and read as
/// the bare string, so an unknown word (from an observation or report written by a newer tool)
/// decodes to an open value rather than failing. Call sites name the known values
/// (`.cipherSuite`); a new word is added as a `static let` and to `known` in its type's file.
package protocol Vocabulary: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible
where RawValue == String {
    init(rawValue: String)
    /// Every value cryptcheck emits, in a stable order.
    static var known: [Self] { get }
}

extension Vocabulary {
    package init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    package var description: String { rawValue }

    /// Whether this is one of the values cryptcheck emits.
    package var isKnown: Bool { Self.known.contains(self) }
}
