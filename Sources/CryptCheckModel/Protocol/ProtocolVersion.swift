import Foundation

/// An SSL/TLS protocol version, identified by its wire value (SSLv2 uses 0x0002).
package struct ProtocolVersion: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible
{
    package let rawValue: UInt16
    package init(rawValue: UInt16) { self.rawValue = rawValue }

    package static let sslv2 = ProtocolVersion(rawValue: 0x0002)
    package static let sslv3 = ProtocolVersion(rawValue: 0x0300)
    package static let tlsv1_0 = ProtocolVersion(rawValue: 0x0301)
    package static let tlsv1_1 = ProtocolVersion(rawValue: 0x0302)
    package static let tlsv1_2 = ProtocolVersion(rawValue: 0x0303)
    package static let tlsv1_3 = ProtocolVersion(rawValue: 0x0304)

    /// Every version the scanner probes, oldest first.
    package static let all: [ProtocolVersion] = [.sslv2, .sslv3, .tlsv1_0, .tlsv1_1, .tlsv1_2, .tlsv1_3]

    /// The conventional name (`TLSv1.2`), or `0xNNNN` for an unknown value.
    package var name: String {
        switch self {
        case .sslv2: "SSLv2"
        case .sslv3: "SSLv3"
        case .tlsv1_0: "TLSv1.0"
        case .tlsv1_1: "TLSv1.1"
        case .tlsv1_2: "TLSv1.2"
        case .tlsv1_3: "TLSv1.3"
        default: HexCode.format(rawValue, digits: 4)
        }
    }

    package var description: String { name }

    /// Parses a conventional name (`TLSv1.2`, `tls1.2`, `SSLv3`) or a hex code (`0x0303`).
    package init?(name: String) {
        let key = name.lowercased().replacingOccurrences(of: "_", with: ".")
        let table: [String: ProtocolVersion] = [
            "sslv2": .sslv2, "ssl2": .sslv2, "sslv3": .sslv3, "ssl3": .sslv3,
            "tlsv1.0": .tlsv1_0, "tlsv1": .tlsv1_0, "tls1.0": .tlsv1_0, "tls1": .tlsv1_0,
            "tlsv1.1": .tlsv1_1, "tls1.1": .tlsv1_1, "tlsv1.2": .tlsv1_2, "tls1.2": .tlsv1_2,
            "tlsv1.3": .tlsv1_3, "tls1.3": .tlsv1_3,
        ]
        if let version = table[key] {
            self = version
        } else if let code = HexCode.parse(name), code <= 0xFFFF {
            self.init(rawValue: UInt16(code))
        } else {
            return nil
        }
    }

    package static func < (lhs: ProtocolVersion, rhs: ProtocolVersion) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let version = ProtocolVersion(name: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "unknown protocol version '\(text)'")
        }
        self = version
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
