internal import COpenSSL
import CryptCheckModel
import Synchronization

/// A complete TLS handshake by OpenSSL over caller-supplied I/O, to see what only a full
/// handshake shows: the TLS 1.3 certificate chain (encrypted on the wire). No verification is
/// done here; the chain is returned as DER for the caller to judge.
package enum FullHandshake {
    package struct Result: Sendable {
        /// The server's chain as sent, leaf first (DER).
        package let certificates: [[UInt8]]
        /// The negotiated protocol version's wire value.
        package let version: UInt16
    }

    /// A client context limited to `version` (wire value) that verifies nothing: the scan judges
    /// what the server sends, it does not trust it. `allCiphers` enables every suite OpenSSL has
    /// (`ALL:@SECLEVEL=0`); otherwise its defaults. Made once per version and kind and shared:
    /// SSL_CTX_new costs OpenSSL more work than the handshake it is made for, and a scan makes
    /// several handshakes per endpoint. The caller gets a reference of its own and frees it
    /// (`SSL_CTX_free`); it must not change the context: per-connection settings go on the
    /// connection (`SSL_set_options`, `SSL_set_cipher_list`).
    static func clientContext(version: UInt16, allCiphers: Bool = false) throws -> OpaquePointer {
        try sharedContexts.withLock { cache in
            let key = ContextKey(version: version, allCiphers: allCiphers)
            if let shared = cache[key] {
                SSL_CTX_up_ref(shared.pointer)
                return shared.pointer
            }
            Providers.ensureLoaded()
            ERR_clear_error()
            guard let method = TLS_client_method(), let context = SSL_CTX_new(method) else {
                throw OpenSSLError.drain("creating a TLS context")
            }
            _ = cc_SSL_CTX_set_min_proto_version(context, Int32(version))
            _ = cc_SSL_CTX_set_max_proto_version(context, Int32(version))
            SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
            if allCiphers { _ = SSL_CTX_set_cipher_list(context, "ALL:@SECLEVEL=0") }
            cache[key] = SharedContext(pointer: context)
            SSL_CTX_up_ref(context)
            return context
        }
    }

    private struct ContextKey: Hashable {
        let version: UInt16
        let allCiphers: Bool
    }

    /// A context kept for the life of the process, never changed after it was made (OpenSSL
    /// documents an SSL_CTX as safe to share between threads for SSL_new).
    private struct SharedContext: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    private static let sharedContexts = Mutex<[ContextKey: SharedContext]>([:])

    /// A connection of `context` over memory BIOs (bytes in from `input`, out through `output`),
    /// which it owns; the caller frees it (`SSL_free`).
    static func memoryClient(_ context: OpaquePointer) throws -> (ssl: OpaquePointer, input: OpaquePointer, output: OpaquePointer) {
        guard let ssl = SSL_new(context) else { throw OpenSSLError.drain("creating a TLS connection") }
        guard let input = BIO_new(BIO_s_mem()), let output = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            throw OpenSSLError.drain("allocating memory BIOs")
        }
        SSL_set_bio(ssl, input, output)  // ssl owns both BIOs from here
        return (ssl, input, output)
    }

    /// Runs a client handshake limited to `version` (wire value, e.g. 0x0304), sending bytes
    /// with `send` and asking `receive` for more (empty means the server closed).
    /// `signatureAlgorithms` (OpenSSL's list syntax) restricts what the server may sign with,
    /// which selects among the certificates a server holds. `cipherSuites` (code points, e.g.
    /// the suites a scan saw the server accept) are offered instead of OpenSSL's defaults, as
    /// far as the linked OpenSSL can do them; when it can do none, the error says so before
    /// anything is sent.
    package static func run(
        version: UInt16, serverName: String?, signatureAlgorithms: String? = nil,
        cipherSuites: [UInt16]? = nil,
        send: ([UInt8]) throws -> Void, receive: () throws -> [UInt8]
    ) throws -> Result {
        try handshake(
            version: version, serverName: serverName, signatureAlgorithms: signatureAlgorithms, cipherSuites: cipherSuites,
            send: send, receive: receive
        ) { ssl in
            Result(certificates: peerChain(ssl), version: UInt16(SSL_version(ssl)))
        }
    }

    /// `run`'s handshake, with `prepare` called on the connection before it starts and
    /// `inspect` on it after it completed.
    static func handshake<T>(
        version: UInt16, serverName: String?, signatureAlgorithms: String? = nil, cipherSuites: [UInt16]? = nil,
        prepare: (OpaquePointer) throws -> Void = { _ in }, send: ([UInt8]) throws -> Void, receive: () throws -> [UInt8],
        inspect: (OpaquePointer) throws -> T
    ) throws -> T {
        let context = try clientContext(version: version, allCiphers: true)
        defer { SSL_CTX_free(context) }
        let (ssl, input, output) = try memoryClient(context)
        defer { SSL_free(ssl) }
        if let cipherSuites { try offer(cipherSuites, version: version, on: ssl) }
        if let serverName { _ = cc_SSL_set_tlsext_host_name(ssl, serverName) }
        if let signatureAlgorithms, cc_SSL_set1_sigalgs_list(ssl, signatureAlgorithms) != 1 {
            throw OpenSSLError.drain("setting the signature algorithms \(signatureAlgorithms)")
        }
        try prepare(ssl)
        try drive(ssl, input: input, output: output, send: send, receive: receive)
        return try inspect(ssl)
    }

    /// Runs the client handshake of `ssl` (memory BIOs `input` and `output`) to its end.
    static func drive(
        _ ssl: OpaquePointer, input: OpaquePointer, output: OpaquePointer, send: ([UInt8]) throws -> Void,
        receive: () throws -> [UInt8]
    ) throws {
        SSL_set_connect_state(ssl)
        try complete(ssl, input: input, output: output, send: send, receive: receive)
    }

    /// The server's chain as sent, leaf first (DER).
    static func peerChain(_ ssl: OpaquePointer) -> [[UInt8]] {
        var certificates: [[UInt8]] = []
        if let chain = SSL_get_peer_cert_chain(ssl) {
            for index in 0..<cc_sk_X509_num(chain) {
                if let certificate = cc_sk_X509_value(chain, index) { certificates.append(X509Certificate.encode(certificate)) }
            }
        }
        return certificates
    }

    /// Restricts `ssl` to the suites of `codes` the linked OpenSSL knows: TLS 1.3 suites by
    /// their standard names (SSL_set_ciphersuites), earlier ones by OpenSSL's names.
    static func offer(_ codes: [UInt16], version: UInt16, on ssl: OpaquePointer) throws {
        let tls13 = version >= 0x0304
        var names: [String] = []
        for code in codes {
            let bytes = [UInt8(code >> 8), UInt8(code & 0xFF)]
            guard let cipher = bytes.withUnsafeBufferPointer({ SSL_CIPHER_find(ssl, $0.baseAddress) }) else { continue }
            // A TLS 1.3 suite works only in TLS 1.3, and no earlier suite does there.
            let isTLS13 = SSL_CIPHER_get_version(cipher).map { String(cString: $0) } == "TLSv1.3"
            guard isTLS13 == tls13 else { continue }
            let name = tls13 ? SSL_CIPHER_standard_name(cipher) : SSL_CIPHER_get_name(cipher)
            if let name { names.append(String(cString: name)) }
        }
        let listed = codes.map { code in
            let digits = String(code, radix: 16, uppercase: true)
            return "0x" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }.joined(separator: ", ")
        guard !names.isEmpty else {
            throw OpenSSLError(
                operation: "choosing the suites to offer",
                queue: ["the linked OpenSSL can do none of the suites the server accepted (\(listed))"],
                code: .handshakeNoCommonSuite)
        }
        let list = names.joined(separator: ":")
        let set = tls13 ? SSL_set_ciphersuites(ssl, list) : SSL_set_cipher_list(ssl, list + ":@SECLEVEL=0")
        guard set == 1 else { throw OpenSSLError.drain("offering the suites \(list)") }
    }

    /// Drives `ssl`'s client handshake to its end over its memory BIOs: what OpenSSL writes goes
    /// out with `send`, what `receive` brings (empty: the server closed) goes in. Throws the
    /// OpenSSL error when the handshake fails, and after 64 round trips.
    static func complete(
        _ ssl: OpaquePointer, input: OpaquePointer, output: OpaquePointer, send: ([UInt8]) throws -> Void,
        receive: () throws -> [UInt8]
    ) throws {
        var rounds = 0
        while true {
            rounds += 1
            guard rounds < 64 else {
                throw OpenSSLError(operation: "the handshake", queue: ["too many round trips"], code: .handshakeTooManyRounds)
            }
            let status = SSL_do_handshake(ssl)
            try flush(output, send)
            if status == 1 { return }
            guard SSL_get_error(ssl, status) == SSL_ERROR_WANT_READ else { throw OpenSSLError.drain("the TLS handshake") }
            let bytes = try receive()
            guard !bytes.isEmpty else {
                throw OpenSSLError(operation: "the TLS handshake", queue: ["the server closed the connection"], code: .handshakeClosed)
            }
            _ = bytes.withUnsafeBufferPointer { BIO_write(input, $0.baseAddress, Int32($0.count)) }
        }
    }

    static func flush(_ output: OpaquePointer, _ send: ([UInt8]) throws -> Void) throws {
        var data: UnsafeMutablePointer<CChar>?
        let length = cc_BIO_get_mem_data(output, &data)
        guard length > 0, let data else { return }
        let bytes = Array(UnsafeRawBufferPointer(start: data, count: length).bindMemory(to: UInt8.self))
        _ = cc_BIO_reset(output)
        try send(bytes)
    }
}
