/// A two-byte TLS registry identifier (cipher suite, named group, signature scheme).
///
/// Gives every such type the same behaviour: ordering by value, `0xNNNN` display, GREASE
/// recognition, and JSON as the `0xNNNN` code (the identity that survives registry changes),
/// decoded from a code or any name the type accepts.
package protocol TwoByteCodePoint: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible
where RawValue == UInt16 {
    init(rawValue: UInt16)
    /// Looks a value up by name or `0xNNNN` code.
    init?(name: String)
    /// The display name.
    var name: String { get }
    /// What the type is called in error messages (`cipher suite`).
    static var kindName: String { get }
}

extension TwoByteCodePoint {
    package init(_ code: UInt16) { self.init(rawValue: code) }

    package var hex: String { HexCode.format(rawValue, digits: 4) }
    package var isGREASE: Bool { GREASE.isGREASE(rawValue) }
    package var description: String { name }

    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Parses `0xNNNN` (or the `0xC0,0x2F` byte-pair form) into a value.
    static func fromHex(_ text: String) -> Self? {
        guard let code = HexCode.parse(text), code <= 0xFFFF else { return nil }
        return Self(rawValue: UInt16(code))
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(name: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown \(Self.kindName) '\(text)'")
        }
        self = value
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
