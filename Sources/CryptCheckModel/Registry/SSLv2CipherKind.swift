/// One SSLv2 CIPHER-KIND (three-byte code).
package struct SSLv2CipherKindInfo: Sendable, Hashable {
    package let code: UInt32
    package let name: String
    package let opensslName: String?
    package let cipher: BulkCipher?
    package let mode: CipherMode?
    package let macHash: Primitive?
    package let isExport: Bool

    package var hex: String { HexCode.format(code, digits: 6) }
}

/// The compiled-in SSLv2 cipher-kind registry.
package enum SSLv2CipherKindRegistry {
    package static let byCode: [UInt32: SSLv2CipherKindInfo] = Dictionary(
        uniqueKeysWithValues: table.map { ($0.code, $0) })
    package static var all: [SSLv2CipherKindInfo] { table }
}

/// A three-byte SSLv2 CIPHER-KIND as a server offered it. JSON carries the `0xNNNNNN` code.
package struct SSLv2CipherKind: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    package let rawValue: UInt32
    package init(rawValue: UInt32) { self.rawValue = rawValue & 0xFF_FFFF }
    package init(_ code: UInt32) { self.init(rawValue: code) }

    package var info: SSLv2CipherKindInfo? { SSLv2CipherKindRegistry.byCode[rawValue] }
    package var hex: String { HexCode.format(rawValue, digits: 6) }
    package var name: String { info?.name ?? "SSL_CK_UNKNOWN_\(hex)" }
    package var description: String { name }

    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        if let code = HexCode.parse(text), code <= 0xFF_FFFF {
            self.init(rawValue: code)
        } else if let info = SSLv2CipherKindRegistry.all.first(where: { $0.name == text || $0.opensslName == text }) {
            self.init(rawValue: info.code)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown SSLv2 cipher kind '\(text)'")
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
