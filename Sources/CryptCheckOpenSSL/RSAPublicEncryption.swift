internal import COpenSSL
import CryptCheckModel

/// Raw RSA encryption (no padding) with the public key of a certificate: the ROBOT check
/// builds each PKCS#1 v1.5 block itself, well-formed or malformed on purpose, and encrypts it
/// with the server's key.
package enum RSAPublicEncryption {
    /// The modulus size in bytes of the RSA key of `certificate` (DER); throws when the key is
    /// not RSA.
    package static func modulusBytes(certificate: [UInt8]) throws -> Int {
        try withRSAKey(certificate) { Int(EVP_PKEY_get_size($0)) }
    }

    /// `block` (exactly the modulus size) raised to the public exponent: RSA without padding.
    package static func encryptRaw(_ block: [UInt8], certificate: [UInt8]) throws -> [UInt8] {
        try withRSAKey(certificate) { key in
            guard let context = EVP_PKEY_CTX_new_from_pkey(nil, key, nil) else { throw OpenSSLError.drain("creating an RSA context") }
            defer { EVP_PKEY_CTX_free(context) }
            guard EVP_PKEY_encrypt_init(context) == 1, EVP_PKEY_CTX_set_rsa_padding(context, cc_RSA_NO_PADDING()) == 1 else {
                throw OpenSSLError.drain("setting up raw RSA encryption")
            }
            var length = Int(EVP_PKEY_get_size(key))
            var output = [UInt8](repeating: 0, count: length)
            let status = block.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { EVP_PKEY_encrypt(context, $0.baseAddress, &length, input.baseAddress, input.count) }
            }
            guard status == 1 else { throw OpenSSLError.drain("encrypting with the server's RSA key") }
            return Array(output.prefix(length))
        }
    }

    private static func withRSAKey<T>(_ certificate: [UInt8], _ body: (OpaquePointer) throws -> T) throws -> T {
        let parsed = try X509Certificate(der: certificate)
        let result = parsed.withHandle { handle in
            Result { () throws -> T in
                guard let key = X509_get0_pubkey(handle) else { throw OpenSSLError.drain("reading the certificate's public key") }
                guard EVP_PKEY_get_base_id(key) == cc_EVP_PKEY_RSA() else {
                    throw OpenSSLError(
                        operation: "reading the certificate's public key", queue: ["the key is not RSA"], code: .probeCannotOffer)
                }
                return try body(key)
            }
        }
        return try result.get()
    }
}

/// A full handshake by OpenSSL, then a renegotiation the client asks for: whether the server
/// renegotiates when a client asks (RFC 5746 makes it safe, not free).
package enum ClientRenegotiation {
    /// How the server took the request.
    package enum Outcome: Sendable, Hashable {
        /// The second handshake completed.
        case accepted
        /// Refused: an alert (no_renegotiation, handshake_failure), a close, in words.
        case refused(String)
    }

    /// Runs the first handshake at `version` offering `cipherSuites`, then renegotiates. Throws
    /// when the first handshake fails or a read fails (a timeout): nothing is known then.
    package static func run(
        version: UInt16, serverName: String?, cipherSuites: [UInt16],
        send: ([UInt8]) throws -> Void, receive: () throws -> [UInt8]
    ) throws -> Outcome {
        let context = try FullHandshake.clientContext(version: version)
        defer { SSL_CTX_free(context) }
        let (ssl, input, output) = try FullHandshake.memoryClient(context)
        defer { SSL_free(ssl) }
        // Renegotiate with a server without RFC 5746 too: the question is whether it renegotiates.
        _ = SSL_set_options(ssl, cc_renegotiation_options())
        try FullHandshake.offer(cipherSuites, version: version, on: ssl)
        if let serverName { _ = cc_SSL_set_tlsext_host_name(ssl, serverName) }
        SSL_set_connect_state(ssl)
        func feed() throws -> Bool {
            let bytes = try receive()
            guard !bytes.isEmpty else { return false }
            _ = bytes.withUnsafeBufferPointer { BIO_write(input, $0.baseAddress, Int32($0.count)) }
            return true
        }
        try FullHandshake.complete(ssl, input: input, output: output, send: send, receive: receive)
        ERR_clear_error()
        guard SSL_renegotiate(ssl) == 1 else { throw OpenSSLError.drain("asking for a renegotiation") }
        var rounds = 0
        while true {
            rounds += 1
            guard rounds < 64 else {
                throw OpenSSLError(operation: "the renegotiation", queue: ["too many round trips"], code: .handshakeTooManyRounds)
            }
            let status = SSL_do_handshake(ssl)
            try FullHandshake.flush(output, send)
            if status == 1 { return SSL_renegotiate_pending(ssl) == 0 ? .accepted : .refused("the renegotiation did not complete") }
            let reason = SSL_get_error(ssl, status)
            guard reason == SSL_ERROR_WANT_READ else {
                let error = OpenSSLError.drain("the renegotiation")
                guard error.queue.isEmpty else { return .refused(error.description) }
                return .refused(
                    reason == SSL_ERROR_ZERO_RETURN
                        ? "the server ended the connection (close_notify)" : "the renegotiation ended (SSL error \(reason))")
            }
            guard try feed() else { return .refused("the server closed the connection") }
        }
    }
}
