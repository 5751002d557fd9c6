internal import COpenSSL
import CryptCheckModel

/// An ephemeral key-agreement key (X25519, X448 or an ECDH curve), for the key exchanges a
/// scanner completes to see a server's host key and signature. The private half never leaves
/// this object and is freed with it.
package final class KeyAgreementKey {
    /// The curves a key can be made on: OpenSSL's names.
    package enum Curve: String, Sendable, CaseIterable {
        case x25519 = "X25519"
        case x448 = "X448"
        case p256 = "P-256"
        case p384 = "P-384"
        case p521 = "P-521"

        var isMontgomery: Bool { self == .x25519 || self == .x448 }
    }

    private let key: OpaquePointer
    package let curve: Curve
    /// The public value as sent on the wire: 32 or 56 raw bytes, or an uncompressed point.
    package let publicValue: [UInt8]

    /// A fresh key on `curve`.
    package init(curve: Curve) throws {
        Providers.ensureLoaded()
        ERR_clear_error()
        self.curve = curve
        let algorithm = curve.isMontgomery ? curve.rawValue : "EC"
        guard let context = EVP_PKEY_CTX_new_from_name(nil, algorithm, nil) else {
            throw OpenSSLError.drain("creating a \(curve.rawValue) key context")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1 else { throw OpenSSLError.drain("initialising \(curve.rawValue) key generation") }
        if !curve.isMontgomery {
            guard EVP_PKEY_CTX_set_group_name(context, curve.rawValue) == 1 else {
                throw OpenSSLError.drain("choosing the curve \(curve.rawValue)")
            }
        }
        var generated: OpaquePointer?
        guard EVP_PKEY_generate(context, &generated) == 1, let generated else {
            throw OpenSSLError.drain("generating a \(curve.rawValue) key")
        }
        var encoded: UnsafeMutablePointer<UInt8>?
        let length = EVP_PKEY_get1_encoded_public_key(generated, &encoded)
        guard length > 0, let encoded else {
            EVP_PKEY_free(generated)
            throw OpenSSLError.drain("encoding a \(curve.rawValue) public key")
        }
        publicValue = Array(UnsafeBufferPointer(start: encoded, count: length))
        CRYPTO_free(encoded, #file, #line)
        key = generated
    }

    deinit { EVP_PKEY_free(key) }

    /// The shared secret with the peer's public value (raw bytes, or a point on the curve);
    /// throws when the value is not a valid public key of the curve.
    package func sharedSecret(peer value: [UInt8]) throws -> [UInt8] {
        ERR_clear_error()
        let peer: OpaquePointer
        if curve.isMontgomery {
            let type = curve == .x25519 ? EVP_PKEY_X25519 : EVP_PKEY_X448
            guard value.count == publicValue.count,
                let made = value.withUnsafeBufferPointer({ EVP_PKEY_new_raw_public_key(type, nil, $0.baseAddress, $0.count) })
            else { throw OpenSSLError.drain("reading the peer's \(curve.rawValue) value") }
            peer = made
        } else {
            guard let made = EVP_PKEY_new() else { throw OpenSSLError.drain("creating a key") }
            guard EVP_PKEY_copy_parameters(made, key) == 1,
                value.withUnsafeBufferPointer({ EVP_PKEY_set1_encoded_public_key(made, $0.baseAddress, $0.count) }) == 1
            else {
                EVP_PKEY_free(made)
                throw OpenSSLError.drain("reading the peer's \(curve.rawValue) point")
            }
            peer = made
        }
        defer { EVP_PKEY_free(peer) }
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, key, nil) else { throw OpenSSLError.drain("creating a derivation context") }
        defer { EVP_PKEY_CTX_free(context) }
        var length = 0
        guard EVP_PKEY_derive_init(context) == 1, EVP_PKEY_derive_set_peer(context, peer) == 1,
            EVP_PKEY_derive(context, nil, &length) == 1
        else { throw OpenSSLError.drain("deriving a \(curve.rawValue) shared secret") }
        var secret = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_derive(context, &secret, &length) == 1 else {
            throw OpenSSLError.drain("deriving a \(curve.rawValue) shared secret")
        }
        return Array(secret.prefix(length))
    }
}

/// Finite-field Diffie-Hellman over a group given by its prime and generator (the fixed SSH
/// groups, or the one a server picks in a group exchange): big-endian unsigned magnitudes in,
/// the same out.
package final class FiniteFieldDHKey {
    private let prime: OpaquePointer
    private let exponent: OpaquePointer
    /// g^x mod p.
    package let publicValue: [UInt8]

    /// A fresh private exponent of `exponentBits` random bits (at least twice the group's
    /// strength), and its public value. Throws for a prime under 512 bits or over 16384, or a
    /// generator outside 2...p-2.
    package init(prime p: [UInt8], generator g: [UInt8], exponentBits: Int) throws {
        ERR_clear_error()
        guard let prime = BN_bin2bn(p, Int32(p.count), nil) else { throw OpenSSLError.drain("reading a DH prime") }
        self.prime = prime
        guard let exponent = BN_new() else { BN_free(prime); throw OpenSSLError.drain("allocating a DH exponent") }
        self.exponent = exponent
        let bits = Int(BN_num_bits(prime))
        guard (512...16_384).contains(bits), BN_is_odd(prime) == 1 else {
            BN_free(prime); BN_clear_free(exponent)
            throw OpenSSLError(operation: "checking a DH group", queue: ["prime of \(bits) bits"], code: .keyMalformed)
        }
        guard let generator = BN_bin2bn(g, Int32(g.count), nil) else {
            BN_free(prime); BN_clear_free(exponent)
            throw OpenSSLError.drain("reading a DH generator")
        }
        defer { BN_free(generator) }
        guard Self.isInRange(generator, prime) else {
            BN_free(prime); BN_clear_free(exponent)
            throw OpenSSLError(operation: "checking a DH group", queue: ["generator outside 2...p-2"], code: .keyMalformed)
        }
        let width = Int32(min(max(exponentBits, 160), bits - 1))
        guard let context = BN_CTX_new() else { BN_free(prime); BN_clear_free(exponent); throw OpenSSLError.drain("allocating") }
        defer { BN_CTX_free(context) }
        guard let value = BN_new() else { BN_free(prime); BN_clear_free(exponent); throw OpenSSLError.drain("allocating") }
        defer { BN_free(value) }
        guard BN_rand(exponent, width, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY) == 1,
            BN_mod_exp(value, generator, exponent, prime, context) == 1
        else {
            BN_free(prime); BN_clear_free(exponent)
            throw OpenSSLError.drain("computing a DH public value")
        }
        publicValue = Self.bytes(value)
    }

    deinit {
        BN_free(prime)
        BN_clear_free(exponent)
    }

    /// The shared secret peer^x mod p; throws for a peer value outside 2...p-2 (RFC 4253 8).
    package func sharedSecret(peer f: [UInt8]) throws -> [UInt8] {
        ERR_clear_error()
        guard let peer = BN_bin2bn(f, Int32(f.count), nil) else { throw OpenSSLError.drain("reading the peer's DH value") }
        defer { BN_free(peer) }
        guard Self.isInRange(peer, prime) else {
            throw OpenSSLError(operation: "checking the peer's DH value", queue: ["value outside 2...p-2"], code: .keyMalformed)
        }
        guard let context = BN_CTX_new() else { throw OpenSSLError.drain("allocating") }
        defer { BN_CTX_free(context) }
        guard let secret = BN_new() else { throw OpenSSLError.drain("allocating") }
        defer { BN_clear_free(secret) }
        guard BN_mod_exp(secret, peer, exponent, prime, context) == 1 else { throw OpenSSLError.drain("computing a DH shared secret") }
        return Self.bytes(secret)
    }

    /// Whether 1 < value < prime - 1.
    private static func isInRange(_ value: OpaquePointer, _ prime: OpaquePointer) -> Bool {
        guard let limit = BN_dup(prime) else { return false }
        defer { BN_free(limit) }
        return BN_sub_word(limit, 1) == 1 && BN_cmp(value, BN_value_one()) > 0 && BN_cmp(value, limit) < 0
    }

    private static func bytes(_ value: OpaquePointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int((BN_num_bits(value) + 7) / 8))
        _ = BN_bn2bin(value, &out)
        return out
    }
}

