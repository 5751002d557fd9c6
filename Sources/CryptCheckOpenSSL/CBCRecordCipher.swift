internal import COpenSSL
import CryptCheckModel

/// One direction's record protection of a TLS 1.0–1.2 CBC suite with MAC-then-encrypt
/// (RFC 5246 6.2.3.2, RFC 2246 6.2.3.2), derived from a session's master secret and randoms
/// (RFC 5246 6.3): what a check needs to write a record OpenSSL would not (a valid MAC, padding
/// chosen by the check), and what a test's lenient peer needs to read one. Keys stay in memory
/// for the connection they were made for; nothing of them is printed or kept.
package struct CBCRecordCipher: Sendable {
    /// Which side writes with these keys.
    package enum Writer: Sendable {
        case client, server
    }

    /// The protocol version's wire value (0x0301–0x0303).
    package let version: UInt16
    /// The block size of the suite's cipher, in bytes (16 for AES, 8 for Triple DES).
    package let blockSize: Int
    /// The length of the record MAC, in bytes.
    package let macLength: Int
    /// TLS 1.1 and later carry each record's IV in front of it; TLS 1.0 chains the IV from the
    /// previous record's last ciphertext block (the flaw BEAST uses).
    package var explicitIV: Bool { version >= 0x0302 }

    /// TLS 1.0: the IV of the writer's first record (its Finished), from the key block; empty
    /// from TLS 1.1 on.
    package let initialIV: [UInt8]
    private let cipherName: String
    private let digestName: String
    private let macKey: [UInt8]
    private let key: [UInt8]

    /// The keys `writer` writes with, for `suite` (code point) at `version`, from the session's
    /// master secret and the hellos' randoms. Throws when the suite is not a CBC suite with an
    /// HMAC that the linked OpenSSL knows.
    package init(
        version: UInt16, suite: UInt16, masterSecret: [UInt8], clientRandom: [UInt8], serverRandom: [UInt8], writer: Writer
    ) throws {
        guard (0x0301...0x0303).contains(version) else {
            throw OpenSSLError(
                operation: "deriving record keys", queue: ["version 0x\(String(version, radix: 16)) has no CBC records"],
                code: .probeCannotOffer)
        }
        let context = try FullHandshake.clientContext(version: version, allCiphers: true)
        defer { SSL_CTX_free(context) }
        guard let ssl = SSL_new(context) else { throw OpenSSLError.drain("creating a TLS connection") }
        defer { SSL_free(ssl) }
        let bytes = [UInt8(suite >> 8), UInt8(suite & 0xFF)]
        guard let found = bytes.withUnsafeBufferPointer({ SSL_CIPHER_find(ssl, $0.baseAddress) }) else {
            throw OpenSSLError(
                operation: "deriving record keys", queue: ["the linked OpenSSL does not know suite 0x\(String(suite, radix: 16))"],
                code: .probeCannotOffer)
        }
        try self.init(
            version: version, cipher: found, masterSecret: masterSecret, clientRandom: clientRandom, serverRandom: serverRandom,
            writer: writer)
    }

    /// As above, from OpenSSL's description of the negotiated suite.
    init(
        version: UInt16, cipher: OpaquePointer, masterSecret: [UInt8], clientRandom: [UInt8], serverRandom: [UInt8], writer: Writer
    ) throws {
        let name = SSL_CIPHER_get_name(cipher).map { String(cString: $0) } ?? "?"
        func notCBC(_ why: String) -> OpenSSLError {
            OpenSSLError(operation: "deriving record keys", queue: ["\(name) \(why)"], code: .probeCannotOffer)
        }
        guard SSL_CIPHER_is_aead(cipher) == 0,
            let cipherShort = OBJ_nid2sn(SSL_CIPHER_get_cipher_nid(cipher)),
            let digestShort = OBJ_nid2sn(SSL_CIPHER_get_digest_nid(cipher))
        else { throw notCBC("is not a suite with a block cipher and an HMAC") }
        Providers.ensureLoaded()
        guard let evpCipher = EVP_get_cipherbyname(cipherShort), cc_EVP_CIPHER_mode(evpCipher) == cc_EVP_CIPH_CBC_MODE() else {
            throw notCBC("does not use a CBC cipher the linked OpenSSL has")
        }
        guard let evpDigest = EVP_get_digestbyname(digestShort) else { throw notCBC("uses a MAC hash the linked OpenSSL lacks") }
        self.version = version
        cipherName = String(cString: cipherShort)
        digestName = String(cString: digestShort)
        blockSize = Int(EVP_CIPHER_get_block_size(evpCipher))
        macLength = Int(EVP_MD_get_size(evpDigest))
        let keyLength = Int(EVP_CIPHER_get_key_length(evpCipher))
        // TLS 1.2's PRF hashes with the suite's handshake digest, SHA-256 for the suites that
        // name none (OpenSSL gives their pre-1.2 default, MD5 and SHA-1 together, which is what
        // earlier versions use).
        let suiteDigest = SSL_CIPHER_get_handshake_digest(cipher).flatMap { EVP_MD_get0_name($0) }.map { String(cString: $0) }
        let prf = version < 0x0303 ? "MD5-SHA1" : suiteDigest.flatMap { $0.uppercased() == "MD5-SHA1" ? nil : $0 } ?? "SHA256"
        let ivLength = version == 0x0301 ? blockSize : 0
        let block = try Self.prf(
            digest: prf, secret: masterSecret, seed: Array("key expansion".utf8) + serverRandom + clientRandom,
            length: 2 * (macLength + keyLength + ivLength))
        // client MAC key, server MAC key, client key, server key (RFC 5246 6.3).
        let first = writer == .client ? 0 : 1
        macKey = Array(block[(first * macLength)..<((first + 1) * macLength)])
        let keys = 2 * macLength
        key = Array(block[(keys + first * keyLength)..<(keys + (first + 1) * keyLength)])
        let ivs = keys + 2 * keyLength
        initialIV = Array(block[(ivs + first * ivLength)..<(ivs + (first + 1) * ivLength)])
    }

    /// The content of a record's `fragment` if its padding is well formed and its MAC (for
    /// `sequence` and `type`) right; `nil` otherwise. `iv` is TLS 1.0's chained IV; from TLS 1.1
    /// on the fragment carries its own.
    package func open(_ fragment: [UInt8], sequence: UInt64, type: UInt8, iv: [UInt8]) throws -> [UInt8]? {
        let (vector, body) =
            explicitIV ? (Array(fragment.prefix(blockSize)), Array(fragment.dropFirst(blockSize))) : (iv, fragment)
        guard !body.isEmpty, body.count % blockSize == 0, vector.count == blockSize else { return nil }
        let plain = try decrypt(body, iv: vector)
        let padding = Int(plain[plain.count - 1])
        guard padding + 1 + macLength <= plain.count,
            plain[(plain.count - 1 - padding)...].allSatisfy({ $0 == UInt8(padding) })
        else { return nil }
        let content = Array(plain.prefix(plain.count - 1 - padding - macLength))
        let mac = plain[content.count..<(content.count + macLength)]
        return try self.mac(sequence: sequence, type: type, content: content).elementsEqual(mac) ? content : nil
    }

    /// The record MAC (RFC 5246 6.2.3.1): HMAC over the sequence number, the header and the content.
    package func mac(sequence: UInt64, type: UInt8, content: [UInt8]) throws -> [UInt8] {
        var input: [UInt8] = (0..<8).map { UInt8(truncatingIfNeeded: sequence >> (56 - 8 * $0)) }
        input += [type, UInt8(version >> 8), UInt8(version & 0xFF), UInt8(content.count >> 8), UInt8(content.count & 0xFF)]
        input += content
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard let digest = EVP_get_digestbyname(digestName),
            macKey.withUnsafeBufferPointer({ keyBytes in
                input.withUnsafeBufferPointer {
                    HMAC(digest, keyBytes.baseAddress, Int32(keyBytes.count), $0.baseAddress, $0.count, &out, &length)
                }
            }) != nil
        else { throw OpenSSLError.drain("computing a record MAC") }
        return Array(out.prefix(Int(length)))
    }

    /// `plaintext` (whole blocks) encrypted in CBC mode from `iv`, without padding of its own.
    package func encrypt(_ plaintext: [UInt8], iv: [UInt8]) throws -> [UInt8] { try run(plaintext, iv: iv, encrypt: true) }

    /// `ciphertext` (whole blocks) decrypted from `iv`; the padding is left for the caller.
    package func decrypt(_ ciphertext: [UInt8], iv: [UInt8]) throws -> [UInt8] { try run(ciphertext, iv: iv, encrypt: false) }

    /// The record's plaintext before encryption: content, MAC and padding (RFC 5246 6.2.3.2),
    /// the padding at least one byte besides its length byte. `malformedPadding` writes every
    /// padding byte but the length byte wrong (the length's complement): what a receiver that
    /// checks only the MAC and the length byte takes (POODLE against TLS).
    /// `badMAC` writes the MAC wrong (its first byte flipped) and the padding right: the control
    /// that every receiver must refuse.
    package func plaintext(
        sequence: UInt64, type: UInt8, content: [UInt8], malformedPadding: Bool = false, badMAC: Bool = false
    ) throws -> [UInt8] {
        var tag = try mac(sequence: sequence, type: type, content: content)
        if badMAC { tag[0] ^= 0xFF }
        let body = content + tag
        let padding = paddingLength(content: content.count)
        let length = UInt8(padding)
        return body + [UInt8](repeating: malformedPadding ? ~length : length, count: padding) + [length]
    }

    /// The padding bytes (besides the length byte) of a record with `content` bytes: to whole
    /// blocks, at least one.
    package func paddingLength(content: Int) -> Int {
        let padding = (blockSize - (content + macLength + 1) % blockSize) % blockSize
        return padding == 0 ? blockSize : padding
    }

    private func run(_ input: [UInt8], iv: [UInt8], encrypt: Bool) throws -> [UInt8] {
        guard input.count % blockSize == 0, iv.count == blockSize else {
            throw OpenSSLError(
                operation: encrypt ? "encrypting a record" : "decrypting a record",
                queue: ["\(input.count) bytes with an IV of \(iv.count) are not whole \(blockSize)-byte blocks"],
                code: .tlsMalformed)
        }
        guard let cipher = EVP_get_cipherbyname(cipherName), let context = EVP_CIPHER_CTX_new() else {
            throw OpenSSLError.drain("setting up \(cipherName)")
        }
        defer { EVP_CIPHER_CTX_free(context) }
        var out = [UInt8](repeating: 0, count: input.count + blockSize)
        var written: Int32 = 0
        let ok =
            EVP_CipherInit_ex2(context, cipher, key, iv, encrypt ? 1 : 0, nil) == 1
            && EVP_CIPHER_CTX_set_padding(context, 0) == 1
            && input.withUnsafeBufferPointer { EVP_CipherUpdate(context, &out, &written, $0.baseAddress, Int32($0.count)) } == 1
        guard ok, Int(written) == input.count else { throw OpenSSLError.drain(encrypt ? "encrypting a record" : "decrypting a record") }
        return Array(out.prefix(input.count))
    }

    /// The TLS PRF (RFC 5246 5, RFC 2246 5) by OpenSSL's TLS1-PRF key derivation.
    static func prf(digest: String, secret: [UInt8], seed: [UInt8], length: Int) throws -> [UInt8] {
        guard let kdf = EVP_KDF_fetch(nil, "TLS1-PRF", nil) else { throw OpenSSLError.drain("fetching the TLS PRF") }
        defer { EVP_KDF_free(kdf) }
        guard let context = EVP_KDF_CTX_new(kdf) else { throw OpenSSLError.drain("creating the TLS PRF") }
        defer { EVP_KDF_CTX_free(context) }
        var out = [UInt8](repeating: 0, count: length)
        var secretBytes = secret, seedBytes = seed, digestName = Array(digest.utf8CString)
        let derived = secretBytes.withUnsafeMutableBytes { secretBuffer in
            seedBytes.withUnsafeMutableBytes { seedBuffer in
                digestName.withUnsafeMutableBufferPointer { name in
                    var params = [
                        OSSL_PARAM_construct_utf8_string(key("digest"), name.baseAddress, 0),
                        OSSL_PARAM_construct_octet_string(key("secret"), secretBuffer.baseAddress, secretBuffer.count),
                        OSSL_PARAM_construct_octet_string(key("seed"), seedBuffer.baseAddress, seedBuffer.count),
                        OSSL_PARAM_construct_end(),
                    ]
                    return EVP_KDF_derive(context, &out, out.count, &params)
                }
            }
        }
        guard derived == 1 else { throw OpenSSLError.drain("deriving the key block") }
        return out
    }

    /// A parameter name that outlives the call it is passed to: an OSSL_PARAM keeps the
    /// pointer, and a Swift string passed as a C string lives only for that call.
    private static func key(_ name: StaticString) -> UnsafePointer<CChar> {
        UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)
    }
}

