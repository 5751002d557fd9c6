internal import COpenSSL
import CryptCheckModel

/// POODLE against TLS (CVE-2014-8730 and the like): a full TLS 1.0–1.2 handshake by OpenSSL
/// with CBC suites only and no encrypt-then-MAC, then two records written by hand with the
/// session's keys: an empty application-data record whose MAC is right and whose padding is
/// not (every padding byte but the length byte wrong), and, after a short wait, a close_notify
/// alert, well formed. A server that checks the padding ends the connection at the first with
/// bad_record_mac; one that checks only the MAC takes it, and answers the close_notify after
/// it with its own. The server's records are read by OpenSSL, which holds the read keys:
/// application data it sends of its own (a greeting) is counted and dropped, never kept.
package enum CBCPaddingCheck {
    /// What the server did after the record with the malformed padding.
    package enum Answer: Sendable, Hashable {
        /// A fatal alert (its description code), read before or after the close_notify was sent.
        case alert(UInt8, afterCloseNotify: Bool)
        /// It answered the close_notify sent after the malformed record with its own.
        case closeNotifyAfterOurs
        /// It sent a close_notify before the client's was sent: it ended the connection on its
        /// own, which shows nothing about the record.
        case closeNotifyBeforeOurs
        /// The connection closed without an alert.
        case closed(afterCloseNotify: Bool)
        /// Its records could not be read (in words).
        case unreadable(String)
    }

    package struct Outcome: Sendable, Hashable {
        /// The negotiated version's wire value.
        package let version: UInt16
        /// The negotiated suite's code point.
        package let suite: UInt16
        /// How many padding bytes of the malformed record were wrong (0 for the control).
        package let malformedBytes: Int
        /// Bytes of application data the server sent of its own (counted, dropped).
        package let applicationBytes: Int
        package let answer: Answer
    }

    /// Runs the check at `version` (wire value) offering `cipherSuites` (CBC suites the server
    /// accepted). `send` and `receive` are the connection's (`receive` empty: the server
    /// closed; it throws on a timeout: nothing is known then); `receiveBriefly` waits a short
    /// while after the malformed record and gives `nil` when nothing came. Throws when the
    /// handshake fails or its suite is not a CBC one.
    /// What is wrong with the first record: its padding (the check), or its MAC with the
    /// padding right (the control: a server that checks anything refuses it).
    package enum Flaw: Sendable {
        case padding, mac
    }

    package static func run(
        version: UInt16, serverName: String?, cipherSuites: [UInt16], flaw: Flaw = .padding, send: ([UInt8]) throws -> Void,
        receive: () throws -> [UInt8], receiveBriefly: () throws -> [UInt8]?
    ) throws -> Outcome {
        let context = try FullHandshake.clientContext(version: version, allCiphers: true)
        defer { SSL_CTX_free(context) }
        let (ssl, input, output) = try FullHandshake.memoryClient(context)
        defer { SSL_free(ssl) }
        _ = SSL_set_options(ssl, cc_no_encrypt_then_mac_option() | cc_no_ticket_option())
        try FullHandshake.offer(cipherSuites, version: version, on: ssl)
        if let serverName { _ = cc_SSL_set_tlsext_host_name(ssl, serverName) }
        var sent: [UInt8] = []
        try FullHandshake.drive(
            ssl, input: input, output: output,
            send: {
                sent += $0
                try send($0)
            }, receive: receive)
        var writer = try recordWriter(ssl, sent: sent)
        let malformed = try writer.seal(type: 23, content: [], malformedPadding: flaw == .padding, badMAC: flaw == .mac)
        let wrong = flaw == .padding ? writer.cipher.paddingLength(content: 0) : 0
        var applicationBytes = 0
        // What the server's records say, fed as `next` brings them (empty: it closed), until
        // one decides; `nil` when `next` stops bringing any (the wait ran out). `after`: the
        // client's close_notify was sent.
        func answer(after: Bool, _ next: () throws -> [UInt8]?) throws -> Answer? {
            while let bytes = try next() {
                guard !bytes.isEmpty else { return .closed(afterCloseNotify: after) }
                _ = bytes.withUnsafeBufferPointer { BIO_write(input, $0.baseAddress, Int32($0.count)) }
                switch read(ssl, applicationBytes: &applicationBytes) {
                case .wantMore: continue
                case .alert(let code): return .alert(code, afterCloseNotify: after)
                case .closeNotify: return after ? .closeNotifyAfterOurs : .closeNotifyBeforeOurs
                case .failed(let why): return .unreadable(why)
                }
            }
            return nil
        }
        try send(malformed)
        // Before the close_notify: an alert decides; a close of the server's own shows nothing.
        let found: Answer
        if let early = try answer(after: false, receiveBriefly) {
            found = early
        } else {
            try send(try writer.seal(type: 21, content: [1, 0]))
            found = try answer(after: true, receive) ?? .closed(afterCloseNotify: true)
        }
        return Outcome(
            version: UInt16(SSL_version(ssl)), suite: UInt16(SSL_CIPHER_get_protocol_id(SSL_get_current_cipher(ssl)) & 0xFFFF),
            malformedBytes: wrong, applicationBytes: applicationBytes, answer: found)
    }

    /// The client's record writer after the handshake of `ssl`: the session's keys, the
    /// negotiated suite (a CBC one, else this throws) and the Finished record (the last of
    /// `sent`, the bytes the client sent) for TLS 1.0's IV chain.
    private static func recordWriter(_ ssl: OpaquePointer, sent: [UInt8]) throws -> CBCRecordWriter {
        guard let cipher = SSL_get_current_cipher(ssl), let session = SSL_get_session(ssl) else {
            throw OpenSSLError(operation: "reading the session", queue: ["no suite was negotiated"], code: .probeChosenThenFailed)
        }
        var master = [UInt8](repeating: 0, count: 48)
        var clientRandom = [UInt8](repeating: 0, count: 32)
        var serverRandom = [UInt8](repeating: 0, count: 32)
        let masterLength = SSL_SESSION_get_master_key(session, &master, master.count)
        _ = SSL_get_client_random(ssl, &clientRandom, clientRandom.count)
        _ = SSL_get_server_random(ssl, &serverRandom, serverRandom.count)
        let keys = try CBCRecordCipher(
            version: UInt16(SSL_version(ssl)), cipher: cipher, masterSecret: Array(master.prefix(masterLength)),
            clientRandom: clientRandom, serverRandom: serverRandom, writer: .client)
        var start = 0
        var finished: [UInt8]?
        while start + 5 <= sent.count {
            let length = Int(sent[start + 3]) << 8 | Int(sent[start + 4])
            guard start + 5 + length <= sent.count else { break }
            finished = Array(sent[(start + 5)..<(start + 5 + length)])
            start += 5 + length
        }
        guard let finished else {
            throw OpenSSLError(operation: "reading the Finished record", queue: ["the client sent no record"], code: .tlsMalformed)
        }
        return try CBCRecordWriter(cipher: keys, finished: finished)
    }

    private enum Read {
        case wantMore, closeNotify
        case alert(UInt8)
        case failed(String)
    }

    /// What OpenSSL made of the server's records fed so far: application data is counted and
    /// dropped; a fatal alert comes back as its code (OpenSSL files a received alert as reason
    /// 1000 + its description, `SSL_AD_REASON_OFFSET`).
    private static func read(_ ssl: OpaquePointer, applicationBytes: inout Int) -> Read {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            ERR_clear_error()
            let count = SSL_read(ssl, &buffer, Int32(buffer.count))
            if count > 0 {
                applicationBytes += Int(count)
                continue
            }
            let reason = SSL_get_error(ssl, count)
            if reason == SSL_ERROR_WANT_READ { return .wantMore }
            if reason == SSL_ERROR_ZERO_RETURN { return .closeNotify }
            let error = OpenSSLError.drain("reading the server's answer")
            if let alert = error.reasons.first(where: { $0.library == ERR_LIB_SSL && (1000..<1256).contains($0.reason) }) {
                return .alert(UInt8(alert.reason - 1000))
            }
            return .failed(error.queue.isEmpty ? "SSL error \(reason)" : error.description)
        }
    }
}
