import CryptCheckModel
import Testing

@testable import CryptCheckTLS

@Suite("TLS wire codecs")
struct WireTests {
    /// A ServerHello record as a TLS 1.2 server sends it: version 0x0303, a random, an empty
    /// session id, 0xC02F, no compression, renegotiation_info and extended_master_secret.
    static func serverHello(
        random: [UInt8] = Array(repeating: 0x11, count: 32), suite: UInt16 = 0xC02F,
        extensions: [UInt8] = [0xFF, 0x01, 0x00, 0x01, 0x00, 0x00, 0x17, 0x00, 0x00]
    ) -> [UInt8] {
        var body: [UInt8] = [0x03, 0x03] + random + [0x00, UInt8(suite >> 8), UInt8(suite & 0xFF), 0x00]
        body += [UInt8(extensions.count >> 8), UInt8(extensions.count & 0xFF)] + extensions
        let message: [UInt8] = [0x02, 0x00, UInt8(body.count >> 8), UInt8(body.count & 0xFF)] + body
        return [0x16, 0x03, 0x03, UInt8(message.count >> 8), UInt8(message.count & 0xFF)] + message
    }

    @Test func parsesAServerHelloSplitAcrossReads() throws {
        let record = Self.serverHello() + [0x16, 0x03, 0x03, 0x00, 0x04, 0x0E, 0x00, 0x00, 0x00]
        var parser = ServerFlightParser()
        for chunk in stride(from: 0, to: record.count, by: 7) {
            try parser.consume(Array(record[chunk..<min(chunk + 7, record.count)]))
        }
        let hello = try #require(parser.flight.serverHello)
        #expect(hello.version == .tlsv1_2 && hello.cipherSuite == CipherSuite(0xC02F) && !hello.isHelloRetryRequest)
        #expect(hello.extensions == [0xFF01, 23] && hello.renegotiationInfo == [])
        #expect(parser.flight.sawServerHelloDone && parser.isComplete)
    }

    @Test func recognisesHelloRetryRequestAndItsGroup() throws {
        let extensions: [UInt8] = [0x00, 0x2B, 0x00, 0x02, 0x03, 0x04, 0x00, 0x33, 0x00, 0x02, 0x11, 0xEC]
        var parser = ServerFlightParser()
        try parser.consume(Self.serverHello(random: ServerFlightParser.helloRetryRandom, suite: 0x1301, extensions: extensions))
        let hello = try #require(parser.flight.serverHello)
        #expect(hello.isHelloRetryRequest && hello.version == .tlsv1_3 && hello.keyShareGroup == NamedGroup(0x11EC))
        #expect(parser.isComplete)
    }

    @Test func parsesAlertsAndKeyExchange() throws {
        var alert = ServerFlightParser()
        try alert.consume([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28])
        #expect(alert.flight.alert?.name == "handshake_failure" && alert.isComplete)
        let dhe = try ServerFlightParser.parseKeyExchange(
            [0x00, 0x03, 0x00, 0xC1, 0x01, 0x00, 0x01, 0x02, 0x00, 0x01, 0x05, 0x04, 0x01, 0x00, 0x00],
            suite: CipherSuite(0x009E), version: .tlsv1_2)
        #expect(dhe.dhPrimeBits == 16 && dhe.signatureScheme == SignatureScheme(0x0401))
        let ecdhe = try ServerFlightParser.parseKeyExchange(
            [0x03, 0x00, 0x17, 0x01, 0x04, 0x08, 0x04, 0x00, 0x00],
            suite: CipherSuite(0xC02F), version: .tlsv1_2)
        #expect(ecdhe.ecdheGroup == NamedGroup(0x0017) && ecdhe.signatureScheme == SignatureScheme(0x0804))
    }

