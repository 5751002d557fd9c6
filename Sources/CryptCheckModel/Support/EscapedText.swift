/// Bytes from outside (file names, SSH certificate key ids and principals) made safe to show,
/// without losing anything: the one escaping every output uses for such text.
///
/// Valid UTF-8 passes unchanged, except:
/// - a backslash becomes `\\`;
/// - a byte that is not part of valid UTF-8 becomes `\xNN` (the raw byte);
/// - a C0 control character or DEL becomes `\xNN` (its code, which is also its byte);
/// - a C1 control, a line or paragraph separator, or a bidirectional control (which can make
///   text read differently from what it is) becomes `\u{NNNN}`.
///
/// So the result holds no control characters and `unescape` gives back the exact bytes: a name
/// with byte 0xFF shows as `\xFF`, a name with U+FFFD shows as `�`, and a name that really
/// is the four characters `\xFF` shows as `\\xFF`.
public enum EscapedText {
    /// The escaped text of `bytes`.
    public static func escape<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        escape(Array(bytes))  // an Array's buffer is shared, not copied
    }

    /// The escaped text of `bytes` (the non-generic form every other one calls: a generic
    /// function from another module runs unspecialised, through witness tables, on every byte).
    public static func escape(_ bytes: [UInt8]) -> String {
        // Fast path: printable ASCII without a backslash, the usual case for paths.
        var plain = true
        for byte in bytes where byte < 0x20 || byte >= 0x7F || byte == 0x5C {
            plain = false
            break
        }
        if plain { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var index = 0
        while index < bytes.count {
            guard let (scalar, length) = decodeScalar(bytes, at: index) else {
                output += Array("\\x\(hex(bytes[index]))".utf8)
                index += 1
                continue
            }
            switch scalar {
            case 0x5C: output += [0x5C, 0x5C]
            case 0x00..<0x20, 0x7F: output += Array("\\x\(hex(UInt8(scalar)))".utf8)
            case 0x80..<0xA0, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C:
                output += Array("\\u{\(String(scalar, radix: 16, uppercase: true).leftPadded(to: 4))}".utf8)
            default: output += bytes[index..<index + length]
            }
            index += length
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Escapes a string that is already text (decoded elsewhere): its control characters and
    /// backslashes, by the same rules.
    public static func escape(_ text: String) -> String { escape(Array(text.utf8)) }

    /// One line of text made safe for a terminal, for text that may already hold escapes
    /// (backslashes are left alone): C0 controls (a newline too, so no line can be forged), DEL,
    /// C1 controls, line separators and bidirectional controls become visible escapes. Applied
    /// to every line a text renderer writes, and to every message on standard error.
    public static func terminalSafe(_ line: String) -> String {
        if isPrintableASCII(line, allowingNewlines: false) { return line }
        var out = ""
        out.reserveCapacity(line.utf8.count + 8)
        for scalar in line.unicodeScalars {
            switch scalar.value {
            case 0x00..<0x20, 0x7F: out += "\\x" + hex(UInt8(scalar.value))
            case 0x80..<0xA0, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C:
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Every line of `text` made terminal-safe, the line breaks kept.
    public static func terminalSafeLines(_ text: String) -> String {
        if isPrintableASCII(text, allowingNewlines: true) { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { terminalSafe(String($0)) }.joined(separator: "\n")
    }

    /// Whether `text` is printable ASCII only (and line feeds, if allowed): a loop over its
    /// contiguous UTF-8, the check every rendered line passes through.
    private static func isPrintableASCII(_ text: String, allowingNewlines: Bool) -> Bool {
        // Eight bytes a step while none is below 0x20 or at or above 0x7F, then byte by byte
        // from the first word that has one.
        func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var index = 0
            while index + 8 <= bytes.count {
                let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
                if ByteWord.hasControl(word) || ByteWord.hasDELOrNonASCII(word) { break }
                index += 8
            }
            for byte in bytes[index...] where byte < 0x20 || byte >= 0x7F {
                if byte == 0x0A && allowingNewlines { continue }
                return false
            }
            return true
        }
        if let result = text.utf8.withContiguousStorageIfAvailable(check) { return result }
        var copy = text
        return copy.withUTF8(check)
    }

    /// The bytes an escaped text stands for, or `nil` when it is not the output of `escape`.
    public static func unescape(_ text: String) -> [UInt8]? {
        let input = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        while index < input.count {
            guard input[index] == 0x5C else {
                output.append(input[index])
                index += 1
                continue
            }
            guard index + 1 < input.count else { return nil }
            switch input[index + 1] {
            case 0x5C:
                output.append(0x5C)
                index += 2
            case UInt8(ascii: "x"):
                guard index + 4 <= input.count, let byte = UInt8(String(decoding: input[index + 2..<index + 4], as: UTF8.self), radix: 16)
                else { return nil }
                output.append(byte)
                index += 4
            case UInt8(ascii: "u"):
                guard index + 2 < input.count, input[index + 2] == UInt8(ascii: "{"),
                    let close = input[(index + 3)...].prefix(9).firstIndex(of: UInt8(ascii: "}")),
                    let value = UInt32(String(decoding: input[(index + 3)..<close], as: UTF8.self), radix: 16),
                    let scalar = Unicode.Scalar(value)
                else { return nil }
                output += Array(String(Character(scalar)).utf8)
                index = close + 1
            default:
                return nil
            }
        }
        return output
    }

    /// The scalar starting at `index` and its length in bytes, if the bytes there are a valid,
    /// shortest-form UTF-8 sequence (RFC 3629: no surrogates, nothing past U+10FFFF).
    private static func decodeScalar(_ bytes: [UInt8], at index: Int) -> (UInt32, Int)? {
        let lead = bytes[index]
        let length: Int, minimum: UInt32
        var value: UInt32
        switch lead {
        case 0x00..<0x80: return (UInt32(lead), 1)
        case 0xC2..<0xE0: (length, minimum, value) = (2, 0x80, UInt32(lead & 0x1F))
        case 0xE0..<0xF0: (length, minimum, value) = (3, 0x800, UInt32(lead & 0x0F))
        case 0xF0..<0xF5: (length, minimum, value) = (4, 0x10000, UInt32(lead & 0x07))
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
        return (value, length)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
