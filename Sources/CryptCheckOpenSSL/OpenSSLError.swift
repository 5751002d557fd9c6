internal import COpenSSL
import CryptCheckModel

/// An OpenSSL failure: the operation that failed and the drained error queue.
package struct OpenSSLError: CodedError, Sendable, Hashable, CustomStringConvertible {
    /// OpenSSL's own numbers for one queue entry (`ERR_GET_LIB`, `ERR_GET_REASON`).
    package struct Reason: Sendable, Hashable {
        package let library: Int32
        package let reason: Int32
        package init(library: Int32, reason: Int32) {
            self.library = library
            self.reason = reason
        }
    }

    /// What cryptcheck was doing (`parsing a PEM certificate`).
    package let operation: String
    /// The queue's entries, oldest first, as OpenSSL prints them.
    package let queue: [String]
    /// OpenSSL's library and reason codes of the queue's entries, oldest first; empty for a
    /// failure cryptcheck found itself around an OpenSSL call.
    package let reasons: [Reason]
    /// `openssl.<library>.<reason>` of the oldest entry (the cause the later ones wrap), or the
    /// code cryptcheck gave a failure of its own; `openssl.no-reason` for an empty queue.
    package let code: ErrorCode

    /// A failure cryptcheck found itself, with the code that names it.
    package init(operation: String, queue: [String], code: ErrorCode) {
        self.init(operation: operation, queue: queue, reasons: [], code: code)
    }

    private init(operation: String, queue: [String], reasons: [Reason], code: ErrorCode) {
        self.operation = operation
        self.queue = queue
        self.reasons = reasons
        self.code = code
    }

    package var description: String {
        queue.isEmpty ? "\(operation) failed" : "\(operation) failed: \(queue.joined(separator: "; "))"
    }

    /// The alert the peer sent, when the queue says one ended the operation: OpenSSL files a
    /// received alert as reason 1000 + its description (`SSL_AD_REASON_OFFSET`). `nil` for any
    /// other failure, so that a close or a timeout is never mistaken for a refusal.
    package var receivedAlert: UInt8? {
        reasons.first { $0.library == ERR_LIB_SSL && (1000..<1256).contains($0.reason) }.map { UInt8($0.reason - 1000) }
    }

    /// Drains the calling thread's OpenSSL error queue into an error value.
    static func drain(_ operation: String) -> OpenSSLError {
        var entries: [String] = []
        var reasons: [Reason] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            entries.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            reasons.append(Reason(library: ERR_GET_LIB(code), reason: ERR_GET_REASON(code)))
        }
        let code = reasons.first.map { ErrorCode.openSSL(library: $0.library, reason: $0.reason) } ?? .openSSLNoReason
        return OpenSSLError(operation: operation, queue: entries, reasons: reasons, code: code)
    }
}
