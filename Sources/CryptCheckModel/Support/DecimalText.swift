/// Whole numbers in decimal, appended as ASCII bytes digit by digit: the dates of every
/// certificate judged and written are made this way, where a `String` per number cost more than
/// the rest of the date.
public enum DecimalText {
    /// How many decimal digits `magnitude` has (1 for zero).
    public static func digitCount(_ magnitude: UInt) -> Int {
        var count = 1
        var rest = magnitude
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        return count
    }

    /// Appends `magnitude` in decimal, with leading zeros up to `minimumDigits` digits.
    public static func append(_ magnitude: UInt, minimumDigits: Int = 1, to bytes: inout [UInt8]) {
        let count = digitCount(magnitude)
        for _ in count..<max(count, minimumDigits) { bytes.append(0x30) }
        var divisor: UInt = 1
        for _ in 1..<count { divisor *= 10 }
        while divisor > 0 {
            bytes.append(0x30 + UInt8(magnitude / divisor % 10))
            divisor /= 10
        }
    }

    /// How many digits `magnitude` takes padded to `minimumDigits`.
    public static func width(_ magnitude: UInt, minimumDigits: Int = 1) -> Int {
        max(digitCount(magnitude), minimumDigits)
    }
}
