/// Makes JSON safe to embed in an HTML `<script>` element and to print, piece by piece (a file
/// scan's report data runs to hundreds of megabytes and is written as it is encoded): every
/// `</` becomes `<\/`, and C1 controls, U+061C, the line and paragraph separators and the
/// bidirectional controls become `\uXXXX` (the same JSON, since they only occur in strings).
/// A character split between two pieces is held back until the next one.
struct ScriptSafeFilter {
    private var previous: UInt8 = 0
    private var carry: [UInt8] = []

    /// The safe form of `piece`, less any trailing bytes that need the next piece to decide.
    mutating func pass(_ piece: [UInt8]) -> [UInt8] {
        let input = carry.isEmpty ? piece : carry + piece
        carry = []
        return filter(input, final: false)
    }

    /// The bytes held back at the end (a character cut off by the end of the data), as they are.
    mutating func finish() -> [UInt8] {
        let rest = carry
        carry = []
        return filter(rest, final: true)
    }

    private mutating func filter(_ input: [UInt8], final: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count + 16)
        var index = 0
        while index < input.count {
            let byte = input[index]
            let length = byte == 0xE2 ? 3 : (byte == 0xC2 || byte == 0xD8) ? 2 : 1
            if index + length > input.count && !final {
                carry = Array(input[index...])
                break
            }
            if byte == UInt8(ascii: "/") && previous == UInt8(ascii: "<") { out.append(UInt8(ascii: "\\")) }
            if index + length <= input.count, let scalar = Self.unsafeScalar(input, at: index, lead: byte) {
                let hex = Array(String(scalar, radix: 16).utf8)
                out += [UInt8(ascii: "\\"), UInt8(ascii: "u")] + Array(repeating: UInt8(ascii: "0"), count: 4 - hex.count) + hex
                index += scalar < 0x800 ? 2 : 3
                previous = input[index - 1]
                continue
            }
            out.append(byte)
            previous = byte
            index += 1
        }
        return out
    }

    /// The character starting at `index` when it must be escaped (its lead byte is `lead` and
    /// the bytes it needs are there).
    private static func unsafeScalar(_ input: [UInt8], at index: Int, lead: UInt8) -> UInt32? {
        switch lead {
        case 0xC2 where (0x80...0x9F).contains(input[index + 1]):
            return UInt32(input[index + 1])
        case 0xD8 where input[index + 1] == 0x9C:
            return 0x061C
        case 0xE2 where input[index + 1] == 0x80 || input[index + 1] == 0x81:
            let value = 0x2000 | UInt32(input[index + 1] & 0x3F) << 6 | UInt32(input[index + 2] & 0x3F)
            let unsafe =
                [0x200E, 0x200F, 0x2028, 0x2029].contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            return unsafe ? value : nil
        default:
            return nil
        }
    }
}
