import CryptCheckModel
import Testing

@Suite("Decimal digits as bytes")
struct DecimalTextTests {
    @Test(arguments: [UInt(0), 7, 10, 99, 100, 2026, 65_535, 1_000_000, UInt.max])
    func theDigitsAreThoseOfStringDescribing(value: UInt) {
        var bytes: [UInt8] = []
        DecimalText.append(value, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == String(value))
        #expect(DecimalText.digitCount(value) == String(value).count)
        var padded: [UInt8] = [0x2B]
        DecimalText.append(value, minimumDigits: 6, to: &padded)
        let text = String(value)
        #expect(String(decoding: padded, as: UTF8.self) == "+" + String(repeating: "0", count: max(0, 6 - text.count)) + text)
    }
}
