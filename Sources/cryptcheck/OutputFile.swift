import CryptCheckModel
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where an output goes, decided from what is at the path now: `-` is standard output; a
/// character device, FIFO or socket (`/dev/null`, `/dev/stdout`, a pipe) is written straight
/// into, never replaced; a symbolic link is followed explicitly to what it names, never
/// replaced; a regular file, or nothing yet, is written atomically (a temporary file beside it,
/// renamed over it), so a reader never sees half an output.
enum OutputFile {
    /// Why an output could not be written, naming the path.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes `bytes` to `path` by the rules above.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let handle = try open(path)
        do {
            try handle.write(bytes)
            try handle.commit()
        } catch {
            handle.abandon()
            throw error
        }
    }

    /// Writes `prefix` (a byte order mark), then the pieces `produce` hands to its sink, in
    /// order, to `path` by the rules above (a large output is never held in one buffer).
    static func write(
        prefix: [UInt8] = [], pieces produce: (_ sink: ([UInt8]) throws -> Void) throws -> Void, to path: String
    ) throws {
        let handle = try open(path)
        do {
            try handle.write(prefix)
            try produce { try handle.write($0) }
            try handle.commit()
        } catch {
            handle.abandon()
            throw error
        }
    }

    /// Writes UTF-8 `text` to `path`.
    static func write(_ text: String, to path: String) throws { try write(Array(text.utf8), to: path) }

    /// An output being written: bytes go to `descriptor`; `commit` makes them the file's.
    final class Handle {
        let descriptor: Int32
        let path: String
        /// The temporary file renamed over `path` on commit; `nil` for streams and devices.
        private let temporary: String?
        private var closed = false

        init(descriptor: Int32, path: String, temporary: String?) {
            self.descriptor = descriptor
            self.path = path
            self.temporary = temporary
            if let temporary { OutputFile.pending.withLock { _ = $0.insert(temporary) } }
        }

        deinit { abandon() }

        /// Writes all of `bytes`, retrying short writes.
        func write(_ bytes: [UInt8]) throws {
            var written = 0
            while written < bytes.count {
                let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw Failure(description: "\(path): cannot write the output: \(String(cString: strerror(errno)))")
                }
                written += count
            }
        }

        /// Finishes the output: a temporary file is flushed to disk and renamed over the path.
        func commit() throws {
            guard !closed else { return }
            closed = true
            guard let temporary else {
                if descriptor > 2 { close(descriptor) }
                return
            }
            defer { OutputFile.pending.withLock { _ = $0.remove(temporary) } }
            let synced = fsync(descriptor) == 0
            close(descriptor)
            guard synced, rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw Failure(description: "\(path): cannot write the output: \(reason)")
            }
        }

        /// Gives up: the temporary file is removed, the path left as it was.
        func abandon() {
            guard !closed else { return }
            closed = true
            if descriptor > 2 { close(descriptor) }
            if let temporary {
                unlink(temporary)
                OutputFile.pending.withLock { _ = $0.remove(temporary) }
            }
        }
    }

    /// The temporary files of outputs being written, not yet committed or abandoned.
    fileprivate static let pending = Locked(Set<String>())

    /// A scratch file of this run in the temporary directory (never beside a scanned or output
    /// path), readable only by this user: `discard` removes it; a second SIGINT removes it too.
    static func scratch(prefix: String) throws -> (path: String, handle: FileHandle) {
        let directory = FileManager.default.temporaryDirectory.path
        var template = Array("\(directory)/\(prefix)-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard descriptor >= 0 else {
            throw Failure(description: "\(directory): cannot make a temporary file: \(String(cString: strerror(errno)))")
        }
        pending.withLock { _ = $0.insert(path) }
        return (path, FileHandle(fileDescriptor: descriptor, closeOnDealloc: true))
    }

    /// Removes a scratch file made by `scratch`.
    static func discard(_ path: String) {
        unlink(path)
        pending.withLock { _ = $0.remove(path) }
    }

    /// Removes the temporary file of every output not yet committed: the process is about to
    /// end at once (a second SIGINT), and no half output may remain.
    static func abandonAll() {
        pending.withLock { temporaries in
            for temporary in temporaries { unlink(temporary) }
            temporaries.removeAll()
        }
    }

    /// Opens `path` for an output by the rules above.
    static func open(_ path: String) throws -> Handle {
        if path == "-" { return Handle(descriptor: STDOUT_FILENO, path: "standard output", temporary: nil) }
        let target = try followLinks(path)
        var status = stat()
        if stat(target, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                throw Failure(description: "\(path): is a directory; name a file to write the output to")
            case S_IFCHR, S_IFIFO, S_IFSOCK:
                let descriptor = Glibc.open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC)
                guard descriptor >= 0 else {
                    throw Failure(description: "\(path): cannot write the output: \(String(cString: strerror(errno)))")
                }
                return Handle(descriptor: descriptor, path: path, temporary: nil)
            case S_IFREG:
                break
            default:
                throw Failure(description: "\(path): is not a regular file, device or pipe; refusing to replace it")
            }
        }
        let temporary = PathText.join(
            PathText.parent(of: target), ".\(lastComponent(of: target)).cryptcheck-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let descriptor = Glibc.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Failure(description: "\(path): cannot write the output: \(String(cString: strerror(errno)))")
        }
        return Handle(descriptor: descriptor, path: target, temporary: temporary)
    }

    /// `path` with symbolic links in its last component followed (to at most 40 levels); a
    /// link naming something that does not exist yet gives that name, which is then created.
    static func followLinks(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count > 0 else { throw Failure(description: "\(path): cannot read the symbolic link") }
            let destination = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = destination.hasPrefix("/") ? destination : PathText.join(PathText.parent(of: current), destination)
        }
        throw Failure(description: "\(path): too many levels of symbolic links")
    }

    private static func lastComponent(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? "output"
    }
}

/// A value behind a lock (this module does not import Synchronization).
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
