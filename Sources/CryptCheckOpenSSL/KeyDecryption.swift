internal import COpenSSL
import CryptCheckModel

/// Opens password-protected keys and PKCS#12 files with OpenSSL and returns facts only: key
/// material never leaves this module, and the OpenSSL objects holding it are freed at once.
package enum KeyDecryption {
    /// An encrypted PEM private key (PKCS#8 or legacy DEK-Info), opened with `password`.
    package static func pemPrivateKey(_ pem: [UInt8], password: String) throws -> KeyFacts {
        try decrypt(pem, password: password) { bio, pass in PEM_read_bio_PrivateKey(bio, nil, nil, pass) }
    }

    /// An encrypted DER PKCS#8 private key, opened with `password`.
    package static func derPrivateKey(_ der: [UInt8], password: String) throws -> KeyFacts {
        try decrypt(der, password: password) { bio, pass in d2i_PKCS8PrivateKey_bio(bio, nil, nil, pass) }
    }

    /// Runs an OpenSSL key reader over `bytes` in a memory BIO with `password` as the
    /// passphrase, and returns the key's facts; the key is freed before returning.
    private static func decrypt(
        _ bytes: [UInt8], password: String,
        _ read: (OpaquePointer, UnsafeMutableRawPointer) -> OpaquePointer?
    ) throws -> KeyFacts {
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

    /// A PKCS#12 file opened with `password`: the key's facts and every certificate's DER (the
    /// certificate that matches the key first, the others in file order).
    /// `nil` is the absent password (no bytes at all), which PKCS#12 tells apart from the empty
    /// string (its BMPString conversion is two zero bytes); both occur in files in the wild.
    ///
    /// Opened step by step rather than by `PKCS12_parse`, so that every key derivation (the MAC's,
    /// each encrypted part's, each shrouded key bag's) is charged to `work` before it runs:
    /// `cost` prices a password-based AlgorithmIdentifier (its DER) in iterations, nil when it
    /// cannot. Throws `KDFLimitExceeded` when a derivation would pass the limit.
    package static func pkcs12(
        _ der: [UInt8], password: String?, work: inout KDFWork,
        cost: (_ algorithm: [UInt8]) -> Int?
    ) throws -> (key: KeyFacts?, certificates: [[UInt8]]) {
        Providers.ensureLoaded()
        ERR_clear_error()
        let p12: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_PKCS12(nil, &cursor, buffer.count)
        }
        guard let p12 else { throw OpenSSLError.drain("parsing the PKCS#12 file") }
        defer { PKCS12_free(p12) }
        let macIterations = cc_PKCS12_mac_iterations(p12)
        if macIterations != -1 {
            try work.charge(macIterations < 0 ? Int.max : Int(macIterations))
            guard withPassword(password, { PKCS12_verify_mac(p12, $0, $1) }) == 1 else {
                throw OpenSSLError.drain("verifying the PKCS#12 MAC (wrong password?)")
            }
        }
        guard let safes = PKCS12_unpack_authsafes(p12) else { throw OpenSSLError.drain("reading the PKCS#12 authenticated safe") }
        defer { cc_sk_PKCS7_pop_free(safes) }
        var opened = PKCS12Opened()
        defer { opened.free() }
        for index in 0..<cc_sk_PKCS7_num(safes) {
            guard let part = cc_sk_PKCS7_value(safes, index) else { continue }
            let bags: OpaquePointer?
            switch cc_PKCS7_type_nid(part) {
            case NID_pkcs7_data:
                bags = PKCS12_unpack_p7data(part)
            case NID_pkcs7_encrypted:
                try work.charge(algorithmDER({ cc_PKCS7_encrypted_algorithm_der(part, $0) }).flatMap(cost))
                bags = withPassword(password) { PKCS12_unpack_p7encdata(part, $0, $1) }
            default:
                continue  // envelopedData: public-key encrypted, no password opens it
            }
            guard let bags else { throw OpenSSLError.drain("decrypting a PKCS#12 part (wrong password?)") }
            defer { cc_sk_PKCS12_SAFEBAG_pop_free(bags) }
            try opened.read(bags, password: password, work: &work, cost: cost, depth: 0)
        }
        return opened.result()
    }

    /// Calls `body` with the password as OpenSSL takes it: a C string and -1, or NULL and 0 for
    /// the absent password.
    private static func withPassword<T>(_ password: String?, _ body: (UnsafePointer<CChar>?, Int32) -> T) -> T {
        guard let password else { return body(nil, 0) }
        return password.withCString { body($0, -1) }
    }

    /// The DER that `encode` writes (an i2d function called with an output pointer), or nil.
    private static func algorithmDER(_ encode: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>) -> Int32) -> [UInt8]? {
        var buffer: UnsafeMutablePointer<UInt8>?
        let length = encode(&buffer)
        guard length > 0, let buffer else { return nil }
        defer { CRYPTO_free(buffer, #fileID, #line) }
        return Array(UnsafeBufferPointer(start: buffer, count: Int(length)))
    }

    /// The keys and certificates found in a PKCS#12 file's bags, freed by `free()`.
    private struct PKCS12Opened {
        var keys: [OpaquePointer] = []
        var certificates: [OpaquePointer] = []

        mutating func read(
            _ bags: OpaquePointer, password: String?, work: inout KDFWork,
            cost: ([UInt8]) -> Int?, depth: Int
        ) throws {
            guard depth < 4 else {
                throw OpenSSLError(operation: "PKCS#12: safe contents nested too deep", queue: [], code: .pkcs12Malformed)
            }
            for index in 0..<cc_sk_PKCS12_SAFEBAG_num(bags) {
                guard let bag = cc_sk_PKCS12_SAFEBAG_value(bags, index) else { continue }
                switch PKCS12_SAFEBAG_get_nid(bag) {
                case NID_keyBag:
                    if let info = PKCS12_SAFEBAG_get0_p8inf(bag), let key = EVP_PKCS82PKEY(info) { keys.append(key) }
                case NID_pkcs8ShroudedKeyBag:
                    try work.charge(KeyDecryption.algorithmDER({ cc_PKCS12_SAFEBAG_shrouded_algorithm_der(bag, $0) }).flatMap(cost))
                    guard let info = KeyDecryption.withPassword(password, { PKCS12_decrypt_skey(bag, $0, $1) }) else {
                        throw OpenSSLError.drain("decrypting a PKCS#12 key bag (wrong password?)")
                    }
                    defer { PKCS8_PRIV_KEY_INFO_free(info) }
                    if let key = EVP_PKCS82PKEY(info) { keys.append(key) }
                case NID_certBag:
                    if PKCS12_SAFEBAG_get_bag_nid(bag) == NID_x509Certificate, let certificate = PKCS12_SAFEBAG_get1_cert(bag) {
                        certificates.append(certificate)
                    }
                case NID_safeContentsBag:
                    if let inner = PKCS12_SAFEBAG_get0_safes(bag) {
                        try read(inner, password: password, work: &work, cost: cost, depth: depth + 1)
                    }
                default:
                    continue
                }
            }
        }

        /// The first key's facts, and the certificates with the one matching that key first
        /// (as `PKCS12_parse` orders them).
        func result() -> (key: KeyFacts?, certificates: [[UInt8]]) {
            let key = keys.first
            var ordered = certificates
            if let key, let leaf = ordered.firstIndex(where: { X509_check_private_key($0, key) == 1 }) {
                ordered.insert(ordered.remove(at: leaf), at: 0)
            }
            ERR_clear_error()
            return (key.map(KeyDecryption.facts), ordered.map(X509Certificate.encode))
        }

        func free() {
            keys.forEach { EVP_PKEY_free($0) }
            certificates.forEach { X509_free($0) }
        }
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
            let name =
                EVP_PKEY_get_group_name(key, &buffer, buffer.count, &length) == 1
                ? String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
            let curve = EllipticCurve.named(name)
            return KeyFacts(algorithm: .ec, bits: curve?.orderBits ?? bits, curve: curve?.id ?? name)
        default:
            return KeyFacts(algorithm: .unknown)
        }
    }
}
