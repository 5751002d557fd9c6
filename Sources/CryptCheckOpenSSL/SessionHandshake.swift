internal import COpenSSL
import CryptCheckModel

/// A full client handshake by OpenSSL that tells what it showed of the session: whether the
/// server resumed the session offered, the ticket it issued (TLS 1.0–1.2, inside the handshake)
/// with its lifetime hint, the length of its session ID, the ALPN protocol it selected. The
/// session comes back serialised, to be offered in a later handshake.
package enum SessionHandshake {
    package struct Outcome: Sendable {
        /// The negotiated protocol version's wire value.
        package let version: UInt16
        /// Whether the server resumed the session offered (`resuming`).
        package let resumed: Bool
        /// The session ticket the server issued in the handshake, if it issued one. A check
        /// holds it only to offer it back; an observation never keeps it.
        package let ticket: [UInt8]?
        /// The ticket's lifetime hint in seconds (RFC 5077 3.3; 0 means unspecified).
        package let ticketLifetimeHint: UInt64?
        /// The length of the session ID the server gave (0: none, tickets or nothing to resume by).
        package let sessionIDLength: Int
        /// The protocol the server selected by ALPN (RFC 7301); `nil` when it selected none.
        package let alpn: String?
        /// The session as OpenSSL serialises it (`i2d_SSL_SESSION`), to offer in a later handshake.
        package let session: [UInt8]?
        /// TLS 1.3: the max_early_data_size of the ticket read after the handshake (RFC 8446
        /// 4.6.1; 0 when the ticket allows none); `nil` when no ticket was read.
        package let maxEarlyData: UInt32?
    }

    /// Runs a client handshake limited to `version` (wire value) offering `cipherSuites`, and
    /// `alpn` protocols when given, over `send` and `receive` (empty means the server closed).
    /// `resuming` is a session from an earlier outcome to offer (by its ID or its ticket);
    /// `tickets` false asks for none (resumption by session ID). Under TLS 1.3 tickets come after
    /// the handshake: `afterHandshake` brings what the server sends then (empty: nothing more
    /// within its wait), read until a ticket arrived.
    package static func run(
        version: UInt16, serverName: String?, cipherSuites: [UInt16], alpn: [String] = [], resuming: [UInt8]? = nil,
        tickets: Bool = true, send: ([UInt8]) throws -> Void, receive: () throws -> [UInt8],
        afterHandshake: (() throws -> [UInt8])? = nil
    ) throws -> Outcome {
        let context = try FullHandshake.clientContext(version: version)
        defer { SSL_CTX_free(context) }
        let (ssl, input, output) = try FullHandshake.memoryClient(context)
        defer { SSL_free(ssl) }
        if !tickets { _ = SSL_set_options(ssl, cc_no_ticket_option()) }
        try FullHandshake.offer(cipherSuites, version: version, on: ssl)
        if let serverName { _ = cc_SSL_set_tlsext_host_name(ssl, serverName) }
        if !alpn.isEmpty {
            let wire = alpn.flatMap { [UInt8(min($0.utf8.count, 255))] + Array($0.utf8.prefix(255)) }
            guard wire.withUnsafeBufferPointer({ SSL_set_alpn_protos(ssl, $0.baseAddress, UInt32($0.count)) }) == 0 else {
                throw OpenSSLError.drain("offering the ALPN protocols \(alpn.joined(separator: ", "))")
            }
        }
        if let resuming {
            let offered = resuming.withUnsafeBufferPointer { buffer -> OpaquePointer? in
                var pointer = buffer.baseAddress
                return d2i_SSL_SESSION(nil, &pointer, buffer.count)
            }
            guard let offered else { throw OpenSSLError.drain("reading the session to resume") }
            defer { SSL_SESSION_free(offered) }
            guard SSL_set_session(ssl, offered) == 1 else { throw OpenSSLError.drain("offering the session to resume") }
        }
        SSL_set_connect_state(ssl)
        try FullHandshake.complete(ssl, input: input, output: output, send: send, receive: receive)
        var earlyData: UInt32?
        if let afterHandshake, SSL_version(ssl) >= 0x0304 {
            earlyData = try readTicket(ssl, input: input, output: output, send: send, receive: afterHandshake)
        }
        // A clean close (close_notify), so that the server keeps the session for resumption by
        // ID: OpenSSL drops from its cache a session whose connection ended without one.
        ERR_clear_error()
        _ = SSL_shutdown(ssl)
        try? FullHandshake.flush(output, send)
        ERR_clear_error()
        var selected: UnsafePointer<UInt8>?
        var selectedLength: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &selected, &selectedLength)
        let alpnSelected = selected.flatMap { start in
            selectedLength == 0 ? nil : String(decoding: UnsafeBufferPointer(start: start, count: Int(selectedLength)), as: UTF8.self)
        }
        let resumed = SSL_session_reused(ssl) == 1
        guard let session = SSL_get_session(ssl) else {
            return Outcome(
                version: UInt16(SSL_version(ssl)), resumed: resumed, ticket: nil, ticketLifetimeHint: nil, sessionIDLength: 0,
                alpn: alpnSelected, session: nil, maxEarlyData: earlyData)
        }
        var ticket: [UInt8]?
        var hint: UInt64?
        if SSL_SESSION_has_ticket(session) == 1 {
            var bytes: UnsafePointer<UInt8>?
            var length = 0
            SSL_SESSION_get0_ticket(session, &bytes, &length)
            if let bytes, length > 0 { ticket = Array(UnsafeBufferPointer(start: bytes, count: length)) }
            hint = UInt64(SSL_SESSION_get_ticket_lifetime_hint(session))
        }
        var idLength: UInt32 = 0
        _ = SSL_SESSION_get_id(session, &idLength)
        var serialised: [UInt8]?
        let size = i2d_SSL_SESSION(session, nil)
        if size > 0 {
            var bytes = [UInt8](repeating: 0, count: Int(size))
            let written = bytes.withUnsafeMutableBufferPointer { buffer -> Int32 in
                var pointer = buffer.baseAddress
                return i2d_SSL_SESSION(session, &pointer)
            }
            if written == size { serialised = bytes }
        }
        return Outcome(
            version: UInt16(SSL_version(ssl)), resumed: resumed, ticket: ticket, ticketLifetimeHint: hint,
            sessionIDLength: Int(idLength), alpn: alpnSelected, session: serialised, maxEarlyData: earlyData)
    }

    /// Reads what the server sends after a TLS 1.3 handshake until a NewSessionTicket was
    /// processed: its max_early_data_size, or `nil` when `receive` ran dry first.
    static func readTicket(
        _ ssl: OpaquePointer, input: OpaquePointer, output: OpaquePointer, send: ([UInt8]) throws -> Void,
        receive: () throws -> [UInt8]
    ) throws -> UInt32? {
        var scratch = [UInt8](repeating: 0, count: 1024)
        func ticketed() -> UInt32? {
            guard let session = SSL_get_session(ssl), SSL_SESSION_has_ticket(session) == 1 else { return nil }
            return SSL_SESSION_get_max_early_data(session)
        }
        for _ in 0..<16 {
            if let size = ticketed() { return size }
            let bytes = try receive()
            guard !bytes.isEmpty else { return nil }
            _ = bytes.withUnsafeBufferPointer { BIO_write(input, $0.baseAddress, Int32($0.count)) }
            let read = scratch.withUnsafeMutableBufferPointer { SSL_read(ssl, $0.baseAddress, Int32($0.count)) }
            try FullHandshake.flush(output, send)
            // A close (close_notify) may follow the ticket in the same bytes.
            if read <= 0, SSL_get_error(ssl, read) != SSL_ERROR_WANT_READ { return ticketed() }
        }
        return ticketed()
    }
}
