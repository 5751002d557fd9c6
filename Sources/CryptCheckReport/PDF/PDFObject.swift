/// One PDF object (ISO 32000-1 7.3), as far as reading a trailer, a catalog and an embedded file
/// needs: numbers keep their spelling so that an object written back is what was read.
package enum PDFObject: Sendable, Equatable {
    case null
    case bool(Bool)
    /// An integer or a real, as spelt in the file (`12`, `-3`, `0.5`).
    case number(String)
    /// A literal or hexadecimal string, decoded to its bytes.
    case string([UInt8])
    /// A name without its slash, `#xx` escapes decoded.
    case name(String)
    case array([PDFObject])
    /// A dictionary, keys in the file's order.
    case dictionary([(key: String, value: PDFObject)])
    /// An indirect reference `N G R`.
    case reference(number: Int, generation: Int)

    package static func == (left: PDFObject, right: PDFObject) -> Bool {
        switch (left, right) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.name(let a), .name(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.dictionary(let a), .dictionary(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.reference(let a, let g), .reference(let b, let h)): return a == b && g == h
        default: return false
        }
    }

    /// The value of `key` in a dictionary; `nil` for anything else or a missing key.
    package subscript(key: String) -> PDFObject? {
        guard case .dictionary(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// An integer value (no sign games: at most 15 digits).
    package var integer: Int? {
        guard case .number(let text) = self, !text.contains("."), text.count <= 16 else { return nil }
        return Int(text)
    }

    /// The object as PDF syntax.
    package var serialized: [UInt8] {
        var out: [UInt8] = []
        write(to: &out)
        return out
    }

    func write(to out: inout [UInt8]) {
        switch self {
        case .null: out += Array("null".utf8)
        case .bool(let value): out += Array((value ? "true" : "false").utf8)
        case .number(let text): out += Array(text.utf8)
        case .string(let bytes) where bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x28 && $0 != 0x29 && $0 != 0x5C }):
            // Printable ASCII without parentheses or backslashes: a literal string, readable as is.
            out.append(0x28)
            out += bytes
            out.append(0x29)
        case .string(let bytes):
            // Hexadecimal: any bytes, nothing to escape.
            out.append(0x3C)
            for byte in bytes { out += Array(Self.hex(byte).utf8) }
            out.append(0x3E)
        case .name(let name):
            out.append(0x2F)
            for byte in name.utf8 {
                if byte > 0x20, byte < 0x7F, !PDFSyntax.isDelimiter(byte), byte != 0x23 {
                    out.append(byte)
                } else {
                    out += Array("#\(Self.hex(byte))".utf8)
                }
            }
        case .array(let items):
            out.append(0x5B)
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(0x20) }
                item.write(to: &out)
            }
            out.append(0x5D)
        case .dictionary(let entries):
            out += [0x3C, 0x3C]
            for (key, value) in entries {
                PDFObject.name(key).write(to: &out)
                out.append(0x20)
                value.write(to: &out)
                out.append(0x0A)
            }
            out += [0x3E, 0x3E]
        case .reference(let number, let generation): out += Array("\(number) \(generation) R".utf8)
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
    }
}

/// Why a PDF could not be read: what was expected, and where.
package struct PDFError: Error, Sendable, Equatable, CustomStringConvertible {
    package let description: String
    init(_ description: String) { self.description = description }
}

/// A bounded reader of PDF syntax over a byte buffer: every read is checked against the end of
/// the buffer, nesting is limited, and numbers are limited in length, so hostile bytes give a
/// `PDFError`, never a crash or a long loop.
struct PDFSyntax {
    let bytes: [UInt8]
    var position: Int
    /// Objects parsed so far; a parse stops at `budget`.
    private var parsed = 0
    private let budget: Int
    static let maximumDepth = 32

    init(_ bytes: [UInt8], at position: Int, budget: Int = 1_000_000) {
        self.bytes = bytes
        self.position = max(0, min(position, bytes.count))
        self.budget = budget
    }

    static func isWhitespace(_ byte: UInt8) -> Bool { [0x00, 0x09, 0x0A, 0x0C, 0x0D, 0x20].contains(byte) }
    static func isDelimiter(_ byte: UInt8) -> Bool { [0x28, 0x29, 0x3C, 0x3E, 0x5B, 0x5D, 0x7B, 0x7D, 0x2F, 0x25].contains(byte) }
    static func isRegular(_ byte: UInt8) -> Bool { !isWhitespace(byte) && !isDelimiter(byte) }

    var atEnd: Bool { position >= bytes.count }

