import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Foundation

/// Sun's JKS KeyProtector (sun.security.provider.KeyProtector): SHA-1 keystream over the
/// password (UTF-16BE) and a 20-byte salt, with a SHA-1 check value.
enum JKSKeyProtector {
    static func recover(_ protected: [UInt8], password: String) throws -> KeyFacts {
        guard protected.count > 40 else { throw FormatError(.keystoreMalformed, "JKS protected key too short") }
        let passwordBytes = password.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let salt = Array(protected.prefix(20))
        let encrypted = Array(protected[20..<(protected.count - 20)])
        let check = Array(protected.suffix(20))
        var plain = [UInt8](repeating: 0, count: encrypted.count)
        defer { for index in plain.indices { plain[index] = 0 } }
        var digest = salt
        var offset = 0
        while offset < encrypted.count {
            digest = try Digest.sha1(passwordBytes + digest)
            for index in 0..<min(20, encrypted.count - offset) {
                plain[offset + index] = encrypted[offset + index] ^ digest[index]
            }
            offset += 20
        }
        guard try Digest.sha1(passwordBytes + plain) == check else { throw FormatError(.keystoreWrongPassword, "wrong keystore password") }
        return try KeyInfoReader.privateKeyInfo(DER.parse(plain))
    }
}

/// SunJCE's PBEWithMD5AndTripleDES (com.sun.crypto.provider.PBES1Core), which protects JCEKS
/// private keys: an 8-byte salt split in halves, each hashed with the password `iterations`
/// times by MD5, gives a 3DES key and IV; the plaintext is a PKCS#8 PrivateKeyInfo.
enum JCEKSKeyProtector {
    static let oid = "1.3.6.1.4.1.42.2.19.1"

    /// `fields`: the EncryptedPrivateKeyInfo's algorithm (with PBEParameter) and data.
    static func recover(_ fields: [DER], password: String) throws -> KeyFacts {
        guard password.unicodeScalars.allSatisfy(\.isASCII) else {
            throw FormatError(.keystorePasswordNotASCII, "JCEKS passwords are ASCII")
        }
        let algorithm = try AlgorithmIdentifier(fields[0])
        guard let parameters = try algorithm.parameters?.sequence("PBEParameter", minimum: 2) else {
            throw FormatError(.keystoreMalformed, "JCEKS: PBEParameter missing")
        }
        var salt = Array(parameters[0].value)
        let iterations = try parameters[1].int()
        guard salt.count == 8, (1...10_000_000).contains(iterations) else {
            throw FormatError(.keystoreMalformed, "JCEKS: bad PBE parameters")
        }
        if salt[0..<4] == salt[4..<8] {
            // SunJCE's rule for equal halves, bug included: it reverses the first half in
            // place with `salt[3 - 1]` as the second index, which leaves salt[3] alone.
            for index in 0..<2 {
                let swapped = salt[index]
                salt[index] = salt[3 - index]
                salt[3 - 1] = swapped
            }
        }
        let passwordBytes = Array(password.utf8)
        var derived: [UInt8] = []
        for half in 0..<2 {
            derived += try Digest.md5Iterated(Array(salt[(half * 4)..<(half * 4 + 4)]), suffix: passwordBytes, iterations: iterations)
        }
        defer { for index in derived.indices { derived[index] = 0 } }
        var plain = try LegacyDecryption.decrypt(
            Array(fields[1].value), cipher: "DES-EDE3-CBC",
            key: Array(derived[0..<24]), iv: Array(derived[24..<32]))
        defer { for index in plain.indices { plain[index] = 0 } }
        return try KeyInfoReader.privateKeyInfo(DER.parse(plain))
    }
}
