internal import COpenSSL
import CryptCheckModel

/// A public key given by its mathematical parts (as SSH carries keys), for checking one
/// signature with it.
package enum PublicKeyParts: Sendable, Hashable {
    /// Modulus and public exponent, big-endian unsigned.
    case rsa(modulus: [UInt8], exponent: [UInt8])
    /// A point on a NIST curve, as SEC 1 encodes it.
    case ec(curve: KeyAgreementKey.Curve, point: [UInt8])
    /// 32 raw bytes.
    case ed25519([UInt8])
    /// 57 raw bytes.
    case ed448([UInt8])
}

/// Checks signatures with OpenSSL: true when the signature verifies, false when it does not
/// (a wrong signature is an answer, not an error); throws when the key itself cannot be read.
package enum SignatureCheck {
    /// The hashes a signature may be made over: OpenSSL's names.
    package enum Hash: String, Sendable {
        case sha1 = "SHA1"
        case sha256 = "SHA2-256"
        case sha384 = "SHA2-384"
        case sha512 = "SHA2-512"
    }

    /// Whether `signature` over `message` verifies with `key` and `hash` (`nil` for EdDSA,
    /// which hashes by itself). For ECDSA, `signature` is the pair (r, s): give it through
    /// `ecdsaSignature(r:s:)`.
    package static func verify(key parts: PublicKeyParts, hash: Hash?, signature: [UInt8], message: [UInt8]) throws -> Bool {
        Providers.ensureLoaded()
        ERR_clear_error()
        let key = try publicKey(parts)
        defer { EVP_PKEY_free(key) }
        guard let context = EVP_MD_CTX_new() else { throw OpenSSLError.drain("creating a verification context") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit_ex(context, nil, hash?.rawValue, nil, nil, key, nil) == 1 else {
            throw OpenSSLError.drain("initialising signature verification")
        }
        let result = signature.withUnsafeBufferPointer { sig in
            message.withUnsafeBufferPointer { tbs in
                EVP_DigestVerify(context, sig.baseAddress, sig.count, tbs.baseAddress, tbs.count)
            }
        }
        ERR_clear_error()
        return result == 1
    }

    /// The DER ECDSA-Sig-Value (RFC 3279 2.2.3) of r and s given as big-endian magnitudes
    /// (SSH mpints, leading zero bytes allowed).
    package static func ecdsaSignature(r: [UInt8], s: [UInt8]) -> [UInt8] {
        sequence(integer(r) + integer(s))
    }

    private static func publicKey(_ parts: PublicKeyParts) throws -> OpaquePointer {
        switch parts {
        case .ed25519(let raw), .ed448(let raw):
            let isEd25519 = if case .ed25519 = parts { true } else { false }
            guard raw.count == (isEd25519 ? 32 : 57),
                let key = raw.withUnsafeBufferPointer({
                    EVP_PKEY_new_raw_public_key(isEd25519 ? EVP_PKEY_ED25519 : EVP_PKEY_ED448, nil, $0.baseAddress, $0.count)
                })
            else { throw OpenSSLError.drain("reading an EdDSA public key") }
            return key
        case .rsa(let modulus, let exponent):
            let der = sequence(integer(modulus) + integer(exponent))
            var key: OpaquePointer?
            let made = der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
                var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
                return d2i_PublicKey(EVP_PKEY_RSA, &key, &cursor, buffer.count)
            }
            guard let made else { throw OpenSSLError.drain("reading an RSA public key") }
            return made
        case .ec(let curve, let point):
            guard !curve.isMontgomery else { throw OpenSSLError.drain("reading an EC public key on \(curve.rawValue)") }
            let key = point.withUnsafeBufferPointer { cc_ec_public_key(curve.rawValue, $0.baseAddress, $0.count) }
            guard let key else { throw OpenSSLError.drain("reading an EC public key on \(curve.rawValue)") }
            return key
        }
    }

    /// A DER INTEGER of a non-negative big-endian magnitude.
    private static func integer(_ magnitude: [UInt8]) -> [UInt8] {
        var body = Array(magnitude.drop { $0 == 0 })
        if body.isEmpty || body[0] & 0x80 != 0 { body.insert(0, at: 0) }
        return [0x02] + length(body.count) + body
    }

    private static func sequence(_ body: [UInt8]) -> [UInt8] { [0x30] + length(body.count) + body }

    private static func length(_ count: Int) -> [UInt8] {
        if count < 0x80 { return [UInt8(count)] }
        var bytes: [UInt8] = []
        var rest = count
        while rest > 0 {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }
}

extension Digest {
    /// A digest by the name SSH's key exchanges use, for the exchange hash.
    package static func hash(_ name: SignatureCheck.Hash, _ bytes: [UInt8]) throws -> [UInt8] {
        Providers.ensureLoaded()
        guard let md = EVP_MD_fetch(nil, name.rawValue, nil) else { throw OpenSSLError.drain("fetching \(name.rawValue)") }
        defer { EVP_MD_free(md) }
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBufferPointer { EVP_Digest($0.baseAddress, $0.count, &output, &length, md, nil) }
        guard ok == 1 else { throw OpenSSLError.drain("computing \(name.rawValue)") }
        return Array(output.prefix(Int(length)))
    }
}
