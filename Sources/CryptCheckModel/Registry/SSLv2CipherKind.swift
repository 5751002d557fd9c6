/// One SSLv2 CIPHER-KIND (three-byte code).
public struct SSLv2CipherKindInfo: Sendable, Hashable {
    public let code: UInt32
    public let name: String
    public let opensslName: String?
    public let cipher: BulkCipher?
    public let mode: CipherMode?
    public let macHash: Primitive?
    public let isExport: Bool

    public var hex: String { HexCode.format(code, digits: 6) }
}

/// The compiled-in SSLv2 cipher-kind registry.
public enum SSLv2CipherKindRegistry {
    public static let byCode: [UInt32: SSLv2CipherKindInfo] = Dictionary(
        uniqueKeysWithValues: table.map { ($0.code, $0) })
    public static var all: [SSLv2CipherKindInfo] { table }
}

/// A three-byte SSLv2 CIPHER-KIND as a server offered it. JSON carries the `0xNNNNNN` code.
public struct SSLv2CipherKind: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue & 0xFF_FFFF }
    public init(_ code: UInt32) { self.init(rawValue: code) }

    public var info: SSLv2CipherKindInfo? { SSLv2CipherKindRegistry.byCode[rawValue] }
    public var hex: String { HexCode.format(rawValue, digits: 6) }
    public var name: String { info?.name ?? "SSL_CK_UNKNOWN_\(hex)" }
    public var description: String { name }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
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

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
