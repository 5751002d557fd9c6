import CryptCheckModel
import CryptCheckOpenSSL
import Foundation

/// A host key blob (K_S) read far enough to check a signature with it: the key's parts, and
/// for a certificate the certified key as a plain blob (what `ssh-keygen -l` fingerprints).
package struct SSHHostKey: Sendable {
    package var type: String
    package var parts: PublicKeyParts
    /// The plain key blob: K_S itself, or for a certificate the certified key.
    package var plainBlob: [UInt8]
    package var isCertificate: Bool

    package static let certificateSuffix = "-cert-v01@openssh.com"

    package init(blob: [UInt8]) throws {
        var reader = SSHReader(blob)
        let typeBytes = try reader.string()
        type = EscapedText.escape(typeBytes)
        isCertificate = type.hasSuffix(Self.certificateSuffix)
        let plainType = isCertificate ? String(type.dropLast(Self.certificateSuffix.count)) : type
        if isCertificate { _ = try reader.string() }  // nonce
        var plain = SSHWriter()
        plain.string(plainType)
        switch plainType {
        case "ssh-rsa":
            let exponent = try reader.mpint(), modulus = try reader.mpint()
            plain.mpint(exponent)
            plain.mpint(modulus)
            parts = .rsa(modulus: modulus, exponent: exponent)
        case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521":
            let curveName = try reader.string(), point = try reader.string()
            guard EscapedText.escape(curveName) == String(plainType.dropFirst("ecdsa-sha2-".count)) else {
                throw SSHWireError(.sshWireMalformed, "\(plainType): the key names the curve '\(EscapedText.escape(curveName))'")
            }
            plain.string(curveName)
            plain.string(point)
            let curve: KeyAgreementKey.Curve = plainType.hasSuffix("256") ? .p256 : plainType.hasSuffix("384") ? .p384 : .p521
            parts = .ec(curve: curve, point: point)
        case "ssh-ed25519":
            let raw = try reader.string()
            guard raw.count == 32 else { throw SSHWireError(.sshWireMalformed, "ssh-ed25519: a key of \(raw.count) bytes, not 32") }
            plain.string(raw)
            parts = .ed25519(raw)
        case "ssh-ed448":
            let raw = try reader.string()
            guard raw.count == 57 else { throw SSHWireError(.sshWireMalformed, "ssh-ed448: a key of \(raw.count) bytes, not 57") }
            plain.string(raw)
            parts = .ed448(raw)
        default:
            throw SSHWireError(.sshWireUnsupported, "a host key of type '\(type)', whose signatures the scanner cannot check")
        }
        plainBlob = isCertificate ? plain.bytes : blob
    }

    /// `SHA256:` and the unpadded base64 of the plain key's SHA-256, as `ssh-keygen -l` prints it.
    package func fingerprint() throws -> String {
        "SHA256:" + Data(try Digest.sha256(plainBlob)).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    /// The signature types a key of this type may sign with, and their hashes.
    static func hash(ofSignature type: String) -> SignatureCheck.Hash?? {
        switch type {
        case "ssh-rsa": .some(.sha1)
        case "rsa-sha2-256": .some(.sha256)
        case "rsa-sha2-512": .some(.sha512)
        case "ecdsa-sha2-nistp256": .some(.sha256)
        case "ecdsa-sha2-nistp384": .some(.sha384)
        case "ecdsa-sha2-nistp521": .some(.sha512)
        case "ssh-ed25519", "ssh-ed448": .some(nil)
        default: nil
        }
    }

    /// The signature type a host-key algorithm name asks for (`rsa-sha2-256-cert-v01@openssh.com`
    /// signs with `rsa-sha2-256`).
    static func signatureType(ofAlgorithm name: String) -> String {
        name.hasSuffix(certificateSuffix) ? String(name.dropLast(certificateSuffix.count)) : name
    }

    /// Whether `signature` (the SSH signature blob: type, then the signature) over `data`
    /// verifies with this key, and the type it named. Throws when the blob is malformed or
    /// names a type that does not fit the key.
    func verify(signature blob: [UInt8], over data: [UInt8]) throws -> (type: String, verified: Bool) {
        var reader = SSHReader(blob)
        let type = EscapedText.escape(try reader.string())
        let signature = try reader.string()
        guard let hash = Self.hash(ofSignature: type) else {
            throw SSHWireError(.sshWireUnsupported, "a signature of type '\(type)', which the scanner cannot check")
        }
        let fits: Bool
        var checked = signature
        switch parts {
        case .rsa: fits = type == "ssh-rsa" || type.hasPrefix("rsa-sha2-")
        case .ec(let curve, _):
            fits = type == "ecdsa-sha2-nistp" + String(curve.rawValue.dropFirst(2))
            var inner = SSHReader(signature)
            let r = try inner.mpint(), s = try inner.mpint()
            checked = SignatureCheck.ecdsaSignature(r: r, s: s)
        case .ed25519: fits = type == "ssh-ed25519"
        case .ed448: fits = type == "ssh-ed448"
        }
        guard fits else { throw SSHWireError(.sshWireUnexpected, "a \(type) signature from a key of type \(self.type)") }
        return (type, try SignatureCheck.verify(key: parts, hash: hash, signature: checked, message: data))
    }
}
