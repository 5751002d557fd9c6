/// Tests on eight bytes at once, for the loops that pass over text looking for the few bytes that
/// need handling (escaping, a terminal's control characters), from "Bit Twiddling Hacks". Each
/// answers exactly whether any of the eight bytes qualifies.
public enum ByteWord {
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether any byte is a C0 control character (below 0x20).
    @inlinable @inline(__always)
    public static func hasControl(_ word: UInt64) -> Bool {
        (word &- ones &* 0x20) & ~word & highs != 0
    }

    /// Whether any byte is `byte`.
    @inlinable @inline(__always)
    public static func has(_ byte: UInt8, in word: UInt64) -> Bool {
        let equal = word ^ (ones &* UInt64(byte))
        return (equal &- ones) & ~equal & highs != 0
    }

    /// Whether any byte is DEL or above (0x7F to 0xFF: not printable ASCII).
    @inlinable @inline(__always)
    public static func hasDELOrNonASCII(_ word: UInt64) -> Bool {
        ((word & ~highs) &+ ones) & highs | word & highs != 0
    }
}
