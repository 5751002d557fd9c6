/// A spliced document whose spooled elements hold markers, `NUL number NUL`, for what was known
/// only once everything was read (a SARIF rule index, a CBOM certificate component): no JSON text
/// holds a raw NUL, so each marker is exact, and it is replaced by `replacements[number]` as the
/// document is written.
struct MarkedDocument {
    let document: SplicedDocument
    let replacements: [[UInt8]]

    /// The marker of replacement number `number`.
    static func marker(_ number: Int) -> [UInt8] { [0] + Array(String(number).utf8) + [0] }

    func write(to sink: ([UInt8]) throws -> Void) throws {
        var number: Int?
        try document.write { bytes in
            guard number != nil || bytes.contains(0) else { return try sink(bytes) }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            for byte in bytes {
                if byte == 0 {
                    if let current = number {
                        out.append(contentsOf: replacements[current])
                        number = nil
                    } else {
                        number = 0
                    }
                } else if let current = number {
                    number = current * 10 + Int(byte - 0x30)
                } else {
                    out.append(byte)
                }
            }
            try sink(out)
        }
    }
}
