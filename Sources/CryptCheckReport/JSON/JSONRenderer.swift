import CryptCheckPolicy
import Foundation

/// Renders values as stable JSON: sorted keys, ISO 8601 dates, two-space indentation.
public enum JSONRenderer {
    public static func render<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// The configured encoder (a new one per use: JSONEncoder is not documented as thread-safe).
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// The decoder matching `render`, for reading saved observations and evaluations back.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
