import CryptCheckX509

#if canImport(Glibc)
import Glibc
#endif
/// One `-----BEGIN LABEL-----` block of a PEM text.
struct PEMBlock {
    let label: String
    /// RFC 1421 headers (`Proc-Type`, `DEK-Info`), if any.
    let headers: [String: String]
    let der: [UInt8]
    /// The whole input and where this block's BEGIN to END lines stand in it.
    let source: [UInt8]
    let range: Range<Int>

    /// The block's text from BEGIN to END, for handing to OpenSSL unchanged.
    var text: [UInt8] { Array(source[range]) + [0x0A] }
}

/// PEM (RFC 7468) over bytes: no String conversion of the body, strict base64.
enum PEM {
    private static let begin = Array("-----BEGIN ".utf8), end = Array("-----END ".utf8), dashes = Array("-----".utf8)

    /// Whether the bytes contain a PEM BEGIN line.
    static func looksLikePEM(_ bytes: [UInt8]) -> Bool { find(begin, in: bytes[...]) != nil }

    /// A BEGIN line whose block could not be read, and why.
    struct Failure {
        /// The label, or "" when the BEGIN line itself is malformed.
        let label: String
        let error: FormatError
        /// Where the failed block stands in the input (to the end of the input when its END
        /// line is missing).
        let range: Range<Int>
    }

    /// Every block in order. A BEGIN without its END, or a body that is not base64, is an error
    /// naming the block.
    static func blocks(_ bytes: [UInt8]) throws -> [PEMBlock] {
        let (blocks, failures) = scan(bytes)
        if let failure = failures.first { throw failure.error }
        return blocks
    }

    /// Every block in order, and every BEGIN line whose block could not be read: a bad block
    /// does not hide the good ones after it (a BEGIN without its END takes the rest of the input).
    static func scan(_ bytes: [UInt8]) -> (blocks: [PEMBlock], failures: [Failure]) {
        var blocks: [PEMBlock] = []
        var failures: [Failure] = []
        var rest = bytes[...]
        while let start = find(begin, in: rest) {
            guard let labelEnd = find(dashes, in: bytes[(start + begin.count)...]), labelEnd - start < 200 else {
                failures.append(
                    Failure(
                        label: "", error: FormatError(.pemBadBeginLine, "malformed PEM BEGIN line"), range: start..<(start + begin.count)))
                rest = bytes[(start + begin.count)...]
                continue
            }
            let labelBytes = bytes[(start + begin.count)..<labelEnd]
            let label = String(decoding: labelBytes, as: UTF8.self)
            let endLine = end + Array(labelBytes) + dashes
            guard let close = find(endLine, in: bytes[(labelEnd + dashes.count)...]) else {
                failures.append(
                    Failure(
                        label: label, error: FormatError(.pemNoEndLine, "truncated PEM: '\(label)' block has no END line"),
                        range: start..<bytes.count)
                )
                break
            }
            var headers: [String: String] = [:]
            var index = labelEnd + dashes.count
            // RFC 1421 headers (`Name: value`) may come first, a line each; the first other
            // line that is not empty starts the base64, in which blanks, tabs and line breaks
            // are ignored.
            while index < close {
                var lineEnd = index
                while lineEnd < close && bytes[lineEnd] != 0x0A && bytes[lineEnd] != 0x0D { lineEnd += 1 }
                if lineEnd > index {
                    guard let colon = bytes[index..<lineEnd].firstIndex(of: UInt8(ascii: ":")) else { break }
                    let name = String(decoding: bytes[index..<colon], as: UTF8.self)
                    headers[name] = String(decoding: bytes[(colon + 1)..<lineEnd], as: UTF8.self).trimmingSpaces()
                }
                index = lineEnd + 1
            }
            let body = index < close ? base64Characters(bytes, index..<close) : []
            let blockEnd = close + endLine.count
            guard let der = Base64.decode(body), !der.isEmpty else {
                failures.append(
                    Failure(label: label, error: FormatError(.pemBadBase64, "bad base64 in PEM '\(label)' block"), range: start..<blockEnd))
                rest = bytes[blockEnd...]
                continue
            }
            blocks.append(PEMBlock(label: label, headers: headers, der: der, source: bytes, range: start..<blockEnd))
            rest = bytes[blockEnd...]
        }
        return (blocks, failures)
    }

