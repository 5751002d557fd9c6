import CryptCheckModel

/// Why a STARTTLS preamble did not hand back a connection ready for TLS: the server refused
/// the upgrade (`starttls.refused`), answered outside its protocol (`starttls.malformed`), or
/// the connection failed or timed out during the preamble (its `connection.*` code). Never
/// retried: the server answered, and would answer the same again.
package struct StartTLSError: CodedError, Sendable, Hashable, CustomStringConvertible {
    package let code: ErrorCode
    /// What the server did, for a person; the server's own words in it are escaped.
    package let description: String

    package init(_ code: ErrorCode, _ description: String) {
        self.code = code
        self.description = description
    }

    /// The server refused: `what` says how, `answer` is its reply as received.
    static func refused(_ what: String, answer: [UInt8]? = nil) -> StartTLSError {
        StartTLSError(.starttlsRefused, what + (answer.map { ": " + PreambleChannel.shown($0) } ?? ""))
    }

    /// The server's answer is not its protocol's: `what` says what was expected.
    static func malformed(_ what: String, answer: [UInt8]? = nil) -> StartTLSError {
        StartTLSError(.starttlsMalformed, what + (answer.map { ": " + PreambleChannel.shown($0) } ?? ""))
    }
}
