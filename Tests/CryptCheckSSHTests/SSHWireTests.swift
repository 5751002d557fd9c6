import CryptCheckModel
import Testing

@testable import CryptCheckSSH

@Suite struct SSHWireTests {
    @Test func identificationAfterBannerLines() throws {
        let bytes = Array("hello\r\nsecond line\nSSH-2.0-OpenSSH_9.2p1 Debian\r\nrest".utf8)
        let parsed = try #require(try SSHIdentification.parse(bytes))
        #expect(parsed.text == "SSH-2.0-OpenSSH_9.2p1 Debian")
        #expect(parsed.protocolVersion == "2.0")
        #expect(Array(bytes[parsed.consumed...]) == Array("rest".utf8))
    }

    @Test func identificationNeedsMoreBytes() throws {
        #expect(try SSHIdentification.parse(Array("SSH-2.0-Open".utf8)) == nil)
        #expect(try SSHIdentification.parse([]) == nil)
    }

    @Test func identificationLimits() {
        let many = Array(String(repeating: "x\n", count: SSHIdentification.lineLimit + 1).utf8)
        #expect(throws: SSHWireError.self) { try SSHIdentification.parse(many) }
        let long = Array(("SSH-2.0-" + String(repeating: "a", count: 300)).utf8)
        #expect(throws: SSHWireError.self) { try SSHIdentification.parse(long) }
        let longPreamble = Array(String(repeating: "b", count: SSHIdentification.preambleLineBytes + 1).utf8)
        #expect(throws: SSHWireError.self) { try SSHIdentification.parse(longPreamble) }
        let noSoftware = Array("SSH-2.0\r\n".utf8)
        #expect(throws: SSHWireError.self) { try SSHIdentification.parse(noSoftware) }
    }

    @Test func packetRoundTrip() throws {
        let payload: [UInt8] = [20, 1, 2, 3]
        let packet = SSHPacket.build(payload)
        #expect(packet.count % 8 == 0)
        let parsed = try #require(try SSHPacket.parse(packet[...]))
        #expect(parsed.payload == payload)
        #expect(parsed.consumed == packet.count)
        #expect(try SSHPacket.parse(packet.dropLast()) == nil)
    }

    @Test func packetBounds() {
        #expect(throws: SSHWireError.self) { try SSHPacket.parse([0x7F, 0xFF, 0xFF, 0xFF, 4][...]) }
        #expect(throws: SSHWireError.self) { try SSHPacket.parse([0, 0, 0, 8, 8, 0, 0, 0, 0, 0, 0, 0][...]) }
        #expect(throws: SSHWireError.self) { try SSHPacket.parse([0, 0, 0, 1, 0][...]) }
    }

    @Test func kexInitRoundTrip() throws {
        let facts = SSHKexInitFacts(
            kexAlgorithms: ["curve25519-sha256", "ext-info-s", "kex-strict-s-v00@openssh.com"], hostKeyAlgorithms: ["ssh-ed25519"],
            ciphersClientToServer: ["aes128-ctr"], ciphersServerToClient: ["aes256-ctr"], macsClientToServer: ["hmac-sha2-256"],
            macsServerToClient: ["hmac-sha2-512"], compressionClientToServer: ["none"], compressionServerToClient: ["none", "zlib"])
        let parsed = try SSHKexInit.parse(SSHKexInit.build(facts))
        #expect(parsed == facts)
        #expect(parsed.strictKex && parsed.extInfo)
    }

    @Test func kexInitTruncatedAndHostile() {
        let built = SSHKexInit.build(
            SSHKexInitFacts(
                kexAlgorithms: ["a"], hostKeyAlgorithms: ["b"], ciphersClientToServer: [], ciphersServerToClient: [],
                macsClientToServer: [], macsServerToClient: [], compressionClientToServer: [], compressionServerToClient: []))
        for cut in 0..<built.count {
            #expect(throws: (any Error).self) { try SSHKexInit.parse(Array(built.prefix(cut))) }
        }
        var hostile = built
        hostile[17...20] = [0xFF, 0xFF, 0xFF, 0xFF]
        #expect(throws: SSHWireError.self) { try SSHKexInit.parse(hostile) }
    }

    @Test func nameListsAreEscaped() throws {
        var writer = SSHWriter()
        writer.string([0x61, 0x1B, 0x5B, 0x32, 0x4A, 0x2C, 0x62])
        var reader = SSHReader(writer.bytes)
        let names = try reader.nameList()
        #expect(names.count == 2)
        #expect(!names[0].contains("\u{1B}"))
    }
}
