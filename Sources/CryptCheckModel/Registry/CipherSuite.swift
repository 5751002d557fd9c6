import Foundation

/// A TLS/SSLv3 cipher suite, identified by its two-byte code point.
///
/// Unknown code points stay representable and print as `0xNNNN`. Names (IANA, OpenSSL) are
/// aliases for display and input.
public struct CipherSuite: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible
{
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ code: UInt16) { self.rawValue = code }

    /// TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746): a signal, not a suite.
    public static let emptyRenegotiationInfoSCSV = CipherSuite(0x00FF)
    /// TLS_FALLBACK_SCSV (RFC 7507): a signal, not a suite.
    public static let fallbackSCSV = CipherSuite(0x5600)

    /// The registry entry, if the code point is in the registry.
    public var info: CipherSuiteInfo? { CipherSuiteRegistry.byCode[rawValue] }

    /// Whether this is a GREASE value (RFC 8701): 0x?A?A with equal bytes.
    public var isGREASE: Bool { GREASE.isGREASE(rawValue) }

    /// Whether this is a signalling value rather than a negotiable suite.
    public var isSignalling: Bool { self == .emptyRenegotiationInfoSCSV || self == .fallbackSCSV }

    /// The code point as `0xNNNN`.
    public var hex: String { HexCode.format(rawValue, digits: 4) }

    /// The IANA name, else the OpenSSL name, else the signalling/GREASE name, else the hex code.
    public var name: String {
        if let info { return info.displayName }
        if self == .emptyRenegotiationInfoSCSV { return "TLS_EMPTY_RENEGOTIATION_INFO_SCSV" }
        if self == .fallbackSCSV { return "TLS_FALLBACK_SCSV" }
        if isGREASE { return "GREASE_\(hex)" }
        return hex
    }

    public var description: String { name }

    /// Looks a suite up by IANA name, OpenSSL name, signalling name or `0xNNNN` code.
    public init?(name: String) {
        if let code = CipherSuiteRegistry.byName[name.uppercased()] {
            self.init(code)
        } else if name.uppercased() == "TLS_EMPTY_RENEGOTIATION_INFO_SCSV" {
            self = .emptyRenegotiationInfoSCSV
        } else if name.uppercased() == "TLS_FALLBACK_SCSV" {
            self = .fallbackSCSV
        } else if let code = HexCode.parse(name), code <= 0xFFFF {
            self.init(UInt16(code))
        } else {
            return nil
        }
    }

    public static func < (lhs: CipherSuite, rhs: CipherSuite) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let suite = CipherSuite(name: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "unknown cipher suite '\(text)'")
        }
        self = suite
    }

    /// Encoded as its `0xNNNN` code, the identity that survives registry changes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

/// GREASE values (RFC 8701) for cipher suites, groups, signature schemes and versions.
public enum GREASE {
    /// The sixteen reserved two-byte GREASE values, 0x0A0A ... 0xFAFA.
    public static let values: [UInt16] = (0..<16).map { UInt16($0) << 12 | 0x0A00 | UInt16($0) << 4 | 0x0A }

    public static func isGREASE(_ value: UInt16) -> Bool {
        value & 0x0F0F == 0x0A0A && value >> 8 == value & 0xFF
    }
}