    /// Skips white space and comments.
    mutating func skipSpace() {
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isWhitespace(byte) {
                position += 1
            } else if byte == 0x25 {
                while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
            } else {
                return
            }
        }
    }

    /// The regular characters at the position (a keyword or a number), without consuming them.
    func peekToken() -> String {
        var end = position
        while end < bytes.count, end - position < 32, Self.isRegular(bytes[end]) { end += 1 }
        return String(decoding: bytes[position..<end], as: UTF8.self)
    }

    /// Consumes `keyword` (after white space) or throws.
    mutating func expect(_ keyword: String) throws {
        skipSpace()
        guard peekToken() == keyword else { throw PDFError("expected '\(keyword)' at byte \(position)") }
        position += keyword.utf8.count
    }

    /// A non-negative integer token (at most 15 digits).
    mutating func unsigned() throws -> Int {
        skipSpace()
        var value = 0
        var digits = 0
        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
            guard digits < 15 else { throw PDFError("number too long at byte \(position)") }
            value = value * 10 + Int(bytes[position] - 0x30)
            digits += 1
            position += 1
        }
        guard digits > 0 else { throw PDFError("expected a number at byte \(position)") }
        return value
    }

    /// The object at the position.
    mutating func object(depth: Int = 0) throws -> PDFObject {
        guard depth < Self.maximumDepth else { throw PDFError("objects nested too deeply at byte \(position)") }
        parsed += 1
        guard parsed <= budget else { throw PDFError("too many objects") }
        skipSpace()
        guard position < bytes.count else { throw PDFError("unexpected end of file") }
        let byte = bytes[position]
        switch byte {
        case 0x2F:  // /
            position += 1
            return .name(name())
        case 0x28:  // (
            position += 1
            return .string(try literalString())
        case 0x3C:  // <
            if position + 1 < bytes.count, bytes[position + 1] == 0x3C {
                position += 2
                return try dictionary(depth: depth)
            }
            position += 1
            return .string(try hexString())
        case 0x5B:  // [
            position += 1
            var items: [PDFObject] = []
            while true {
                skipSpace()
                guard position < bytes.count else { throw PDFError("unterminated array") }
                if bytes[position] == 0x5D {
                    position += 1
                    return .array(items)
                }
                items.append(try object(depth: depth + 1))
            }
        default:
            let token = peekToken()
            switch token {
            case "true", "false", "null":
                position += token.utf8.count
                return token == "null" ? .null : .bool(token == "true")
            default:
                return try number()
            }
        }
    }

    private mutating func dictionary(depth: Int) throws -> PDFObject {
        var entries: [(key: String, value: PDFObject)] = []
        while true {
            skipSpace()
            guard position + 1 < bytes.count else { throw PDFError("unterminated dictionary") }
            if bytes[position] == 0x3E, bytes[position + 1] == 0x3E {
                position += 2
                return .dictionary(entries)
            }
            guard bytes[position] == 0x2F else { throw PDFError("expected a name as dictionary key at byte \(position)") }
            position += 1
            let key = name()
            let value = try object(depth: depth + 1)
            entries.removeAll { $0.key == key }
            entries.append((key, value))
        }
    }

    /// A number, or `N G R` when followed by a generation and `R`.
    private mutating func number() throws -> PDFObject {
        let start = position
        var end = position
        while end < bytes.count, end - start <= 32,
            bytes[end] == 0x2B || bytes[end] == 0x2D || bytes[end] == 0x2E || (bytes[end] >= 0x30 && bytes[end] <= 0x39)
        {
            end += 1
        }
        guard end > start, end - start <= 32 else { throw PDFError("unexpected byte \(bytes[start]) at byte \(start)") }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        position = end
        // An indirect reference?
        if let number = Int(text), number >= 0, text.count <= 15 {
            let saved = position
            skipSpace()
            if let generation = try? unsigned(), generation <= 65535 {
                skipSpace()
                if peekToken() == "R" {
                    position += 1
                    return .reference(number: number, generation: generation)
                }
            }
            position = saved
        }
        return .number(text)
    }

    private mutating func name() -> String {
        var out: [UInt8] = []
        while position < bytes.count, Self.isRegular(bytes[position]), out.count < 256 {
            let byte = bytes[position]
            if byte == 0x23, position + 2 < bytes.count, let high = Self.hexValue(bytes[position + 1]),
                let low = Self.hexValue(bytes[position + 2])
            {
                out.append(high << 4 | low)
                position += 3
            } else {
                out.append(byte)
                position += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A literal string after its `(`: balanced parentheses and backslash escapes (7.3.4.2).
    private mutating func literalString() throws -> [UInt8] {
        var out: [UInt8] = []
        var depth = 1
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case 0x28:
                depth += 1
                out.append(byte)
            case 0x29:
                depth -= 1
                if depth == 0 { return out }
                out.append(byte)
            case 0x5C:
                guard position < bytes.count else { throw PDFError("unterminated string") }
                let escaped = bytes[position]
                position += 1
                switch escaped {
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x0D:
                    if position < bytes.count, bytes[position] == 0x0A { position += 1 }
                case 0x0A: break
                case 0x30...0x37:
                    var value = Int(escaped - 0x30)
                    for _ in 0..<2 where position < bytes.count && (0x30...0x37).contains(bytes[position]) {
                        value = value * 8 + Int(bytes[position] - 0x30)
                        position += 1
                    }
                    out.append(UInt8(truncatingIfNeeded: value))
                default: out.append(escaped)
                }
            default:
                out.append(byte)
            }
        }
        throw PDFError("unterminated string")
    }

    private mutating func hexString() throws -> [UInt8] {
        var out: [UInt8] = []
        var high: UInt8?
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == 0x3E {
                if let high { out.append(high << 4) }
                return out
            }
            if Self.isWhitespace(byte) { continue }
            guard let value = Self.hexValue(byte) else { throw PDFError("bad hexadecimal string at byte \(position - 1)") }
            if let first = high {
                out.append(first << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        throw PDFError("unterminated hexadecimal string")
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
