import CCryptCheckSystem
import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reading one file: open it without following a link that replaced it, read it whole within
/// the size cap, and parse it (once per content, `ParseMemo`).
extension FileScanner {
    /// Reads and parses one file; `display` is its escaped path (computed once by the caller).
    static func readOne(_ file: QueuedFile, display: String? = nil, options: ScanOptions) -> FileResult {
        let bytes: [UInt8]
        do {
            bytes = try readFile(file, limit: options.maxFileSize, followSymlinks: options.followSymlinks)
        } catch {
            return .unreadable(FormatError("", wrapping: error))
        }
        let name = FileNameFacts(display ?? file.path.display)
        let parsed = options.parse.parseMemo.parsed(bytes, name: name, options: options.parse) {
            FileParser.parseFile(bytes, name: name, options: options.parse)
        }
        return .parsed(parsed.result, sha256: parsed.sha256, snippets: parsed.snippets)
    }

    /// Reads a whole file with POSIX calls, so failures carry errno's reason. The size cap is
    /// checked here, on the open file, rather than by a separate `stat` of the path.
    static func readFile(_ file: QueuedFile, limit: Int, followSymlinks: Bool) throws -> [UInt8] {
        let descriptor = file.open(followSymlinks: followSymlinks)
        guard descriptor >= 0 else { throw FormatError(.fileCannotOpen, "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FormatError(.fileCannotStat, "cannot stat: \(String(cString: strerror(errno)))") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw FormatError(.fileNotRegular, "no longer a regular file") }
        guard Int(info.st_size) <= limit else {
            throw FormatError(.fileTooLarge, "skipped: \(info.st_size) bytes is over the \(limit >> 20) MiB size cap (--max-size)")
        }
        // One byte more than the size, so that a file that grew shows it.
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var filled = 0
        while true {
            if filled == bytes.count {
                guard filled <= limit else { throw FormatError(.fileTooLarge, "grew past the \(limit >> 20) MiB cap while being read") }
                bytes.append(contentsOf: repeatElement(0, count: bytes.count))
            }
            let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FormatError(.fileCannotRead, "cannot read: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            filled += count
            // Asked for one byte more than the size and got exactly the size: the file ended
            // where fstat said it would, so the extra read that returns 0 is not needed.
            if filled == Int(info.st_size) { break }
        }
        guard filled <= limit else { throw FormatError(.fileTooLarge, "grew past the \(limit >> 20) MiB cap while being read") }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }
}
