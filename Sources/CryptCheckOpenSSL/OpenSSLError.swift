internal import COpenSSL

/// An OpenSSL failure: the operation that failed and the drained error queue.
public struct OpenSSLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What cryptcheck was doing (`parsing a PEM certificate`).
    public let operation: String
    /// The queue's entries, oldest first, as OpenSSL prints them.
    public let queue: [String]

    public var description: String {
        queue.isEmpty ? "\(operation) failed" : "\(operation) failed: \(queue.joined(separator: "; "))"
    }

    /// Drains the calling thread's OpenSSL error queue into an error value.
    static func drain(_ operation: String) -> OpenSSLError {
        var entries: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            entries.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return OpenSSLError(operation: operation, queue: entries)
    }
}
