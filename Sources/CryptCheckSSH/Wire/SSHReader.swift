import CryptCheckModel

/// A cursor over SSH wire data (RFC 4251 5): every length is checked against the bytes left,
/// so a hostile length costs nothing but an error.
package struct SSHReader {
    private let bytes: ArraySlice<UInt8>
    private var offset: Int

    package init(_ bytes: some Collection<UInt8>) {
        self.bytes = ArraySlice(bytes)
        offset = self.bytes.startIndex
    }

    package var isAtEnd: Bool { offset == bytes.endIndex }

    private func truncated(_ what: String) -> SSHWireError {
        SSHWireError(.sshWireMalformed, "SSH message ends inside its \(what)")
    }

    package mutating func byte() throws -> UInt8 {
        guard offset < bytes.endIndex else { throw truncated("byte field") }
        defer { offset += 1 }
        return bytes[offset]
    }

    package mutating func boolean() throws -> Bool { try byte() != 0 }

    package mutating func uint32() throws -> UInt32 {
        guard bytes.endIndex - offset >= 4 else { throw truncated("uint32 field") }
        defer { offset += 4 }
        return bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    package mutating func raw(_ count: Int) throws -> [UInt8] {
        guard count >= 0, bytes.endIndex - offset >= count else { throw truncated("fixed field") }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    package mutating func string() throws -> [UInt8] {
        let length = Int(try uint32())
        guard length <= bytes.endIndex - offset else {
            throw SSHWireError(.sshWireMalformed, "SSH string of \(length) bytes runs past the end of its message")
        }
        defer { offset += length }
        return Array(bytes[offset..<offset + length])
    }

    /// An mpint's magnitude, big-endian, leading zeros dropped; a negative mpint is refused.
    package mutating func mpint() throws -> [UInt8] {
        let value = try string()
        if let first = value.first, first & 0x80 != 0 { throw SSHWireError(.sshWireMalformed, "negative mpint") }
        return Array(value.drop { $0 == 0 })
    }

    /// A name-list (RFC 4251 5): comma-separated US-ASCII names, at most `limit` of them,
    /// each escaped for display when it holds bytes outside printable ASCII.
    package mutating func nameList(limit: Int = 512) throws -> [String] {
        let value = try string()
        guard !value.isEmpty else { return [] }
        let parts = value.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        guard parts.count <= limit else {
            throw SSHWireError(.sshWireOversized, "a name-list of \(parts.count) names (the scanner reads at most \(limit))")
        }
        return parts.map { EscapedText.escape(Array($0)) }
    }

    /// The bytes not read yet.
    package var rest: [UInt8] { Array(bytes[offset...]) }
}

/// Builds SSH wire data.
package struct SSHWriter {
    package private(set) var bytes: [UInt8] = []

    package init() {}

    package mutating func byte(_ value: UInt8) { bytes.append(value) }
    package mutating func boolean(_ value: Bool) { bytes.append(value ? 1 : 0) }

    package mutating func uint32(_ value: UInt32) {
        bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    package mutating func string(_ value: [UInt8]) {
        uint32(UInt32(value.count))
        bytes += value
    }

    package mutating func string(_ value: String) { string(Array(value.utf8)) }

    package mutating func nameList(_ names: [String]) { string(names.joined(separator: ",")) }

    /// An mpint of a non-negative big-endian magnitude (RFC 4251 5).
    package mutating func mpint(_ magnitude: [UInt8]) {
        var value = Array(magnitude.drop { $0 == 0 })
        if let first = value.first, first & 0x80 != 0 { value.insert(0, at: 0) }
        string(value)
    }

    package mutating func raw(_ value: [UInt8]) { bytes += value }
}
