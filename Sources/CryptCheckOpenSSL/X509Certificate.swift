internal import COpenSSL

/// One X.509 certificate, owning its OpenSSL `X509` object.
public final class X509Certificate {
    private let handle: OpaquePointer

    private init(takingOwnership handle: OpaquePointer) { self.handle = handle }

    deinit { X509_free(handle) }

    /// Parses one DER-encoded certificate.
    public convenience init(der: [UInt8]) throws {
        ERR_clear_error()
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_X509(nil, &cursor, buffer.count)
        }
        guard let parsed else { throw OpenSSLError.drain("parsing a DER certificate") }
        self.init(takingOwnership: parsed)
    }

    /// Parses every certificate of a PEM text, in order; fails if there is none.
    public static func parsePEM(_ bytes: [UInt8]) throws -> [X509Certificate] {
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
    public var der: [UInt8] {
        let length = i2d_X509(handle, nil)
        guard length > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        bytes.withUnsafeMutableBufferPointer { buffer in
            var cursor = buffer.baseAddress
            _ = i2d_X509(handle, &cursor)
        }
        return bytes
    }

    /// SHA-256 over the DER encoding, lower-case hex.
    public func sha256Fingerprint() throws -> String { try Digest.sha256Hex(der) }

    /// The subject as a one-line RFC 2253 string.
    public var subject: String { Self.name(X509_get_subject_name(handle)) }

    /// The issuer as a one-line RFC 2253 string.
    public var issuer: String { Self.name(X509_get_issuer_name(handle)) }

    private static func name(_ name: OpaquePointer?) -> String {
        guard let name, let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        X509_NAME_print_ex(bio, name, 0, cc_XN_FLAG_RFC2253())
        var data: UnsafeMutablePointer<CChar>?
        let length = cc_BIO_get_mem_data(bio, &data)
        guard let data, length > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    }
}
