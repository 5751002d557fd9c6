import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Foundation

/// OpenSSH certificates (`*-cert-v01@openssh.com`, PROTOCOL.certkeys), as found in `*-cert.pub`
/// files and on authorized_keys / known_hosts lines. Every length is checked against the bytes
/// that remain (`SSHKeyReader.Buffer`), so a hostile certificate costs at most one pass over
/// its own bytes.
enum SSHCertificateReader {
    static let suffix = "-cert-v01@openssh.com"

    /// Whether a key type name is a certificate type.
    static func isCertificateType(_ type: String) -> Bool { type.hasSuffix(suffix) && type.count > suffix.count }

    /// The plain key type a certificate type certifies: `ssh-ed25519-cert-v01@openssh.com` is
    /// `ssh-ed25519`, `sk-ssh-ed25519-cert-v01@openssh.com` is `sk-ssh-ed25519@openssh.com`.
    static func keyType(ofCertificateType type: String) -> String {
        let base = String(type.dropLast(suffix.count))
        return base.hasPrefix("sk-") ? base + "@openssh.com" : base
    }

    /// The certified key and the certificate's facts, from a certificate blob (the
    /// base64-decoded second field of its line).
    static func read(_ blob: [UInt8]) throws -> (key: KeyFacts, certificate: SSHCertificateFacts) {
        var buffer = SSHKeyReader.Buffer(bytes: blob)
        let type = try buffer.text()
        guard isCertificateType(type) else {
            throw FormatError(.sshMalformed, "OpenSSH certificate: '\(EscapedText.escape(type))' is no certificate type")
        }
        _ = try buffer.string()  // nonce
        let key = try SSHKeyReader.keyFields(type: keyType(ofCertificateType: type), from: &buffer)
        guard key.algorithm != .unknown else {
            throw FormatError(
                .sshUnsupported, "OpenSSH certificate of unknown type '\(EscapedText.escape(type))': its fields cannot be located")
        }
        let serial = try buffer.uint64()
        let roleCode = try buffer.uint32()
        let keyID = EscapedText.escape(try buffer.string())
        var principalList = SSHKeyReader.Buffer(bytes: Array(try buffer.string()))
        var principals: [String] = []
        var principalCount = 0
        while !principalList.isAtEnd {
            let principal = try principalList.string()
            principalCount += 1
            if principals.count < SSHCertificateFacts.principalLimit { principals.append(EscapedText.escape(principal)) }
        }
        let validAfter = try buffer.uint64(), validBefore = try buffer.uint64()
        let criticalOptions = try names(Array(try buffer.string()))
        let extensions = try names(Array(try buffer.string()))
        _ = try buffer.string()  // reserved
        let caBlob = Array(try buffer.string())
        let caKey = try SSHKeyReader.publicBlob(caBlob)
        var signatureBlob = SSHKeyReader.Buffer(bytes: Array(try buffer.string()))
        let signatureType = try signatureBlob.text()
        _ = try signatureBlob.string()  // the signature itself must be there
        let fingerprint = Data(try Digest.sha256(caBlob)).base64EncodedString().replacingOccurrences(of: "=", with: "")
        let facts = SSHCertificateFacts(
            certificateType: type, role: roleCode == 1 ? "user" : roleCode == 2 ? "host" : "unknown (\(roleCode))",
            serial: serial, keyID: keyID, principals: principals, principalCount: principalCount,
            validAfter: validAfter == 0 ? nil : date(validAfter), validBefore: date(validBefore),
            criticalOptions: criticalOptions, extensions: extensions, caKey: caKey,
            caFingerprint: "SHA256:" + fingerprint, signature: signature(signatureType))
        return (key, facts)
    }

    /// The names of a critical-options or extensions list (name, then data, pairs).
    private static func names(_ bytes: [UInt8]) throws -> [String] {
        var list = SSHKeyReader.Buffer(bytes: bytes)
        var names: [String] = []
        while !list.isAtEnd {
            let name = try list.string()
            _ = try list.string()
            if names.count < 64 { names.append(EscapedText.escape(name)) }
        }
        return names
    }

    /// Seconds since the epoch; `nil` past 9999-12-31 (OpenSSH writes 2^64-1 for "forever").
    private static func date(_ seconds: UInt64) -> Date? {
        seconds > 253_402_300_799 ? nil : Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The signature facts of an SSH signature type name (RFC 4253 6.6, RFC 8332, RFC 5656,
    /// RFC 8709, PROTOCOL.u2f). `ssh-rsa` and `ssh-dss` sign SHA-1.
    static func signature(_ type: String) -> SignatureAlgorithmFacts {
        let known: [String: (Primitive, Primitive?)] = [
            "ssh-rsa": ("rsassa-pkcs1-v1_5", "sha-1"),
            "rsa-sha2-256": ("rsassa-pkcs1-v1_5", "sha-256"),
            "rsa-sha2-512": ("rsassa-pkcs1-v1_5", "sha-512"),
            "ssh-dss": ("dsa", "sha-1"),
            "ecdsa-sha2-nistp256": ("ecdsa", "sha-256"),
            "ecdsa-sha2-nistp384": ("ecdsa", "sha-384"),
            "ecdsa-sha2-nistp521": ("ecdsa", "sha-512"),
            "sk-ecdsa-sha2-nistp256@openssh.com": ("ecdsa", "sha-256"),
            "ssh-ed25519": ("eddsa", nil),
            "sk-ssh-ed25519@openssh.com": ("eddsa", nil),
            "ssh-ed448": ("eddsa", nil),
        ]
        let name = EscapedText.escape(type)
        guard let (scheme, hash) = known[type] else { return SignatureAlgorithmFacts(oid: name, name: name, scheme: nil, hash: nil) }
        return SignatureAlgorithmFacts(oid: name, name: name, scheme: scheme, hash: hash)
    }
}
