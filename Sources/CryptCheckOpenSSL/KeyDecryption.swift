internal import COpenSSL
import CryptCheckModel

/// Opens password-protected keys and PKCS#12 files with OpenSSL and returns facts only: key
/// material never leaves this module, and the OpenSSL objects holding it are freed at once.
public enum KeyDecryption {
    /// An encrypted PEM private key (PKCS#8 or legacy DEK-Info), opened with `password`.
    public static func pemPrivateKey(_ pem: [UInt8], password: String) throws -> KeyFacts {
        try decrypt(pem, password: password) { bio, pass in PEM_read_bio_PrivateKey(bio, nil, nil, pass) }
    }

    /// An encrypted DER PKCS#8 private key, opened with `password`.
    public static func derPrivateKey(_ der: [UInt8], password: String) throws -> KeyFacts {
        try decrypt(der, password: password) { bio, pass in d2i_PKCS8PrivateKey_bio(bio, nil, nil, pass) }
    }

    /// Runs an OpenSSL key reader over `bytes` in a memory BIO with `password` as the
    /// passphrase, and returns the key's facts; the key is freed before returning.
    private static func decrypt(_ bytes: [UInt8], password: String,
                                _ read: (OpaquePointer, UnsafeMutableRawPointer) -> OpaquePointer?) throws -> KeyFacts {
        Providers.ensureLoaded()
        ERR_clear_error()
        guard let bio = bytes.withUnsafeBufferPointer({ BIO_new_mem_buf($0.baseAddress, Int32($0.count)) }) else {
            throw OpenSSLError.drain("allocating a memory BIO")
        }
        defer { BIO_free(bio) }
        let key = password.withCString { read(bio, UnsafeMutableRawPointer(mutating: $0)) }
        guard let key else { throw OpenSSLError.drain("decrypting the private key (wrong password?)") }
        defer { EVP_PKEY_free(key) }
        return facts(key)
    }

    /// A PKCS#12 file opened with `password`: the key's facts and every certificate's DER.
    /// `nil` is the absent password (no bytes at all), which PKCS#12 tells apart from the empty
    /// string (its BMPString conversion is two zero bytes); both occur in files in the wild.
    public static func pkcs12(_ der: [UInt8], password: String?) throws -> (key: KeyFacts?, certificates: [[UInt8]]) {
        Providers.ensureLoaded()
        ERR_clear_error()
        let p12: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_PKCS12(nil, &cursor, buffer.count)
        }
        guard let p12 else { throw OpenSSLError.drain("parsing the PKCS#12 file") }
        defer { PKCS12_free(p12) }
        var key: OpaquePointer?
        var leaf: OpaquePointer?
        var chain: OpaquePointer?
        let ok = if let password {
            password.withCString { PKCS12_parse(p12, $0, &key, &leaf, &chain) }
        } else {
            PKCS12_parse(p12, nil, &key, &leaf, &chain)
        }
        guard ok == 1 else { throw OpenSSLError.drain("opening the PKCS#12 file (wrong password?)") }
        defer {
            if let key { EVP_PKEY_free(key) }
            if let leaf { X509_free(leaf) }
            if let chain { cc_sk_X509_pop_free(chain) }
        }
        var certificates: [[UInt8]] = []
        if let leaf { certificates.append(X509Certificate.encode(leaf)) }
        if let chain {
            for index in 0..<cc_sk_X509_num(chain) {
                if let certificate = cc_sk_X509_value(chain, index) { certificates.append(X509Certificate.encode(certificate)) }
            }
        }
        return (key.map(facts), certificates)
    }

    /// Algorithm, size and curve of an OpenSSL key.
    static func facts(_ key: OpaquePointer) -> KeyFacts {
        let bits = Int(EVP_PKEY_get_bits(key))
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_RSA: return KeyFacts(algorithm: .rsa, bits: bits)
        case EVP_PKEY_RSA_PSS: return KeyFacts(algorithm: .rsaPSS, bits: bits)
        case EVP_PKEY_DSA: return KeyFacts(algorithm: .dsa, bits: bits)
        case EVP_PKEY_DH, EVP_PKEY_DHX: return KeyFacts(algorithm: .dh, bits: bits)
        case EVP_PKEY_ED25519: return KeyFacts(algorithm: .ed25519, bits: 253, curve: "ed25519")
        case EVP_PKEY_ED448: return KeyFacts(algorithm: .ed448, bits: 446, curve: "ed448")
        case EVP_PKEY_X25519: return KeyFacts(algorithm: .x25519, bits: 253, curve: "x25519")
        case EVP_PKEY_X448: return KeyFacts(algorithm: .x448, bits: 446, curve: "x448")
        case EVP_PKEY_EC:
            var buffer = [CChar](repeating: 0, count: 80)
            var length = 0
            let name = EVP_PKEY_get_group_name(key, &buffer, buffer.count, &length) == 1
                ? String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
            let curve = EllipticCurve.named(name)
            return KeyFacts(algorithm: .ec, bits: curve?.orderBits ?? bits, curve: curve?.id ?? name)
        default:
            return KeyFacts(algorithm: .unknown)
        }
    }
}
