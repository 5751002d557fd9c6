internal import COpenSSL

/// One X.509 certificate, owning its OpenSSL `X509` object.
package final class X509Certificate {
    private let handle: OpaquePointer

    private init(takingOwnership handle: OpaquePointer) { self.handle = handle }

    deinit { X509_free(handle) }

    /// Parses one DER-encoded certificate.
    package convenience init(der: [UInt8]) throws {
        Providers.ensureLoaded()
        ERR_clear_error()
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_X509(nil, &cursor, buffer.count)
        }
        guard let parsed else { throw OpenSSLError.drain("parsing a DER certificate") }
        self.init(takingOwnership: parsed)
    }

    /// Parses every certificate of a PEM text, in order; fails if there is none.
    package static func parsePEM(_ bytes: [UInt8]) throws -> [X509Certificate] {
        Providers.ensureLoaded()
        ERR_clear_error()
        guard let bio = bytes.withUnsafeBufferPointer({ BIO_new_mem_buf($0.baseAddress, Int32($0.count)) }) else {
            throw OpenSSLError.drain("allocating a memory BIO")
        }
        defer { BIO_free(bio) }
        var certificates: [X509Certificate] = []
        while let certificate = PEM_read_bio_X509(bio, nil, nil, nil) {
            certificates.append(X509Certificate(takingOwnership: certificate))
        }
        let pending = ERR_peek_last_error()
        // Reaching the end of the text after at least one certificate is the normal way out.
        if certificates.isEmpty || (pending != 0 && ERR_GET_REASON(pending) != PEM_R_NO_START_LINE) {
            throw OpenSSLError.drain("parsing a PEM certificate")
        }
        ERR_clear_error()
        return certificates
    }

    /// The DER encoding.
    package var der: [UInt8] { Self.encode(handle) }

    /// The DER encoding of a borrowed `X509`.
    static func encode(_ handle: OpaquePointer) -> [UInt8] {
        let length = i2d_X509(handle, nil)
        guard length > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        bytes.withUnsafeMutableBufferPointer { buffer in
            var cursor = buffer.baseAddress
            _ = i2d_X509(handle, &cursor)
        }
        return bytes
    }

    /// Lends the `X509` to OpenSSL calls inside this module.
    func withHandle<T>(_ body: (OpaquePointer) -> T) -> T { body(handle) }

    /// Whether the certificate is a CA (basicConstraints cA=TRUE).
    package var isCA: Bool { X509_get_extension_flags(handle) & UInt32(EXFLAG_CA) != 0 }

    /// Whether the certificate is self-issued and names its own key (signature not checked).
    package var isSelfSigned: Bool { X509_self_signed(handle, 0) == 1 }

    /// DNS names, IP addresses and e-mail addresses of the subjectAltName extension.
    package var subjectAlternativeNames: [String] {
        guard let names = X509_get_ext_d2i(handle, NID_subject_alt_name, nil, nil) else { return [] }
        let stack = OpaquePointer(names)
        defer { GENERAL_NAMES_free(stack) }
        return Self.generalNames(stack)
    }

    /// The DNS, e-mail, URI and IP entries of a GENERAL_NAMES stack, as `TYPE:value`.
    static func generalNames(_ stack: OpaquePointer) -> [String] {
        var result: [String] = []
        for index in 0..<max(0, OPENSSL_sk_num(stack)) {
            guard let raw = OPENSSL_sk_value(stack, index) else { continue }
            let name = raw.assumingMemoryBound(to: GENERAL_NAME.self).pointee
            switch name.type {
            case GEN_DNS: result.append("DNS:" + Self.string(name.d.dNSName))
            case GEN_EMAIL: result.append("email:" + Self.string(name.d.rfc822Name))
            case GEN_URI: result.append("URI:" + Self.string(name.d.uniformResourceIdentifier))
            case GEN_IPADD:
                let bytes = Self.bytes(name.d.iPAddress)
                result.append(
                    "IP:"
                        + (bytes.count == 4
                            ? bytes.map(String.init).joined(separator: ".")
                            : bytes.map { String($0, radix: 16) }.joined(separator: ":")))
            default: break
            }
        }
        return result
    }

    private static func bytes(_ string: UnsafeMutablePointer<ASN1_STRING>?) -> [UInt8] {
        guard let string, let data = ASN1_STRING_get0_data(string) else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(string))))
    }

    private static func string(_ value: UnsafeMutablePointer<ASN1_STRING>?) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    /// SHA-256 over the DER encoding, lower-case hex.
    package func sha256Fingerprint() throws -> String { try Digest.sha256Hex(der) }

    /// The subject as a one-line RFC 2253 string.
    package var subject: String { Self.name(X509_get_subject_name(handle)) }

    /// The issuer as a one-line RFC 2253 string.
    package var issuer: String { Self.name(X509_get_issuer_name(handle)) }

    static func name(_ name: OpaquePointer?) -> String {
        guard let name, let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        X509_NAME_print_ex(bio, name, 0, cc_XN_FLAG_RFC2253())
        var data: UnsafeMutablePointer<CChar>?
        let length = cc_BIO_get_mem_data(bio, &data)
        guard let data, length > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    }
}
