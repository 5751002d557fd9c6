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