    @Test func malformedInputIsAnErrorNeverACrash() {
        let hello = Self.serverHello()
        for length in 0..<hello.count {
            var parser = ServerFlightParser()
            // A truncated flight is incomplete or an error; it must not crash.
            _ = try? parser.consume(Array(hello.prefix(length)))
        }
        var garbage = ServerFlightParser()
        #expect(throws: TLSParseError.self) { try garbage.consume(Array("HTTP/1.1 400 Bad Request\r\n".utf8)) }
        var oversized = ServerFlightParser()
        #expect(throws: TLSParseError.self) { try oversized.consume([0x16, 0x03, 0x03, 0xFF, 0xFF]) }
        var lying = ServerFlightParser()
        #expect(throws: TLSParseError.self) {
            try lying.consume([0x16, 0x03, 0x03, 0x00, 0x08, 0x02, 0x00, 0x00, 0x04, 0x03, 0x03, 0x00, 0x00] + [])
        }
        var bomb = ServerFlightParser()
        #expect(throws: TLSParseError.self) { try bomb.consume([0x16, 0x03, 0x03, 0x00, 0x04, 0x0B, 0xFF, 0xFF, 0xFF]) }
    }

    @Test func clientHelloCarriesWhatWasAskedFor() throws {
        var spec = ClientHelloSpec(
            version: .tlsv1_3, cipherSuites: [CipherSuite(0x1301), CipherSuite(0xC02F)],
            serverName: "example.test", groups: [NamedGroup(0x001D)], keyShareGroups: [NamedGroup(0x001D)])
        spec.fallbackSCSV = true
        let record = ClientHelloBuilder.record(spec, random: Array(repeating: 0xAB, count: 64))
        var reader = ByteReader(record)
        #expect(try reader.u8() == 22 && reader.remaining > 5)
        _ = try reader.u16()
        #expect(Int(try reader.u16()) == reader.remaining)
        #expect(try reader.u8() == 1)  // client_hello
        #expect(try reader.u24() == reader.remaining)
        #expect(try reader.u16() == 0x0303)
        _ = try reader.take(32)
        #expect(try reader.vector(lengthBytes: 1, "session").remaining == 32)
        var suites = try reader.vector(lengthBytes: 2, "suites")
        #expect(try [suites.u16(), suites.u16(), suites.u16()] == [0x1301, 0xC02F, 0x5600])
        let text = String(decoding: record, as: UTF8.self)
        #expect(text.contains("example.test"))
        let ipHello = ClientHelloBuilder.record(
            ClientHelloSpec(
                version: .tlsv1_2, cipherSuites: [CipherSuite(0xC02F)],
                serverName: "127.0.0.1"), random: Array(repeating: 0, count: 64))
        #expect(!String(decoding: ipHello, as: UTF8.self).contains("127.0.0.1"))  // SNI carries no IP address (RFC 6066 3)
    }

    @Test func byteWriterWritesNestedVectorsWithTheirLengths() {
        var writer = ByteWriter()
        writer.u8(0x16)
        writer.vector(lengthBytes: 2) { outer in
            outer.u16(0x0303)
            outer.vector(lengthBytes: 1) { $0.append([0xAA, 0xBB]) }
            outer.vector(lengthBytes: 3) { $0.u24(0x01_0203) }
            outer.vector(lengthBytes: 2) { _ in }
        }
        #expect(writer.bytes == [0x16, 0x00, 0x0D, 0x03, 0x03, 0x02, 0xAA, 0xBB, 0x00, 0x00, 0x03, 0x01, 0x02, 0x03, 0x00, 0x00])
        var long = ByteWriter()
        long.vector(lengthBytes: 2) { $0.append([UInt8](repeating: 7, count: 300)) }
        #expect(Array(long.bytes.prefix(2)) == [0x01, 0x2C] && long.bytes.count == 302)
    }

    @Test func keySharesAreTheGroupsGeneratorsAndBasePoints() throws {
        let p256 = try #require(KeyShare.publicValue(for: NamedGroup(0x0017)))
        #expect(p256.count == 65 && Array(p256.prefix(3)) == [0x04, 0x6B, 0x17] && p256.last == 0xF5)
        let p384 = try #require(KeyShare.publicValue(for: NamedGroup(0x0018)))
        #expect(p384.count == 97 && Array(p384.prefix(3)) == [0x04, 0xAA, 0x87] && p384.last == 0x5F)
        #expect(KeyShare.publicValue(for: NamedGroup(0x001D)) == [9] + [UInt8](repeating: 0, count: 31))
        #expect(KeyShare.publicValue(for: NamedGroup(0x0100))?.count == 256)
        #expect(KeyShare.publicValue(for: NamedGroup(0x11EC)) == nil)
    }

    @Test func sslv2HelloAndServerHello() throws {
        let hello = SSLv2.clientHello(challenge: Array(repeating: 7, count: 16))
        #expect(hello[0] & 0x80 != 0 && Int(hello[0] & 0x7F) << 8 | Int(hello[1]) == hello.count - 2)
        #expect(hello[2] == 1 && hello[3] == 0x00 && hello[4] == 0x02)
        #expect(Int(hello[5]) << 8 | Int(hello[6]) == 11 * 3)  // 13 registry kinds minus the two NULL ones
        let certificate: [UInt8] = [0x30, 0x00]
        let body: [UInt8] =
            [4, 0, 1, 0x00, 0x02, 0x00, 0x02, 0x00, 0x06, 0x00, 0x10] + certificate
            + [0x01, 0x00, 0x80, 0x07, 0x00, 0xC0] + Array(repeating: 0xAA, count: 16)
        let record = [UInt8(0x80), UInt8(body.count)] + body
        let parsed = try #require(try SSLv2.parseServerHello(record))
        #expect(parsed.cipherKinds == [0x010080, 0x0700C0] && parsed.certificate == certificate)
        #expect(try SSLv2.parseServerHello(Array(record.prefix(10))) == nil)  // wait for more
        for length in 2..<record.count { _ = try? SSLv2.parseServerHello(Array(record.prefix(length))) }
        var lying = record
        lying[10] = 0x7F  // a cipher specs length past the end
        #expect(throws: TLSParseError.self) { try SSLv2.parseServerHello(lying) }
    }
}
