import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Bytes put aside while a document is written and read back once at its end, with flat memory:
/// up to `limit` bytes stay in memory, the rest goes to an unnamed temporary file (Linux
/// `O_TMPFILE`, so a scan of the temporary directory never meets it; elsewhere a file unlinked
/// as soon as it is made). The streamed scan JSON lists files after the findings it streams;
/// the streamed report drains its spools twice (once for the data digest, once to write).
final class ByteSpool {
    private var buffer: [UInt8] = []
    private let limit: Int
    private var descriptor: Int32 = -1
    /// How many bytes went to the file.
    private var spilled = 0
    /// The first error, reported by `drain`.
    private var failure: (any Error)?

    init(limit: Int = 1 << 20) {
        self.limit = limit
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    var isEmpty: Bool { count == 0 }

    /// How many bytes were appended (and not rewound).
    var count: Int { spilled + buffer.count }

    func append(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= limit { spill() }
    }

    /// Forgets everything appended after the first `count` bytes (what a file found not valid
    /// part way had added).
    func rewind(to count: Int) {
        guard count < self.count else { return }
        if count >= spilled {
            buffer.removeLast(self.count - count)
            return
        }
        buffer.removeAll(keepingCapacity: true)
        guard failure == nil else { return }
        if ftruncate(descriptor, off_t(count)) != 0 || lseek(descriptor, off_t(count), SEEK_SET) != off_t(count) {
            failure = Self.error("cannot cut the spool file back")
        }
        spilled = count
    }

    /// Hands everything appended, in order, to `output` in blocks of at most `limit` bytes. The
    /// spool can be drained again, or appended to afterwards.
    func drain(_ output: ([UInt8]) throws -> Void) throws {
        if let failure { throw failure }
        if descriptor >= 0 {
            var offset = 0
            var block = [UInt8](repeating: 0, count: limit)
            while offset < spilled {
                let count = block.withUnsafeMutableBytes {
                    pread(descriptor, $0.baseAddress, min($0.count, spilled - offset), off_t(offset))
                }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { throw Self.error("cannot read the spool file") }
                offset += count
                try output(Array(block[..<count]))
            }
        }
        if !buffer.isEmpty { try output(buffer) }
    }

    private func spill() {
        guard failure == nil else { buffer.removeAll(keepingCapacity: true); return }
        if descriptor < 0 {
            descriptor = Self.temporaryFile()
            guard descriptor >= 0 else { failure = Self.error("cannot create a temporary file"); return }
        }
        var written = 0
        while written < buffer.count {
            let count = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { failure = Self.error("cannot write the spool file"); break }
            written += count
        }
        spilled += written
        buffer.removeAll(keepingCapacity: true)
    }

    /// An unnamed read-write file in the temporary directory.
    private static func temporaryFile() -> Int32 {
        let directory = FileManager.default.temporaryDirectory.path
        // O_TMPFILE (__O_TMPFILE | O_DIRECTORY; Glibc does not export it to Swift).
        let unnamed = open(directory, Int32(0o20000000) | O_DIRECTORY | O_RDWR | O_CLOEXEC, 0o600)
        if unnamed >= 0 { return unnamed }
        var template = Array((directory + "/cryptcheck-spool-XXXXXX").utf8CString)
        let named = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if named >= 0 { template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) } }
        return named
    }

    private static func error(_ message: String) -> any Error {
        CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(message): \(String(cString: strerror(errno)))"])
    }
}
