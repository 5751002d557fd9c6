import CryptCheckModel

/// SSLv2 (RFC 6176 prohibits it): CLIENT-HELLO encoding and SERVER-HELLO parsing.
package enum SSLv2 {
    /// A CLIENT-HELLO offering every SSLv2 cipher kind of the registry.
    package static func clientHello(challenge: [UInt8]) -> [UInt8] {
        let kinds = SSLv2CipherKindRegistry.all.filter { $0.cipher != nil }.map(\.code)
        var body = ByteWriter()
        body.u8(1)  // CLIENT-HELLO
        body.u16(0x0002)
        body.u16(UInt16(kinds.count * 3))
        body.u16(0)  // session id
        body.u16(UInt16(challenge.count))
        for kind in kinds { body.append([UInt8(kind >> 16 & 0xFF), UInt8(kind >> 8 & 0xFF), UInt8(kind & 0xFF)]) }
        body.append(challenge)
        let length = body.bytes.count
        return [UInt8(0x80 | length >> 8), UInt8(length & 0xFF)] + body.bytes
    }

    /// What a SERVER-HELLO says: the cipher kinds the server offers back.
    package struct ServerHello: Sendable, Hashable {
        package var cipherKinds: [UInt32]
        package var certificate: [UInt8]
    }

    /// Parses one SSLv2 record holding a SERVER-HELLO; `nil` if more bytes are needed.
    package static func parseServerHello(_ bytes: [UInt8]) throws -> ServerHello? {
        guard bytes.count >= 2 else { return nil }
        guard bytes[0] & 0x80 != 0 else { throw TLSParseError(.tlsNotARecord, "not an SSLv2 record") }
        let length = Int(bytes[0] & 0x7F) << 8 | Int(bytes[1])
        guard bytes.count >= 2 + length else { return nil }
        var reader = ByteReader(bytes[2..<(2 + length)])
        guard try reader.u8("message type") == 4 else { throw TLSParseError(.tlsMalformed, "not an SSLv2 SERVER-HELLO") }
        _ = try reader.u8("session id hit")
        _ = try reader.u8("certificate type")
        guard try reader.u16("version") == 0x0002 else { throw TLSParseError(.tlsMalformed, "SERVER-HELLO is not SSLv2") }
        let certificateLength = Int(try reader.u16("certificate length"))
        let specsLength = Int(try reader.u16("cipher specs length"))
        _ = try reader.u16("connection id length")
        let certificate = Array(try reader.take(certificateLength, "certificate"))
        guard specsLength % 3 == 0 else { throw TLSParseError(.tlsMalformed, "cipher specs length \(specsLength) is not a multiple of 3") }
        var specs = ByteReader(try reader.take(specsLength, "cipher specs"))
        var kinds: [UInt32] = []
        while !specs.isAtEnd {
            let kind = try specs.take(3)
            kinds.append(UInt32(kind[kind.startIndex]) << 16 | UInt32(kind[kind.startIndex + 1]) << 8 | UInt32(kind[kind.startIndex + 2]))
        }
        return ServerHello(cipherKinds: kinds, certificate: certificate)
    }
}

extension HandshakeProbe {
    /// Whether the server speaks SSLv2, and the cipher kinds it offers back: an SSLv2 server
    /// answers a CLIENT-HELLO offering every kind with the kinds it has in common.
    package func runSSLv2() -> (status: ProbeStatus, cipherKinds: [SSLv2CipherKind]) {
        do {
            return try withConnection { connection, deadline in
                try connection.send(SSLv2.clientHello(challenge: Self.randomBytes(16)), deadline: deadline)
                var received: [UInt8] = []
                while received.count <= 32_770 {
                    let bytes = try connection.receive(deadline: deadline)
                    if bytes.isEmpty { return (.no, []) }
                    received += bytes
                    if received[0] & 0x80 == 0 { return (.no, []) }  // a TLS alert or anything else: no SSLv2
                    if let hello = try SSLv2.parseServerHello(received) {
                        let kinds = hello.cipherKinds.map(SSLv2CipherKind.init(rawValue:))
                        return (kinds.isEmpty ? .no : .yes, kinds)
                    }
                }
                return (.failed(reason: "SSLv2: the server sent too much", code: .connectionOversized), [])
            }
        } catch let error as TLSParseError {
            return (.failed(reason: "malformed SSLv2 answer: \(error)", code: error.code), [])  // never read as "not supported"
        } catch {
            return (.failed(reason: "\(error)", code: ErrorCode.of(error)), [])
        }
    }
}
