import CryptCheckModel
import CSystem
#if canImport(Glibc)
import Glibc
#endif

/// The tree walk: which files to read, and what was passed over and why.
final class Walk {
    let options: ScanOptions
    var summary = ScanSummary()
    var batchSize = 512
    var onBatch: ([ScanPath]) -> Void = { _ in }
    var onUnscanned: (UnscannedTarget) -> Void = { _ in }
    private var pending: [ScanPath] = []
    /// Directories entered, by (device, inode): a second visit means a symlink loop or alias.
    private var visited = Set<DirectoryID>()

    private struct DirectoryID: Hashable {
        let device: UInt64, inode: UInt64
    }

    init(options: ScanOptions) { self.options = options }

    /// Reads the files waiting in the current batch.
    func flush() {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        onBatch(batch)
    }

    private func skip(_ path: ScanPath, _ reason: String) {
        summary.notScanned += 1
        onUnscanned(UnscannedTarget(target: path.display, reason: reason))
    }

    /// Counts one file's result (its event was already made by the worker).
    func record(_ result: FileScanner.FileCounts) {
        switch result {
        case .unreadable:
            summary.notScanned += 1
        case .notCrypto:
            summary.otherFiles += 1
        case .snippetsOnly(let count):
            summary.otherFiles += 1
            summary.unparsedSnippets = (summary.unparsedSnippets ?? 0) + count
        case .crypto(let hasErrors, let kinds, let algorithms, let snippets):
            summary.cryptoFiles += 1
            if snippets > 0 { summary.unparsedSnippets = (summary.unparsedSnippets ?? 0) + snippets }
            if hasErrors { summary.filesWithErrors += 1 }
            for kind in kinds { summary.itemsByKind[kind, default: 0] += 1 }
            for algorithm in algorithms { summary.itemsByAlgorithm[algorithm, default: 0] += 1 }
        }
    }

    func visit(_ path: ScanPath, depth: Int) {
        if isExcluded(path) {
            summary.excluded += 1
            return
        }
        var info = stat()
        guard path.withCString({ lstat($0, &info) }) == 0 else {
            skip(path, "cannot stat: \(String(cString: strerror(errno)))")
            return
        }
        if info.st_mode & S_IFMT == S_IFLNK {
            guard options.followSymlinks else {
                summary.symlinksNotFollowed += 1
                return
            }
            guard path.withCString({ stat($0, &info) }) == 0 else {
                skip(path, "broken symlink: \(String(cString: strerror(errno)))")
                return
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            let descriptor = path.withCString { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
            guard descriptor >= 0 else {
                skip(path, "cannot list the directory: \(String(cString: strerror(errno)))")
                return
            }
            enter(path, descriptor: descriptor, depth: depth)
        case S_IFREG:
            queue(path)
        default:
            summary.specialFiles += 1
        }
    }

    /// Walks the open directory `descriptor` (and closes it). Entries are opened relative to
    /// it, and typed by their directory entry where it says enough, so a plain file or
    /// directory costs no `stat` of its path.
    private func enter(_ path: ScanPath, descriptor: Int32, depth: Int) {
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            skip(path, "cannot stat: \(String(cString: strerror(errno)))")
            return
        }
        guard visited.insert(DirectoryID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else {
            skip(path, "symlink loop: this directory was already visited")
            return
        }
        guard depth < 256 else {
            skip(path, "directory nesting deeper than 256 levels")
            return
        }
        guard let entries = list(descriptor) else {
            skip(path, "cannot list the directory: \(String(cString: strerror(errno)))")
            return
        }
        for (name, type) in entries {
            let child = path.appending(name)
            guard type == UInt8(DT_REG) || type == UInt8(DT_DIR) else {
                visit(child, depth: depth + 1)  // symlinks, special files, unknown types
                continue
            }
            if isExcluded(child) {
                summary.excluded += 1
            } else if type == UInt8(DT_REG) {
                queue(child)  // the size cap is checked on the open file by the reader
            } else {
                let inner = (name + [0]).withUnsafeBufferPointer { name in
                    name.withMemoryRebound(to: CChar.self) { openat(descriptor, $0.baseAddress!, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
                }
                guard inner >= 0 else {
                    skip(child, "cannot list the directory: \(String(cString: strerror(errno)))")
                    continue
                }
                enter(child, descriptor: inner, depth: depth + 1)
            }
        }
    }

    private func queue(_ path: ScanPath) {
        summary.filesWalked += 1
        pending.append(path)
        if pending.count >= batchSize { flush() }
    }

    /// Where getdents64 writes directory records; the walk is single-threaded.
    private var direntBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 8)

    deinit { direntBuffer.deallocate() }

    /// The entries of an open directory (without `.` and `..`) with their `d_type`, sorted by
    /// name (byte order); nil with `errno` set when it cannot be read. Names stay bytes: Linux
    /// names are any bytes but NUL and `/`, and a name that is not UTF-8 must still be opened
    /// as itself.
    func list(_ descriptor: Int32) -> [(name: [UInt8], type: UInt8)]? {
        var entries: [(name: [UInt8], type: UInt8)] = []
        while true {
            let count = cc_getdents64(descriptor, direntBuffer.baseAddress, direntBuffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            // struct linux_dirent64: d_ino (8 bytes), d_off (8), d_reclen (2), d_type (1), d_name.
            var offset = 0
            while offset + 19 < count {
                let record = direntBuffer.baseAddress! + offset
                let length = Int(record.loadUnaligned(fromByteOffset: 16, as: UInt16.self))
                guard length > 19, offset + length <= count else { break }
                let type = record.load(fromByteOffset: 18, as: UInt8.self)
                let namePointer = (record + 19).assumingMemoryBound(to: UInt8.self)
                let name = Array(UnsafeBufferPointer(start: namePointer, count: strnlen(UnsafeRawPointer(namePointer).assumingMemoryBound(to: CChar.self), length - 19)))
                if name != Walk.dot && name != Walk.dotDot { entries.append((name, type)) }
                offset += length
            }
        }
        entries.sort { $0.name.lexicographicallyPrecedes($1.name) }
        return entries
    }

    private static let dot: [UInt8] = [0x2E], dotDot: [UInt8] = [0x2E, 0x2E]

    private func isExcluded(_ path: ScanPath) -> Bool {
        guard !options.excludes.isEmpty else { return false }
        let name = ScanPath(bytes: Array(path.bytes.split(separator: 0x2F).last ?? path.bytes[...]))
        return path.withCString { full in
            name.withCString { name in options.excludes.contains { fnmatch($0, full, 0) == 0 || fnmatch($0, name, 0) == 0 } }
        }
    }
}
