/// Turns pretty-printed JSON into the compact JSON of the same value, piece by piece: the
/// white space Foundation's pretty printing (and `SortedJSONEncoder`) adds all lies outside
/// strings (newlines, indentation, `" : "`), and a string holds no raw white space but the
/// space itself, so leaving out every space, tab and newline outside strings is exact. The
/// streamed report digests its canonical (compact) bytes this way from the pretty spools.
struct CompactingFilter {
    private var inString = false
    private var escaped = false

    /// The compact bytes of the next piece of the pretty document.
    mutating func filter(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for byte in bytes {
            if inString {
                out.append(byte)
                if escaped {
                    escaped = false
                } else if byte == 0x5C {
                    escaped = true
                } else if byte == 0x22 {
                    inString = false
                }
            } else if byte != 0x20 && byte != 0x0A && byte != 0x09 && byte != 0x0D {
                out.append(byte)
                if byte == 0x22 { inString = true }
            }
        }
        return out
    }
}
