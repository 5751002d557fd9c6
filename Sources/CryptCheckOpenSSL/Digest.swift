internal import COpenSSL
import CryptCheckModel

/// Message digests computed by OpenSSL's EVP interface.
package enum Digest {
    // Fetched once: `EVP_sha256()` makes OpenSSL 3 look the algorithm up, under a lock, on
    // every call. nonisolated(unsafe): the EVP_MD objects are immutable after the fetch and
    // OpenSSL documents them as safe to share between threads.
    nonisolated(unsafe) private static let sha256MD: OpaquePointer? = {
        Providers.ensureLoaded()
        return EVP_MD_fetch(nil, "SHA2-256", nil)
    }()
    nonisolated(unsafe) private static let sha1MD: OpaquePointer? = {
        Providers.ensureLoaded()
        return EVP_MD_fetch(nil, "SHA1", nil)
    }()

    nonisolated(unsafe) private static let md5MD: OpaquePointer? = {
        Providers.ensureLoaded()
        return EVP_MD_fetch(nil, "MD5", nil)
    }()

    /// SHA-256 of `bytes` as lower-case hex.
    package static func sha256Hex(_ bytes: [UInt8]) throws -> String {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBufferPointer { input in
            EVP_Digest(input.baseAddress, input.count, &output, &length, sha256MD, nil)
        }
        guard ok == 1 else { throw OpenSSLError.drain("computing SHA-256") }
        return Hex.lower(output.prefix(Int(length)))
    }

    /// SHA-256 as lower-case hex of the bytes `produce` hands to its sink, in order: a document
    /// of hundreds of megabytes (the streamed report) is digested without being held whole.
    package static func sha256Hex(of produce: (_ sink: ([UInt8]) throws -> Void) throws -> Void) throws -> String {
        guard let context = EVP_MD_CTX_new() else { throw OpenSSLError.drain("creating a digest context") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestInit_ex2(context, sha256MD, nil) == 1 else { throw OpenSSLError.drain("computing SHA-256") }
        try produce { bytes in
            guard bytes.withUnsafeBufferPointer({ EVP_DigestUpdate(context, $0.baseAddress, $0.count) }) == 1 else {
                throw OpenSSLError.drain("computing SHA-256")
            }
        }
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &output, &length) == 1 else { throw OpenSSLError.drain("computing SHA-256") }
        return Hex.lower(output.prefix(Int(length)))
    }

    /// SHA-256 of `bytes` (OpenSSH key fingerprints).
    package static func sha256(_ bytes: [UInt8]) throws -> [UInt8] { try digest(bytes, sha256MD, "SHA-256") }

    /// SHA-1 of `bytes` (for formats that use it structurally, such as JKS key protection).
    package static func sha1(_ bytes: [UInt8]) throws -> [UInt8] { try digest(bytes, sha1MD, "SHA-1") }

    /// `block = MD5(block || suffix)`, `iterations` times, in one reused context (SunJCE's
    /// PBEWithMD5AndTripleDES runs this hundreds of thousands of times per password).
    package static func md5Iterated(_ seed: [UInt8], suffix: [UInt8], iterations: Int) throws -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw OpenSSLError.drain("creating a digest context") }
        defer { EVP_MD_CTX_free(context) }
        var block = seed
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        for _ in 0..<iterations {
            guard EVP_DigestInit_ex2(context, md5MD, nil) == 1,
                block.withUnsafeBufferPointer({ EVP_DigestUpdate(context, $0.baseAddress, $0.count) }) == 1,
                suffix.withUnsafeBufferPointer({ EVP_DigestUpdate(context, $0.baseAddress, $0.count) }) == 1,
                EVP_DigestFinal_ex(context, &output, &length) == 1
            else { throw OpenSSLError.drain("computing MD5") }
            block = Array(output.prefix(Int(length)))
        }
        return block
    }

    private static func digest(_ bytes: [UInt8], _ md: OpaquePointer?, _ name: String) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBufferPointer { input in
            EVP_Digest(input.baseAddress, input.count, &output, &length, md, nil)
        }
        guard ok == 1 else { throw OpenSSLError.drain("computing \(name)") }
        return Array(output.prefix(Int(length)))
    }
}

/// Decryption with a named OpenSSL cipher, for legacy key envelopes OpenSSL has no
/// container parser for (JCEKS). The caller zeroes the plaintext when done.
package enum LegacyDecryption {
    /// Decrypts `data` with `cipher` (e.g. `DES-EDE3-CBC`), PKCS#5 padding removed.
    package static func decrypt(_ data: [UInt8], cipher name: String, key: [UInt8], iv: [UInt8]) throws -> [UInt8] {
        Providers.ensureLoaded()
        ERR_clear_error()
        guard let cipher = EVP_CIPHER_fetch(nil, name, nil) else { throw OpenSSLError.drain("fetching the cipher \(name)") }
        defer { EVP_CIPHER_free(cipher) }
        guard let context = EVP_CIPHER_CTX_new() else { throw OpenSSLError.drain("creating a cipher context") }
        defer { EVP_CIPHER_CTX_free(context) }
        guard Int(EVP_CIPHER_get_key_length(cipher)) == key.count, Int(EVP_CIPHER_get_iv_length(cipher)) == iv.count else {
            throw OpenSSLError(operation: "decrypting with \(name)", queue: ["wrong key or IV length"], code: .envelopeMalformed)
        }
        guard EVP_DecryptInit_ex2(context, cipher, key, iv, nil) == 1 else { throw OpenSSLError.drain("initialising \(name)") }
        var output = [UInt8](repeating: 0, count: data.count + Int(EVP_CIPHER_get_block_size(cipher)))
        var written: Int32 = 0, final: Int32 = 0
        let updated = output.withUnsafeMutableBufferPointer { out in
            data.withUnsafeBufferPointer { input in
                EVP_DecryptUpdate(context, out.baseAddress, &written, input.baseAddress, Int32(input.count))
            }
        }
        guard updated == 1 else { throw OpenSSLError.drain("decrypting with \(name)") }
        let finished = output.withUnsafeMutableBufferPointer { out in EVP_DecryptFinal_ex(context, out.baseAddress! + Int(written), &final)
        }
        guard finished == 1 else {
            for index in output.indices { output[index] = 0 }
            throw OpenSSLError.drain("decrypting with \(name) (wrong password?)")
        }
        let plain = Array(output.prefix(Int(written + final)))
        for index in output.indices { output[index] = 0 }
        return plain
    }
}