/// The MODP groups of RFC 2409 and RFC 3526 that SSH's fixed DH key exchanges use, by size.
package enum MODPGroup: Int, Sendable, CaseIterable {
    case rfc2409Bits1024 = 1024
    case rfc3526Bits2048 = 2048
    case rfc3526Bits3072 = 3072
    case rfc3526Bits4096 = 4096
    case rfc3526Bits6144 = 6144
    case rfc3526Bits8192 = 8192

    /// The prime, big-endian (the generator is 2 for all of them).
    package var prime: [UInt8] {
        let value: OpaquePointer? =
            switch self {
            case .rfc2409Bits1024: BN_get_rfc2409_prime_1024(nil)
            case .rfc3526Bits2048: BN_get_rfc3526_prime_2048(nil)
            case .rfc3526Bits3072: BN_get_rfc3526_prime_3072(nil)
            case .rfc3526Bits4096: BN_get_rfc3526_prime_4096(nil)
            case .rfc3526Bits6144: BN_get_rfc3526_prime_6144(nil)
            case .rfc3526Bits8192: BN_get_rfc3526_prime_8192(nil)
            }
        guard let value else { return [] }
        defer { BN_free(value) }
        var out = [UInt8](repeating: 0, count: Int((BN_num_bits(value) + 7) / 8))
        _ = BN_bn2bin(value, &out)
        return out
    }
}
