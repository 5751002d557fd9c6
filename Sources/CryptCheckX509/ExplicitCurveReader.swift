import CryptCheckModel

/// Reads SEC1 / X9.62 explicit EC domain parameters (RFC 3279 2.3.5 ECParameters): the field
/// size, and the named curve they equal, if any (`ExplicitCurveTable`, compared on the field,
/// a, b, the base point's x coordinate and the order n).
package enum ExplicitCurveReader {
    /// FieldID and basis OIDs (ANSI X9.62, RFC 3279 2.3.5).
    static let primeField = "1.2.840.10045.1.1", characteristicTwoField = "1.2.840.10045.1.2"
    /// Characteristic-two basis types: trinomial (one exponent) and pentanomial (three).
    static let trinomialBasis = "1.2.840.10045.1.2.3.2", pentanomialBasis = "1.2.840.10045.1.2.3.3"

    /// Key facts for an EC key with these explicit parameters. `bits` is the named curve's
    /// order size when they equal one, else the smaller of the field size and the order size
    /// (a large field with a small subgroup is no stronger than the subgroup).
    package static func keyFacts(_ node: DER) throws -> KeyFacts {
        let fields = try node.sequence("ECParameters", minimum: 5)
        guard fields[1].tag == DER.sequence, fields[2].tag == DER.sequence, fields[3].tag == DER.octetString,
            fields[4].tag == DER.integer
        else {
            throw FormatError(.ecParametersMalformed, "ECParameters: missing or mistyped fields")
        }
        let fieldID = try fields[1].sequence("FieldID", minimum: 2)
        let fieldText: String, fieldBits: Int
        switch try fieldID[0].oid() {
        case primeField:
            fieldBits = try fieldID[1].integerBitLength()
            fieldText = "p=" + hex(fieldID[1].value)
        case characteristicTwoField:
            let char2 = try fieldID[1].sequence("Characteristic-two", minimum: 2)
            fieldBits = try char2[0].int()
            var exponents: [String] = []
            switch try char2[1].oid() {
            case trinomialBasis where char2.count > 2:
                exponents = [String(try char2[2].int())]
            case pentanomialBasis where char2.count > 2:
                exponents = try char2[2].sequence("Pentanomial", minimum: 3).map { String(try $0.int()) }
            default:
                break
            }
            fieldText = "m=\(fieldBits)," + exponents.joined(separator: ",")
        case let other:
            throw FormatError(.ecParametersMalformed, "ECParameters: unknown field type \(other)")
        }
        let curve = try fields[2].sequence("Curve", minimum: 2)
        let base = Array(fields[3].value)
        guard let form = base.first, [0x02, 0x03, 0x04].contains(form), base.count > 1 else {
            throw FormatError(.ecParametersMalformed, "ECParameters: the base point is neither compressed nor uncompressed")
        }
        let coordinate = form == 0x04 ? (base.count - 1) / 2 : base.count - 1
        let x = base[1..<(1 + coordinate)]
        let orderBits = try fields[4].integerBitLength()
        let canonical = [fieldText, hex(curve[0].value), hex(curve[1].value), hex(x), hex(fields[4].value)]
            .joined(separator: ";")
        var facts = KeyFacts(algorithm: .ec, oid: "1.2.840.10045.2.1")
        facts.explicitCurveParameters = true
        if let named = ExplicitCurveTable.byParameters[canonical] {
            facts.curve = named.id
            facts.bits = named.orderBits
        } else {
            facts.curve = "explicit"
            facts.bits = min(fieldBits, orderBits)
        }
        return facts
    }

    /// Lower-case hex without leading zero bytes ("0" for zero), as the generator writes it.
    static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes.drop(while: { $0 == 0 }) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text.isEmpty ? "0" : String(decoding: text, as: UTF8.self)
    }
}
