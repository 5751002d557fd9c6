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
            guard offset + 4 <= bytes.count else { throw FormatError(.sshMalformed, "SSH key: truncated") }
            defer { offset += 4 }
            return bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        }

        mutating func string() throws -> ArraySlice<UInt8> {
            let length = try uint32()
            guard length <= bytes.count - offset else { throw FormatError(.sshMalformed, "SSH key: length \(length) runs past the end") }
            defer { offset += length }
            return bytes[offset..<offset + length]
        }

        mutating func uint64() throws -> UInt64 {
            let high = UInt64(try uint32()), low = UInt64(try uint32())
            return high << 32 | low
        }

        mutating func text() throws -> String { String(decoding: try string(), as: UTF8.self) }

        /// Whether every byte has been read.
        var isAtEnd: Bool { offset == bytes.count }
    }

    /// Facts from a public key blob.
    static func publicBlob(_ blob: [UInt8]) throws -> KeyFacts {
        var buffer = Buffer(bytes: blob)
        return try keyFields(type: try buffer.text(), from: &buffer)
    }

    /// Reads the public key fields that follow a key type name (RFC 4253 6.6, RFC 5656 3.1,
    /// RFC 8709 4, PROTOCOL.u2f), every one of them, so that a certificate's later fields
    /// start where they should. An unknown type reads nothing.
    static func keyFields(type: String, from buffer: inout Buffer) throws -> KeyFacts {
        func mpintBits(_ value: ArraySlice<UInt8>) -> Int {
            guard let index = value.firstIndex(where: { $0 != 0 }) else { return 0 }
            return (value.endIndex - index) * 8 - value[index].leadingZeroBitCount
        }
        let facts: KeyFacts
        switch type {
        case "ssh-rsa":
            _ = try buffer.string()  // e
            facts = KeyFacts(algorithm: .rsa, bits: mpintBits(try buffer.string()))
        case "ssh-dss":
            facts = KeyFacts(algorithm: .dsa, bits: mpintBits(try buffer.string()))
            for _ in 0..<3 { _ = try buffer.string() }  // q, g, y
        case "ssh-ed25519", "sk-ssh-ed25519@openssh.com":
            guard try buffer.string().count == 32 else { throw FormatError(.sshBadKey, "\(type): the key is not 32 bytes (RFC 8709 4)") }
            facts = KeyFacts(algorithm: .ed25519, bits: EllipticCurve.named("ed25519")?.orderBits, curve: "ed25519")
        case "ssh-ed448":
            guard try buffer.string().count == 57 else { throw FormatError(.sshBadKey, "\(type): the key is not 57 bytes (RFC 8709 4)") }
            facts = KeyFacts(algorithm: .ed448, bits: EllipticCurve.named("ed448")?.orderBits, curve: "ed448")
        case let ecdsa where ecdsa.hasPrefix("ecdsa-sha2-") || ecdsa.hasPrefix("sk-ecdsa-sha2-"):
            let curveName = try buffer.text()
            // RFC 5656 3.1: the curve field repeats the type's curve; a mismatch is not a key.
            let typeCurve = ecdsa.dropFirst(ecdsa.hasPrefix("sk-") ? "sk-ecdsa-sha2-".count : "ecdsa-sha2-".count)
                .prefix { $0 != "@" && $0 != "-" }
            guard typeCurve == curveName else {
                throw FormatError(.sshBadKey, "\(type): the curve field names \(EscapedText.escape(curveName)), not \(typeCurve)")
            }
            let point = try buffer.string()  // Q
            let curve = ["nistp256": "secp256r1", "nistp384": "secp384r1", "nistp521": "secp521r1"][curveName] ?? curveName
            if let fieldBytes = ["nistp256": 32, "nistp384": 48, "nistp521": 66][curveName],
                !(point.count == 1 + 2 * fieldBytes && point.first == 4)
                    && !(point.count == 1 + fieldBytes && (point.first == 2 || point.first == 3))
            {
                throw FormatError(.sshBadKey, "\(type): the point is not a point of \(curveName) (\(point.count) bytes)")
            }
            facts = KeyFacts(algorithm: .ec, bits: EllipticCurve.named(curve)?.orderBits, curve: curve)
        default:
            return KeyFacts(algorithm: .unknown, oid: type)
        }
        if type.hasPrefix("sk-") { _ = try buffer.string() }  // the FIDO application
        return facts
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

    /// One entry of a public-key line file.
    enum LineEntry {
        case key(KeyFacts)
        case certificate(KeyFacts, SSHCertificateFacts)
    }

    /// The keys and certificates of a text file of public-key lines, or `nil` when no line
    /// holds one. The format is `known_hosts` when lines start with host patterns,
    /// `authorized_keys` when they carry options or there are several, else `OpenSSH` (a
    /// single `.pub` or `-cert.pub` line). A line whose certificate blob names its own type
    /// but cannot be read is an error: it is certificate material, broken.
    static func publicKeyLines(_ bytes: [UInt8]) -> (format: String, entries: [LineEntry], errors: [FormatError])? {
        var entries: [LineEntry] = []
        var errors: [FormatError] = []
        var hostPatterns = false, options = false
        var lineNumber = 0
        // Byte by byte: lines end at LF, CR, VT or FF; tokens are separated by blanks and tabs.
        for line in bytes.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D || $0 == 0x0B || $0 == 0x0C }) {
            lineNumber += 1
            let tokens = line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
            guard let first = tokens.first, first.first != UInt8(ascii: "#") else { continue }
            for index in tokens.indices where index + 1 < tokens.count {
                let token = Array(tokens[index])
                let isKey = keyTypeBytes.contains(token)
                guard
                    isKey
                        || token.count > certificateSuffix.count && token.suffix(certificateSuffix.count).elementsEqual(certificateSuffix),
                    let blob = Base64.decode(Array(tokens[index + 1]))
                else { continue }
                let entry: LineEntry
                let shown = EscapedText.escape(token)
                if isKey {
                    // A known key type with a base64 blob is key material: one that cannot be read
                    // is broken, never "no cryptographic material".
                    let facts: KeyFacts
                    do {
                        facts = try publicBlob(blob)
                    } catch {
                        errors.append(FormatError("line \(lineNumber): \(shown) key cannot be read: ", wrapping: error))
                        break
                    }
                    guard facts.algorithm != .unknown else {
                        errors.append(FormatError(.sshUnsupported, "line \(lineNumber): \(shown) key of an unknown algorithm"))
                        break
                    }
                    entry = .key(facts)
                } else {
                    // A certificate type with a base64 blob is certificate material: its blob must
                    // name the same type, or the line is broken.
                    var buffer = Buffer(bytes: blob)
                    guard let type = try? buffer.string(), type.elementsEqual(token) else {
                        errors.append(
                            FormatError(.sshMalformed, "line \(lineNumber): the blob of a \(shown) line is not a certificate of that type"))
                        break
                    }
                    do {
                        let (key, certificate) = try SSHCertificateReader.read(blob)
                        entry = .certificate(key, certificate)
                    } catch {
                        errors.append(FormatError("line \(lineNumber): ", wrapping: error))
                        break
                    }
                }
                let prefix = tokens[..<index]
                if prefix.contains(where: { $0.contains(UInt8(ascii: "=")) || $0.contains(UInt8(ascii: "\"")) }) {
                    options = true
                } else if let host = prefix.first, host.first == UInt8(ascii: "@") || prefix.count == 1 {
                    hostPatterns = true
                }
                entries.append(entry)
                break
            }
        }
        guard !entries.isEmpty || !errors.isEmpty else { return nil }
        let format = hostPatterns ? "known_hosts" : (options || entries.count > 1) ? "authorized_keys" : "OpenSSH"
        return (format, entries, errors)
    }

    private static let certificateSuffix = Array(SSHCertificateReader.suffix.utf8)
    private static let keyTypeBytes = Set(keyTypes.map { Array($0.utf8) })

    /// An `openssh-key-v1` private key: the key facts and, if encrypted, the envelope.
    static func privateKey(_ body: [UInt8]) throws -> (KeyFacts, [ProtectionAlgorithm]) {
        let magic = Array("openssh-key-v1\0".utf8)
        guard body.starts(with: magic) else { throw FormatError(.sshMalformed, "OpenSSH private key: bad magic") }
        var buffer = Buffer(bytes: body, offset: magic.count)
        let cipher = try buffer.text(), kdf = try buffer.text()
        var options = Buffer(bytes: Array(try buffer.string()))
        guard try buffer.uint32() >= 1 else { throw FormatError(.sshMalformed, "OpenSSH private key: no keys") }
        let facts = try publicBlob(Array(try buffer.string()))
        var protection: [ProtectionAlgorithm] = []
        if cipher != "none" {
            var rounds: Int?
            if kdf == "bcrypt" {
                _ = try options.string()
                rounds = try options.uint32()
            }
            protection.append(
                ProtectionAlgorithm(
                    role: .kdf, primitive: kdf == "bcrypt" ? "bcrypt-pbkdf" : Primitive(kdf),
                    iterations: rounds, identifier: kdf))
            if let info = SSHAlgorithmRegistry.lookup(cipher, in: .cipher), let first = info.components.first {
                protection.append(ProtectionAlgorithm(role: .cipher, primitive: first, keyBits: info.keyBits, identifier: cipher))
                for mode in info.components.dropFirst() { protection.append(ProtectionAlgorithm(role: .mode, primitive: mode)) }
            } else {
                protection.append(ProtectionAlgorithm(role: .cipher, primitive: Primitive(cipher), identifier: cipher))
            }
        }
        return (facts, protection)
    }
}
