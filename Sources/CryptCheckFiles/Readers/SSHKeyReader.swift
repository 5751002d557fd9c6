import CryptCheckModel
import CryptCheckX509
import Foundation

/// OpenSSH keys: the `openssh-key-v1` private format (PROTOCOL.key) and public-key lines
/// (`*.pub`, authorized_keys, known_hosts). Facts come from the public blob, so even an
/// encrypted private key shows its type and size.
enum SSHKeyReader {
    /// A cursor over SSH wire-format data (RFC 4251 5): uint32 and length-prefixed strings.
    struct Buffer {
        let bytes: [UInt8]
        var offset = 0

        mutating func uint32() throws -> Int {
            guard offset + 4 <= bytes.count else { throw FormatError("SSH key: truncated") }
            defer { offset += 4 }
            return bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        }

        mutating func string() throws -> ArraySlice<UInt8> {
            let length = try uint32()
            guard length <= bytes.count - offset else { throw FormatError("SSH key: length \(length) runs past the end") }
            defer { offset += length }
            return bytes[offset..<offset + length]
        }

        mutating func text() throws -> String { String(decoding: try string(), as: UTF8.self) }
    }

    /// Facts from a public key blob.
    static func publicBlob(_ blob: [UInt8]) throws -> KeyFacts {
        var buffer = Buffer(bytes: blob)
        let type = try buffer.text()
        func mpintBits(_ value: ArraySlice<UInt8>) -> Int {
            guard let index = value.firstIndex(where: { $0 != 0 }) else { return 0 }
            return (value.endIndex - index) * 8 - value[index].leadingZeroBitCount
        }
        switch type {
        case "ssh-rsa":
            _ = try buffer.string()
            return KeyFacts(algorithm: .rsa, bits: mpintBits(try buffer.string()))
        case "ssh-dss":
            return KeyFacts(algorithm: .dsa, bits: mpintBits(try buffer.string()))
        case "ssh-ed25519", "sk-ssh-ed25519@openssh.com":
            return KeyFacts(algorithm: .ed25519, bits: EllipticCurve.named("ed25519")?.orderBits, curve: "ed25519")
        case "ssh-ed448":
            return KeyFacts(algorithm: .ed448, bits: EllipticCurve.named("ed448")?.orderBits, curve: "ed448")
        case let ecdsa where ecdsa.hasPrefix("ecdsa-sha2-") || ecdsa.hasPrefix("sk-ecdsa-sha2-"):
            let curveName = try buffer.text()
            let curve = ["nistp256": "secp256r1", "nistp384": "secp384r1", "nistp521": "secp521r1"][curveName] ?? curveName
            return KeyFacts(algorithm: .ec, bits: EllipticCurve.named(curve)?.orderBits, curve: curve)
        default:
            return KeyFacts(algorithm: .unknown, oid: type)
        }
    }

    static let keyTypes: Set<String> = [
        "ssh-rsa", "ssh-dss", "ssh-ed25519", "ssh-ed448", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
        "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
    ]

    private static let sshPrefix = Array("ssh-".utf8), ecdsaPrefix = Array("ecdsa-sha2-".utf8)

    /// A cheap test before any text handling: does a key type name occur at all?
    static func mayHoldPublicKeys(_ bytes: [UInt8]) -> Bool {
        PEM.find(sshPrefix, in: bytes[...]) != nil || PEM.find(ecdsaPrefix, in: bytes[...]) != nil
    }

    /// The keys of a text file of public-key lines, or `nil` when no line holds one. The
    /// format is `known_hosts` when lines start with host patterns, `authorized_keys` when they
    /// carry options or there are several, else `OpenSSH` (a single `.pub` line).
    static func publicKeyLines(_ bytes: [UInt8]) -> (format: String, keys: [KeyFacts])? {
        var keys: [KeyFacts] = []
        var hostPatterns = false, options = false
        // Byte by byte: lines end at LF, CR, VT or FF; tokens are separated by blanks and tabs.
        for line in bytes.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D || $0 == 0x0B || $0 == 0x0C }) {
            let tokens = line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
            guard let first = tokens.first, first.first != UInt8(ascii: "#") else { continue }
            for index in tokens.indices where index + 1 < tokens.count && keyTypeBytes.contains(Array(tokens[index])) {
                guard let blob = Base64.decode(Array(tokens[index + 1])),
                      let facts = try? publicBlob(blob), facts.algorithm != .unknown
                else { continue }
                let prefix = tokens[..<index]
                if prefix.contains(where: { $0.contains(UInt8(ascii: "=")) || $0.contains(UInt8(ascii: "\"")) }) {
                    options = true
                } else if let host = prefix.first, host.first == UInt8(ascii: "@") || prefix.count == 1 {
                    hostPatterns = true
                }
                keys.append(facts)
                break
            }
        }
        guard !keys.isEmpty else { return nil }
        let format = hostPatterns ? "known_hosts" : (options || keys.count > 1) ? "authorized_keys" : "OpenSSH"
        return (format, keys)
    }

    private static let keyTypeBytes = Set(keyTypes.map { Array($0.utf8) })

    /// An `openssh-key-v1` private key: the key facts and, if encrypted, the envelope.
    static func privateKey(_ body: [UInt8]) throws -> (KeyFacts, [ProtectionAlgorithm]) {
        let magic = Array("openssh-key-v1\0".utf8)
        guard body.starts(with: magic) else { throw FormatError("OpenSSH private key: bad magic") }
        var buffer = Buffer(bytes: body, offset: magic.count)
        let cipher = try buffer.text(), kdf = try buffer.text()
        var options = Buffer(bytes: Array(try buffer.string()))
        guard try buffer.uint32() >= 1 else { throw FormatError("OpenSSH private key: no keys") }
        let facts = try publicBlob(Array(try buffer.string()))
        var protection: [ProtectionAlgorithm] = []
        if cipher != "none" {
            var rounds: Int?
            if kdf == "bcrypt" {
                _ = try options.string()
                rounds = try options.uint32()
            }
            protection.append(ProtectionAlgorithm(role: "kdf", primitive: kdf == "bcrypt" ? "bcrypt-pbkdf" : Primitive(kdf),
                                                  iterations: rounds, identifier: kdf))
            if let info = SSHAlgorithmRegistry.lookup(cipher, in: .cipher), let first = info.components.first {
                protection.append(ProtectionAlgorithm(role: "cipher", primitive: first, keyBits: info.keyBits, identifier: cipher))
                for mode in info.components.dropFirst() { protection.append(ProtectionAlgorithm(role: "mode", primitive: mode)) }
            } else {
                protection.append(ProtectionAlgorithm(role: "cipher", primitive: Primitive(cipher), identifier: cipher))
            }
        }
        return (facts, protection)
    }
}
