import CryptCheckModel

/// LDAP StartTLS (RFC 4511 4.14): an ExtendedRequest naming 1.3.6.1.4.1.1466.20037, and an
/// ExtendedResponse whose resultCode is success (0) before TLS. The response is read as BER
/// (RFC 4511 5.1: definite lengths, long forms allowed, as OpenLDAP sends them).
enum LDAPPreamble {
    /// The StartTLS request OID (RFC 4511 4.14.1).
    static let startTLSOID = "1.3.6.1.4.1.1466.20037"
    /// The Notice of Disconnection's OID (RFC 4511 4.4.1), answered with message ID 0.
    static let disconnectionOID = "1.3.6.1.4.1.1466.20036"

    /// LDAPMessage { messageID 1, [APPLICATION 23] ExtendedRequest { [0] requestName } }.
    static var request: [UInt8] {
        let name: [UInt8] = [0x80, UInt8(startTLSOID.utf8.count)] + Array(startTLSOID.utf8)
        let operation: [UInt8] = [0x77, UInt8(name.count)] + name
        let body: [UInt8] = [0x02, 0x01, 0x01] + operation
        return [0x30, UInt8(body.count)] + body
    }

    static func run(_ channel: PreambleChannel) throws {
        try channel.send(request)
        let (outerTag, message) = try readElement(channel)
        guard outerTag == 0x30 else { throw StartTLSError.malformed("LDAP server answered something that is not an LDAPMessage") }
        var reader = BERReader(message)
        let messageID = try reader.element(expecting: 0x02)
        let (tag, response) = try reader.element()
        guard tag == 0x78 else {
            throw StartTLSError.malformed("LDAP server answered StartTLS with operation tag 0x\(Hex.lower([tag])), not an ExtendedResponse")
        }
        var fields = BERReader(response)
        let codeBytes = try fields.element(expecting: 0x0A)
        _ = try fields.element(expecting: 0x04)  // matchedDN
        let diagnostic = try fields.element(expecting: 0x04)
        guard (1...4).contains(codeBytes.count) else {
            throw StartTLSError.malformed("LDAP server sent a resultCode of \(codeBytes.count) bytes")
        }
        let code = codeBytes.reduce(0) { $0 << 8 | Int($1) }
        let said = diagnostic.isEmpty ? "" : ", " + PreambleChannel.shown(diagnostic)
        guard messageID == [0x01] else {
            throw StartTLSError.refused(
                "LDAP server answered with message ID \(Hex.lower(messageID)) (a notice of disconnection), resultCode \(code)\(said)")
        }
        guard code == 0 else {
            throw StartTLSError.refused(
                "LDAP server refused StartTLS: resultCode \(code)\(resultName(code).map { " (\($0))" } ?? "")\(said)")
        }
        try channel.finish()
    }

    /// Names of the result codes a StartTLS refusal uses (RFC 4511 4.1.9, 4.14.2).
    static func resultName(_ code: Int) -> String? {
        switch code {
        case 1: "operationsError"
        case 2: "protocolError"
        case 7: "authMethodNotSupported"
        case 12: "unavailableCriticalExtension"
        case 50: "insufficientAccessRights"
        case 51: "busy"
        case 52: "unavailable"
        case 53: "unwillingToPerform"
        case 80: "other"
        default: nil
        }
    }

    /// One whole BER element from the connection: its tag and contents.
    static func readElement(_ channel: PreambleChannel) throws -> (UInt8, [UInt8]) {
        let head = try channel.read(count: 2)
        var length = Int(head[1])
        if head[1] & 0x80 != 0 {
            let count = Int(head[1] & 0x7F)
            guard (1...4).contains(count) else { throw StartTLSError.malformed("LDAP server sent a BER length of \(count) bytes") }
            length = try channel.read(count: count).reduce(0) { $0 << 8 | Int($1) }
        }
        return (head[0], try channel.read(count: length))
    }

    /// Elements inside a BER value already read.
    struct BERReader {
        let bytes: [UInt8]
        var offset = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func element(expecting expected: UInt8) throws -> [UInt8] {
            let (tag, contents) = try element()
            guard tag == expected else {
                throw StartTLSError.malformed("LDAP server sent tag 0x\(Hex.lower([tag])) where 0x\(Hex.lower([expected])) belongs")
            }
            return contents
        }

        mutating func element() throws -> (UInt8, [UInt8]) {
            guard offset + 2 <= bytes.count else { throw StartTLSError.malformed("LDAP server's response ends inside an element") }
            let tag = bytes[offset]
            var length = Int(bytes[offset + 1])
            offset += 2
            if length & 0x80 != 0 {
                let count = length & 0x7F
                guard (1...4).contains(count), offset + count <= bytes.count else {
                    throw StartTLSError.malformed("LDAP server's response has a bad BER length")
                }
                length = bytes[offset..<offset + count].reduce(0) { $0 << 8 | Int($1) }
                offset += count
            }
            guard length <= bytes.count - offset else { throw StartTLSError.malformed("LDAP server's response ends inside an element") }
            defer { offset += length }
            return (tag, Array(bytes[offset..<offset + length]))
        }
    }
}
