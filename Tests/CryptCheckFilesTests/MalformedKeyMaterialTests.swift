import CryptCheckModel
import CryptCheckX509
import Foundation
import Testing

@testable import CryptCheckFiles

/// Key material that is recognisably a key but malformed is broken, never "no cryptographic
/// material" and never a key sized from its bytes.
@Suite("Malformed keys are broken, not passed or ignored")
struct MalformedKeyMaterialTests {
    static func sshString(_ bytes: [UInt8]) -> [UInt8] {
        let count = UInt32(bytes.count)
        return [UInt8(count >> 24), UInt8(count >> 16 & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count & 0xFF)] + bytes
    }

    static func line(_ type: String, _ blob: [UInt8]) -> [UInt8] {
        Array("\(type) \(Data(blob).base64EncodedString()) comment\n".utf8)
    }

    static func parse(_ bytes: [UInt8], name: String) -> (items: [FileItem], errors: [FormatError])? {
        guard case .parsed(let items, let errors) = FileParser.parse(bytes, fileName: name, options: ParseOptions()) else { return nil }
        return (items, errors)
    }

    @Test func brokenSSHPublicKeyLinesAreErrors() throws {
        let ed = Array("ssh-ed25519".utf8), p256 = Array("ecdsa-sha2-nistp256".utf8)
        let point = [UInt8(4)] + [UInt8](repeating: 7, count: 64)
        let cases: [(String, [UInt8], ErrorCode)] = [
            ("truncated RSA", Self.line("ssh-rsa", Self.sshString(Array("ssh-rsa".utf8)) + [0, 0, 0, 3, 1, 0]), .sshMalformed),
            (
                "ECDSA without a point", Self.line("ecdsa-sha2-nistp256", Self.sshString(p256) + Self.sshString(Array("nistp256".utf8))),
                .sshMalformed
            ),
            (
                "ECDSA curve field of another curve",
                Self.line(
                    "ecdsa-sha2-nistp256",
                    Self.sshString(p256) + Self.sshString(Array("nistp384".utf8))
                        + Self.sshString([4] + [UInt8](repeating: 7, count: 96))), .sshBadKey
            ),
            (
                "ECDSA point of the wrong size",
                Self.line(
                    "ecdsa-sha2-nistp256",
                    Self.sshString(p256) + Self.sshString(Array("nistp256".utf8))
                        + Self.sshString(Array(point.prefix(40)))), .sshBadKey
            ),
            ("short Ed25519", Self.line("ssh-ed25519", Self.sshString(ed) + Self.sshString([1, 2, 3, 4, 5])), .sshBadKey),
            (
                "certificate blob of another type",
                Self.line(
                    "ssh-ed25519-cert-v01@openssh.com",
                    Self.sshString(Array("ecdsa-sha2-nistp256-cert-v01@openssh.com".utf8)) + [UInt8](repeating: 0, count: 40)),
                .sshMalformed
            ),
        ]
        for (name, bytes, code) in cases {
            let result = try #require(Self.parse(bytes, name: "key.pub"), "\(name): taken for no cryptographic material")
            #expect(result.items.isEmpty && result.errors.count == 1, "\(name): \(result)")
            #expect(result.errors.first?.code == code, "\(name): \(result.errors)")
            // The message says which line of the file.
            #expect(result.errors.first?.message.hasPrefix("line 1: ") == true, "\(name): \(result.errors)")
        }
        // A well-formed key still reads.
        let good = try #require(
            Self.parse(Self.line("ssh-ed25519", Self.sshString(ed) + Self.sshString([UInt8](repeating: 9, count: 32))), name: "ok.pub"))
        #expect(good.items.first?.key?.algorithm == .ed25519 && good.errors.isEmpty)
    }

    /// DER of a SubjectPublicKeyInfo with `algorithm` (a full AlgorithmIdentifier) and key bytes.
    static func spki(_ algorithm: [UInt8], key: [UInt8]) -> [UInt8] {
        func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
            let count = content.count
            let length: [UInt8] =
                count < 128 ? [UInt8(count)] : count < 256 ? [0x81, UInt8(count)] : [0x82, UInt8(count >> 8), UInt8(count & 0xFF)]
            return [tag] + length + content
        }
        return tlv(0x30, algorithm + tlv(0x03, [0] + key))
    }

    static func pem(_ der: [UInt8]) -> [UInt8] {
        Array(
            "-----BEGIN PUBLIC KEY-----\n\(Data(der).base64EncodedString(options: .lineLength64Characters))\n-----END PUBLIC KEY-----\n"
                .utf8)
    }

    @Test func malformedSubjectPublicKeysAreErrors() throws {
        let ed25519: [UInt8] = [0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70]
        let rsa: [UInt8] = [0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00]
        // RSAPublicKey { modulus INTEGER (negative: 0xFF...), exponent 65537 }
        let negative: [UInt8] =
            [0x30, 0x82, 0x01, 0x09, 0x02, 0x82, 0x01, 0x00] + [UInt8](repeating: 0xFF, count: 256) + [0x02, 0x03, 0x01, 0x00, 0x01]
        let cases: [(String, [UInt8], ErrorCode)] = [
            ("short Ed25519", Self.spki(ed25519, key: [1, 2, 3, 4, 5]), .keyMalformed),
            ("negative RSA modulus", Self.spki(rsa, key: negative), .derBadValue),
        ]
        for (name, der, code) in cases {
            let result = try #require(Self.parse(Self.pem(der), name: "k.pem"), "\(name)")
            #expect(result.items.isEmpty && result.errors.first?.code == code, "\(name): \(result)")
        }
        let good = try #require(Self.parse(Self.pem(Self.spki(ed25519, key: [UInt8](repeating: 1, count: 32))), name: "k.pem"))
        #expect(good.items.first?.key?.algorithm == .ed25519, "\(good)")
    }
}
