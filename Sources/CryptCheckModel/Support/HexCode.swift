import Foundation

/// Formatting and parsing of code points as `0xNNNN`.
public enum HexCode {
    /// `0x` followed by `digits` upper-case hex digits.
    public static func format<T: BinaryInteger>(_ value: T, digits: Int) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, digits - hex.count)) + hex
    }

    /// Parses `0xNNNN` (case-insensitive); also accepts the `0xC0,0x2F` byte-pair notation.
    public static func parse(_ text: String) -> UInt32? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let pairs = trimmed.split(separator: ",")
        if pairs.count > 1 {
            var value: UInt32 = 0
            for pair in pairs {
                guard let byte = parse(String(pair)), byte <= 0xFF else { return nil }
                value = value << 8 | byte
            }
            return value
        }
        guard trimmed.lowercased().hasPrefix("0x"), trimmed.count > 2, trimmed.count <= 10 else {
            return nil
        }
        return UInt32(trimmed.dropFirst(2), radix: 16)
    }
}

/// Lower-case hex of bytes, without separators.
public enum Hex {
    /// Lower-case hex, two digits per byte. Inlinable so that each caller gets a loop
    /// specialised for its collection (fingerprints and serial numbers of every certificate).
    @inlinable
    public static func lower<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
            var index = 0
            for byte in bytes {
                buffer[index] = digit(byte >> 4)
                buffer[index + 1] = digit(byte & 0x0F)
                index += 2
            }
            return index
        }
    }

    @inlinable
    static func digit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x57 + value }
}
