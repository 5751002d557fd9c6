import CryptCheckModel

/// A malformed TLS message: what was wrong and where.
package struct TLSParseError: CodedError, Sendable, Hashable, CustomStringConvertible {
    /// What kind of malformation, for machines and tests (`tls.truncated`).
    package let code: ErrorCode
    /// What was wrong and where, for a person.
    package let message: String
    package init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }
    package var description: String { message }
}

/// A bounded cursor over bytes. Every read checks the remaining length, so truncated or
/// hostile input gives a `TLSParseError`, never a crash.
struct ByteReader {
    private let bytes: ArraySlice<UInt8>
    private(set) var offset: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        offset = bytes.startIndex
    }

    init(_ bytes: [UInt8]) { self.init(bytes[...]) }

    var remaining: Int { bytes.endIndex - offset }
    var isAtEnd: Bool { remaining == 0 }

    mutating func u8(_ what: @autoclosure () -> String = "byte") throws -> UInt8 {
        guard remaining >= 1 else { throw TLSParseError(.tlsTruncated, "truncated: expected \(what())") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func u16(_ what: @autoclosure () -> String = "uint16") throws -> UInt16 {
        let value = try take(2, what())
        return UInt16(value[value.startIndex]) << 8 | UInt16(value[value.startIndex + 1])
    }

    mutating func u24(_ what: @autoclosure () -> String = "uint24") throws -> Int {
        try take(3, what()).reduce(0) { $0 << 8 | Int($1) }
    }

    mutating func take(_ count: Int, _ what: @autoclosure () -> String = "bytes") throws -> ArraySlice<UInt8> {
        guard count >= 0, remaining >= count else {
            throw TLSParseError(.tlsTruncated, "truncated: \(what()) needs \(count) bytes, \(remaining) left")
        }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    /// Everything not read yet.
    mutating func rest() -> ArraySlice<UInt8> {
        defer { offset = bytes.endIndex }
        return bytes[offset...]
    }

    /// A length-prefixed vector (1, 2 or 3 length bytes) as its own reader.
    mutating func vector(lengthBytes: Int, _ what: @autoclosure () -> String) throws -> ByteReader {
        let length =
            switch lengthBytes {
            case 1: Int(try u8(what()))
            case 2: Int(try u16(what()))
            default: try u24(what())
            }
        return ByteReader(try take(length, what()))
    }
}

/// Builds TLS structures; length-prefixed vectors are written by nesting.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    // Byte by byte: `bytes += [a, b]` allocated an array for every number written, hundreds
    // for each ClientHello.
    mutating func u8(_ value: UInt8) { bytes.append(value) }
    mutating func u16(_ value: UInt16) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(value & 0xFF))
    }
    mutating func u24(_ value: Int) {
        bytes.append(UInt8(value >> 16 & 0xFF))
        bytes.append(UInt8(value >> 8 & 0xFF))
        bytes.append(UInt8(value & 0xFF))
    }
    mutating func append<C: Collection>(_ data: C) where C.Element == UInt8 { bytes += data }

    /// Writes `body` preceded by its length in `lengthBytes` bytes.
    /// The body is written in place and its length filled in after it (no copy of the body).
    mutating func vector(lengthBytes: Int, _ body: (inout ByteWriter) -> Void) {
        let width = lengthBytes == 1 || lengthBytes == 2 ? lengthBytes : 3
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: width))
        body(&self)
        let length = bytes.count - start - width
        precondition(length < 1 << (8 * width), "a vector longer than its \(width)-byte length can say")
        for index in 0..<width { bytes[start + index] = UInt8(truncatingIfNeeded: length >> (8 * (width - 1 - index))) }
    }
}
