import Foundation

extension JSONRenderer {
    /// `value` rendered as by `render`, with every line after the first indented by `indent`
    /// spaces, for embedding in a document written piece by piece. Encoded JSON has no raw
    /// newline inside strings, so indenting after each newline byte is exact.
    package static func fragment<T: Encodable>(_ value: T, indent: Int) throws -> String {
        let encoded = try bytes(value, pretty: true)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.count + encoded.count / 8)
        for byte in encoded {
            bytes.append(byte)
            if byte == 0x0A { bytes.append(contentsOf: repeatElement(0x20, count: indent)) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
