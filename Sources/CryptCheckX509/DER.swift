import CryptCheckModel

/// A malformed or unsupported encoding, with where it was found.
package struct FormatError: CodedError, Sendable, Hashable, CustomStringConvertible {
    /// What kind of malformation, for machines and tests (`der.truncated`).
    package let code: ErrorCode
    /// What was wrong and where, for a person.
    package let message: String
    package init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }
    /// `error`'s message after `prefix`, keeping its code (`unknown` when it has none).
    package init(_ prefix: String, wrapping error: any Error) {
        self.init(ErrorCode.of(error), prefix + "\(error)")
    }
    package var description: String { message }
}

/// One DER TLV node: a view into the bytes it was parsed from.
///
/// Parsing is bounded: lengths are checked against the buffer, indefinite lengths and nesting
/// deeper than `maxDepth` are rejected, so hostile input gives a `FormatError`, never a crash.
package struct DER {
    package static let maxDepth = 32

    package let tag: UInt8
    package let bytes: [UInt8]
    /// Range of the whole TLV and of its value in `bytes`.
    package let range: Range<Int>
    package let valueRange: Range<Int>

    package var isConstructed: Bool { tag & 0x20 != 0 }
    package var value: ArraySlice<UInt8> { bytes[valueRange] }
    package var encoded: ArraySlice<UInt8> { bytes[range] }

    package static let sequence: UInt8 = 0x30, set: UInt8 = 0x31, integer: UInt8 = 0x02, bitString: UInt8 = 0x03
    package static let octetString: UInt8 = 0x04, null: UInt8 = 0x05, oid: UInt8 = 0x06, boolean: UInt8 = 0x01

    /// Parses the single TLV that must fill `bytes` exactly (trailing data is an error).
    package static func parse(_ bytes: [UInt8]) throws -> DER {
        let node = try read(bytes, at: 0, end: bytes.count)
        guard node.range.upperBound == bytes.count else {
            throw FormatError(.derTrailingData, "DER: \(bytes.count - node.range.upperBound) bytes after the end of the structure")
        }
        return node
    }

    /// Parses the TLV starting at `start`, which must end by `end`.
    package static func read(_ bytes: [UInt8], at start: Int, end: Int) throws -> DER {
        let (tag, valueStart, valueEnd) = try header(bytes, at: start, end: end)
        return DER(tag: tag, bytes: bytes, range: start..<valueEnd, valueRange: valueStart..<valueEnd)
    }

    /// The tag of the TLV at `start` and where its value starts and ends, which must be by `end`.
    private static func header(_ bytes: [UInt8], at start: Int, end: Int) throws -> (tag: UInt8, valueStart: Int, valueEnd: Int) {
        guard start + 2 <= end else { throw FormatError(.derTruncated, "DER: truncated header at byte \(start)") }
        let tag = bytes[start]
        guard tag & 0x1F != 0x1F else { throw FormatError(.derUnsupportedTag, "DER: multi-byte tags are not supported (byte \(start))") }
        var cursor = start + 1
        let first = bytes[cursor]
        cursor += 1
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7F)
            guard count > 0 else { throw FormatError(.derIndefiniteLength, "DER: indefinite length at byte \(start)") }
            guard count <= 4, cursor + count <= end else { throw FormatError(.derBadLength, "DER: bad length at byte \(start)") }
            for _ in 0..<count {
                length = length << 8 | Int(bytes[cursor])
                cursor += 1
            }
        }
        guard length <= end - cursor else {
            throw FormatError(.derTruncated, "DER: length \(length) at byte \(start) runs past the end of the data")
        }
        return (tag, cursor, cursor + length)
    }

    /// The child nodes of a constructed node.
    package func children(depth: Int = 0) throws -> [DER] {
        guard isConstructed || tag == DER.octetString || tag == DER.bitString else {
            throw FormatError(.derUnexpectedTag, "DER: expected a constructed value, found tag 0x\(String(tag, radix: 16))")
        }
        guard depth < DER.maxDepth else { throw FormatError(.derTooDeep, "DER: nesting too deep") }
        // The headers are read once: the first pass validates them and keeps the first 16
        // in a small buffer on the stack, so the array is allocated once at its size
        // (growing it append by append, or reserving a guess, cost more than the reading).
        // Only a node with more children reads the rest again.
        let end = valueRange.upperBound
        return try withUnsafeTemporaryAllocation(of: (tag: UInt8, valueStart: Int, valueEnd: Int).self, capacity: 16) {
            headers in
            var count = 0
            var cursor = valueRange.lowerBound
            while cursor < end {
                let header = try DER.header(bytes, at: cursor, end: end)
                if count < headers.count { (headers.baseAddress! + count).initialize(to: header) }
                cursor = header.valueEnd
                count += 1
            }
            // Reserved and appended: `Array(unsafeUninitializedCapacity:)` went through the
            // unspecialised runtime and looked up the array's type metadata on every call.
            var result: [DER] = []
            result.reserveCapacity(count)
            cursor = valueRange.lowerBound
            for index in 0..<count {
                let header = index < headers.count ? headers[index] : try DER.header(bytes, at: cursor, end: end)
                result.append(
                    DER(tag: header.tag, bytes: bytes, range: cursor..<header.valueEnd, valueRange: header.valueStart..<header.valueEnd))
                cursor = header.valueEnd
            }
            return result
        }
    }

    /// The children, requiring a SEQUENCE with at least `minimum` of them.
    package func sequence(_ what: String, minimum: Int = 0) throws -> [DER] {
        guard tag == DER.sequence else { throw FormatError(.derUnexpectedTag, "\(what): expected a SEQUENCE") }
        let items = try children()
        guard items.count >= minimum else { throw FormatError(.derMissingFields, "\(what): expected at least \(minimum) fields") }
        return items
    }

    /// The dotted form of an OBJECT IDENTIFIER.
    package func oid() throws -> String {
        guard tag == DER.oid, !value.isEmpty, value.count <= 64 else {
            throw FormatError(.derUnexpectedTag, "DER: expected an OBJECT IDENTIFIER")
        }
        guard value.last! & 0x80 == 0 else { throw FormatError(.derTruncated, "DER: truncated OID") }
        // Straight into the string's bytes: every certificate has several OIDs to name.
        var failure: FormatError?
        let text = String(unsafeUninitializedCapacity: value.count * 20 + 4) { output in
            var written = 0
            func append(_ number: UInt64) {
                if written > 0 { output[written] = UInt8(ascii: "."); written += 1 }
                var digits = number, start = written
                repeat {
                    output[written] = UInt8(ascii: "0") + UInt8(digits % 10)
                    written += 1
                    digits /= 10
                } while digits > 0
                var end = written - 1
                while start < end {
                    output.swapAt(start, end)
                    start += 1
                    end -= 1
                }
            }
            var current: UInt64 = 0, first = true
            for byte in value {
                guard current < (1 << 56) else { failure = FormatError(.derBadValue, "DER: OID arc too large"); return 0 }
                current = current << 7 | UInt64(byte & 0x7F)
                guard byte & 0x80 == 0 else { continue }
                if first {
                    let top: UInt64 = current < 40 ? 0 : current < 80 ? 1 : 2
                    append(top)
                    append(current - top * 40)
                    first = false
                } else {
                    append(current)
                }
                current = 0
            }
            return written
        }
        if let failure { throw failure }
        return text
    }

    /// A small non-negative INTEGER (iteration counts, versions).
    package func int() throws -> Int {
        guard tag == DER.integer, !value.isEmpty, value.count <= 8 else {
            throw FormatError(.derUnexpectedTag, "DER: expected a small INTEGER")
        }
        guard value.first! & 0x80 == 0 else { throw FormatError(.derBadValue, "DER: negative INTEGER") }
        return value.reduce(0) { $0 << 8 | Int($1) }
    }

    /// The bit length of a positive INTEGER (an RSA modulus, a DSA/DH prime).
    package func integerBitLength() throws -> Int {
        guard tag == DER.integer else { throw FormatError(.derUnexpectedTag, "DER: expected an INTEGER") }
        guard let index = value.firstIndex(where: { $0 != 0 }) else { return 0 }
        return (valueRange.upperBound - index) * 8 - bytes[index].leadingZeroBitCount
    }

    /// The bit length of a positive INTEGER (an RSA modulus, a DH prime): zero and negative
    /// values are not sizes, and are an error naming `what`.
    package func positiveIntegerBitLength(_ what: String) throws -> Int {
        guard tag == DER.integer else { throw FormatError(.derUnexpectedTag, "DER: expected an INTEGER") }
        guard let first = value.first, first & 0x80 == 0 else { throw FormatError(.derBadValue, "\(what) is negative") }
        let bits = try integerBitLength()
        guard bits > 0 else { throw FormatError(.derBadValue, "\(what) is zero") }
        return bits
    }

    /// The contents of a BIT STRING without its unused-bits byte.
    package func bitStringBytes() throws -> [UInt8] {
        guard tag == DER.bitString, let unused = value.first, unused == 0 else {
            throw FormatError(.derUnexpectedTag, "DER: expected a BIT STRING")
        }
        return Array(value.dropFirst())
    }
}

/// An AlgorithmIdentifier: OID plus the (optional) parameters node.
package struct AlgorithmIdentifier {
    package let oid: String
    package let parameters: DER?

    package init(_ node: DER) throws {
        let fields = try node.sequence("AlgorithmIdentifier", minimum: 1)
        oid = try fields[0].oid()
        parameters = fields.count > 1 ? fields[1] : nil
    }
}