/// The records one side writes after its Finished, in order: sequence numbers from 1 (the
/// Finished was 0), TLS 1.0's IV chained from the last block written (the Finished's, to begin).
package struct CBCRecordWriter: Sendable {
    package let cipher: CBCRecordCipher
    private var sequence: UInt64 = 1
    private var chain: [UInt8]

    /// `finished` is the fragment of the writer's Finished record as sent (encrypted), which
    /// proves the keys: it must open with them (padding and MAC right), or records written with
    /// them would be refused for a wrong MAC, not for what a check put in them. TLS 1.0 takes
    /// the next IV from its last block.
    package init(cipher: CBCRecordCipher, finished: [UInt8]) throws {
        guard try cipher.open(finished, sequence: 0, type: 22, iv: cipher.initialIV) != nil else {
            throw OpenSSLError(
                operation: "checking the record keys",
                queue: ["the keys derived for the session do not open the client's own Finished record"], code: .probeInconsistent)
        }
        self.cipher = cipher
        chain = Array(finished.suffix(cipher.blockSize))
    }

    /// The next record: header and fragment (an explicit IV first from TLS 1.1 on).
    package mutating func seal(type: UInt8, content: [UInt8], malformedPadding: Bool = false, badMAC: Bool = false) throws -> [UInt8] {
        let plain = try cipher.plaintext(
            sequence: sequence, type: type, content: content, malformedPadding: malformedPadding, badMAC: badMAC)
        let iv = cipher.explicitIV ? RandomBytes.make(cipher.blockSize) : chain
        let encrypted = try cipher.encrypt(plain, iv: iv)
        sequence += 1
        chain = Array(encrypted.suffix(cipher.blockSize))
        let fragment = cipher.explicitIV ? iv + encrypted : encrypted
        let version = cipher.version
        return [type, UInt8(version >> 8), UInt8(version & 0xFF), UInt8(fragment.count >> 8), UInt8(fragment.count & 0xFF)] + fragment
    }
}
