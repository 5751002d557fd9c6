import Foundation

/// A TLS/SSLv3 cipher suite, identified by its two-byte code point.
///
/// Unknown code points stay representable and print as `0xNNNN`. Names (IANA, OpenSSL) are
/// aliases for display and input.
package struct CipherSuite: TwoByteCodePoint {
    package let rawValue: UInt16
    package init(rawValue: UInt16) { self.rawValue = rawValue }
    package static let kindName = "cipher suite"

    /// TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746): a signal, not a suite.
    package static let emptyRenegotiationInfoSCSV = CipherSuite(0x00FF)
    /// TLS_FALLBACK_SCSV (RFC 7507): a signal, not a suite.
    package static let fallbackSCSV = CipherSuite(0x5600)

    /// The registry entry, if the code point is in the registry.
    package var info: CipherSuiteInfo? { CipherSuiteRegistry.byCode[rawValue] }

    /// Whether this is a signalling value rather than a negotiable suite.
    package var isSignalling: Bool { self == .emptyRenegotiationInfoSCSV || self == .fallbackSCSV }

    /// The IANA name, else the OpenSSL name, else the signalling/GREASE name, else the hex code.
    package var name: String {
        if let info { return info.displayName }
        if self == .emptyRenegotiationInfoSCSV { return "TLS_EMPTY_RENEGOTIATION_INFO_SCSV" }
        if self == .fallbackSCSV { return "TLS_FALLBACK_SCSV" }
        if isGREASE { return "GREASE_\(hex)" }
        return hex
    }

    /// Looks a suite up by IANA name, OpenSSL name, signalling name or `0xNNNN` code.
    package init?(name: String) {
        let key = name.uppercased()
        if let code = CipherSuiteRegistry.byName[key] {
            self.init(code)
        } else if key == "TLS_EMPTY_RENEGOTIATION_INFO_SCSV" {
            self = .emptyRenegotiationInfoSCSV
        } else if key == "TLS_FALLBACK_SCSV" {
            self = .fallbackSCSV
        } else if let value = Self.fromHex(name) {
            self = value
        } else {
            return nil
        }
    }
}

/// GREASE values (RFC 8701) for cipher suites, groups, signature schemes and versions.
package enum GREASE {
    /// The sixteen reserved two-byte GREASE values, 0x0A0A ... 0xFAFA.
    package static let values: [UInt16] = (0..<16).map { UInt16($0) << 12 | 0x0A00 | UInt16($0) << 4 | 0x0A }

    package static func isGREASE(_ value: UInt16) -> Bool {
        value & 0x0F0F == 0x0A0A && value >> 8 == value & 0xFF
    }
}
