import Testing

@testable import CryptCheckOpenSSL

/// The hand-written CBC records of the TLS POODLE check: the PRF against the published TLS 1.2
/// test vector, records that OpenSSL's own cipher reads back, and the padding the check writes.
@Suite("CBC record cipher")
struct CBCRecordCipherTests {
    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            out.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return out
    }

    @Test func thePRFMatchesTheTLS12TestVector() throws {
        // The SHA-256 PRF vector circulated with RFC 5246 (secret, "test label" + seed).
        let out = try CBCRecordCipher.prf(
            digest: "SHA256", secret: Self.bytes("9bbe436ba940f017b17652849a71db35"),
            seed: Array("test label".utf8) + Self.bytes("a0ba9f936cda311827a6f796ffd5198c"), length: 32)
        #expect(out == Self.bytes("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"))
    }

    static func cipher(_ version: UInt16, _ suite: UInt16) throws -> CBCRecordCipher {
        try CBCRecordCipher(
            version: version, suite: suite, masterSecret: RandomBytes.make(48), clientRandom: RandomBytes.make(32),
            serverRandom: RandomBytes.make(32), writer: .client)
    }

    /// A Finished record's fragment as the client would send it, sequence 0.
    static func finished(_ cipher: CBCRecordCipher) throws -> [UInt8] {
        let plain = try cipher.plaintext(sequence: 0, type: 22, content: [20, 0, 0, 12] + RandomBytes.make(12))
        guard cipher.explicitIV else { return try cipher.encrypt(plain, iv: cipher.initialIV) }
        let iv = RandomBytes.make(cipher.blockSize)
        return iv + (try cipher.encrypt(plain, iv: iv))
    }

    // TLS_RSA_WITH_AES_128_CBC_SHA (MAC 20, block 16), TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384
    // (MAC 48, PRF SHA-384), TLS_RSA_WITH_AES_256_CBC_SHA256 (MAC 32).
    @Test(arguments: [(0x0301, 0x002F), (0x0302, 0x002F), (0x0303, 0x002F), (0x0303, 0xC028), (0x0303, 0x003D)])
    func recordsOpenWithTheirKeysAndTheMalformedPaddingDoesNot(version: Int, suite: Int) throws {
        let cipher = try Self.cipher(UInt16(version), UInt16(suite))
        #expect(cipher.paddingLength(content: 0) >= 1)
        #expect(cipher.initialIV.count == (version == 0x0301 ? cipher.blockSize : 0))
        let header = 5
        // Sealed records open with the same keys (sequence 1, 2), padding and MAC right; the
        // malformed one has the right MAC but padding a strict reader refuses.
        var chain = [UInt8]()
        func open(_ record: [UInt8], sequence: UInt64, type: UInt8) throws -> [UInt8]? {
            let fragment = Array(record.dropFirst(header))
            defer { chain = fragment }
            return try cipher.open(fragment, sequence: sequence, type: type, iv: Array(chain.suffix(cipher.blockSize)))
        }
        chain = try Self.finished(cipher)
        var writer = try CBCRecordWriter(cipher: cipher, finished: chain)
        let good = try writer.seal(type: 23, content: Array("hello".utf8))
        #expect(try open(good, sequence: 1, type: 23) == Array("hello".utf8))
        let bad = try writer.seal(type: 23, content: [], malformedPadding: true)
        #expect(try open(bad, sequence: 2, type: 23) == nil)
        let close = try writer.seal(type: 21, content: [1, 0])
        let closeIV = Array(chain.suffix(cipher.blockSize))
        #expect(try open(close, sequence: 3, type: 21) == [1, 0])
        // The same record under another sequence number: the MAC does not match.
        #expect(try cipher.open(Array(close.dropFirst(header)), sequence: 9, type: 21, iv: closeIV) == nil)
    }

    @Test func keysThatDoNotOpenTheFinishedAreRefusedBeforeAnythingIsWritten() throws {
        let mine = try Self.cipher(0x0303, 0x002F), other = try Self.cipher(0x0303, 0x002F)
        #expect(throws: OpenSSLError.self) { try CBCRecordWriter(cipher: mine, finished: try Self.finished(other)) }
        do {
            _ = try CBCRecordWriter(cipher: mine, finished: try Self.finished(other))
        } catch let error as OpenSSLError {
            #expect(error.code == .probeInconsistent)
        }
    }

    @Test func aSuiteWithoutCBCIsRefused() {
        // TLS_RSA_WITH_AES_128_GCM_SHA256: AEAD, no padding to write.
        #expect(throws: OpenSSLError.self) { try Self.cipher(0x0303, 0x009C) }
    }
}
