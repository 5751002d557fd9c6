import CryptCheckPolicy
import Foundation

/// Renders values as stable JSON: sorted keys, ISO 8601 dates, two-space indentation.
package enum JSONRenderer {
    package static func render<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try bytes(value, pretty: true), as: UTF8.self) + "\n"
    }

    /// Hands `value`'s JSON to `sink` in pieces, in order, never in one buffer.
    package static func write<T: Encodable>(_ value: T, pretty: Bool, to sink: ([UInt8]) throws -> Void) throws {
        let chunks: SortedJSONEncoder.Chunks
        do {
            chunks = try SortedJSONEncoder(pretty: pretty).chunks(of: value)
        } catch is SortedJSONEncoder.Unsupported {
            return try sink(Array(try foundationEncoder(pretty: pretty).encode(value)))
        }
        try chunks.forEach(sink)
    }

    /// `value` as the JSON bytes Foundation's encoder writes (pretty-printed, or compact for a
    /// digest), through `SortedJSONEncoder`, which needs a small part of the memory; values it
    /// does not cover (floating point, Data) go through Foundation itself.
    package static func bytes<T: Encodable>(_ value: T, pretty: Bool) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try write(value, pretty: pretty) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Foundation's encoder configured as `render` writes (a new one per use: JSONEncoder is not
    /// documented as thread-safe); compact for digests.
    static func foundationEncoder(pretty: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// The decoder matching `render`, for reading saved observations and evaluations back.
    package static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
