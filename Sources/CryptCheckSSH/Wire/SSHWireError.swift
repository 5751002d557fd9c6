import CryptCheckModel

/// An SSH server's bytes that break the protocol, or that the scanner will not read.
package struct SSHWireError: CodedError, Sendable, Hashable, CustomStringConvertible {
    package let code: ErrorCode
    package let description: String

    package init(_ code: ErrorCode, _ description: String) {
        self.code = code
        self.description = description
    }
}