    /// The bytes of `range` without blanks, tabs and line breaks: a block's base64 text. A
    /// loop over raw memory, as every certificate of a scan goes through it byte by byte.
    static func base64Characters(_ bytes: [UInt8], _ range: Range<Int>) -> [UInt8] {
        bytes.withUnsafeBufferPointer { source in
            [UInt8](unsafeUninitializedCapacity: range.count) { output, initialized in
                var written = 0
                for position in range {
                    let byte = source[position]
                    // One comparison for the usual byte: every character kept is above 0x20.
                    if byte <= 0x20 && (byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D) { continue }
                    output[written] = byte
                    written += 1
                }
                initialized = written
            }
        }
    }

    /// The index where `needle` starts in `haystack`, if it occurs. Every file of a scan goes
    /// through here at least once: glibc's vectorised memchr finds candidates, memcmp checks.
    static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        return haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pattern -> Int? in
                let base = hay.baseAddress!
                let last = hay.count - pattern.count  // the last offset where the needle fits
                var offset = 0
                while offset <= last {
                    guard let found = memchr(base + offset, Int32(first), last - offset + 1) else { return nil }
                    let position = UnsafeRawPointer(found) - base
                    if memcmp(found, pattern.baseAddress!, pattern.count) == 0 { return haystack.startIndex + position }
                    offset = position + 1
                }
                return nil
            }
        }
    }
}

/// Strict RFC 4648 base64 (padding optional, no other characters).
enum Base64 {
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(character)] = UInt8(index)
        }
        return table
    }()

    static func decode(_ input: [UInt8]) -> [UInt8]? {
        var count = input.count
        while count > 0 && input[count - 1] == UInt8(ascii: "=") { count -= 1 }
        guard input.count - count <= 2, count % 4 != 1 else { return nil }
        var valid = true
        let output = input.withUnsafeBufferPointer { source in
            table.withUnsafeBufferPointer { table in
                [UInt8](unsafeUninitializedCapacity: count / 4 * 3 + 2) { output, initialized in
                    // Four characters to three bytes at a time; 0xFF in the table marks a
                    // character outside the alphabet, and any one of them fails the decode.
                    var read = 0, written = 0
                    while read + 4 <= count {
                        let a = table[Int(source[read])], b = table[Int(source[read + 1])]
                        let c = table[Int(source[read + 2])], d = table[Int(source[read + 3])]
                        guard (a | b | c | d) & 0x80 == 0 else { valid = false; break }
                        let bits = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                        output[written] = UInt8(truncatingIfNeeded: bits >> 16)
                        output[written + 1] = UInt8(truncatingIfNeeded: bits >> 8)
                        output[written + 2] = UInt8(truncatingIfNeeded: bits)
                        read += 4
                        written += 3
                    }
                    if valid && read < count {  // two or three characters left: one or two bytes
                        var bits: UInt32 = 0
                        for index in read..<count {
                            let value = table[Int(source[index])]
                            guard value != 0xFF else { valid = false; break }
                            bits = bits << 6 | UInt32(value)
                        }
                        let extra = count - read
                        bits <<= UInt32(6 * (4 - extra))
                        output[written] = UInt8(truncatingIfNeeded: bits >> 16)
                        written += 1
                        if extra == 3 {
                            output[written] = UInt8(truncatingIfNeeded: bits >> 8)
                            written += 1
                        }
                    }
                    initialized = valid ? written : 0
                }
            }
        }
        return valid ? output : nil
    }
}

extension String {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
