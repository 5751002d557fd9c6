import CryptCheckModel

#if canImport(Glibc)
import Glibc
#endif

/// The tree walk: which files to read, and what was passed over and why.
final class Walk {
    let options: ScanOptions
    var summary = ScanSummary()
    var batchSize = 512
    var onBatch: ([QueuedFile]) -> Void = { _ in }
    var onUnscanned: (UnscannedTarget) -> Void = { _ in }
    /// Called when the walk holds too many directories open for files not yet read: the
    /// scanner finishes the batches in flight, which lets those directories close.
    var onDescriptorPressure: () -> Void = {}
    private var pending: [QueuedFile] = []
    /// Directories entered, by (device, inode): a second visit means a symlink loop or alias.
    private var visited = Set<DirectoryID>()
    /// Reads directory entries; the walk is single-threaded, so one lister serves it.
    private let lister = DirectoryLister()

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

    private func skip(_ path: ScanPath, _ code: ErrorCode, _ reason: String) {
        summary.notScanned += 1
        onUnscanned(UnscannedTarget(target: path.display, reason: reason, code: code))
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
        if let stop = options.stop, stop() { return }
        if isExcluded(path) {
            summary.excluded += 1
            return
        }
        var info = stat()
        guard path.withCString({ lstat($0, &info) }) == 0 else {
            skip(path, .fileCannotStat, "cannot stat: \(String(cString: strerror(errno)))")
            return
        }
        if info.st_mode & S_IFMT == S_IFLNK {
            guard options.followSymlinks else {
                summary.symlinksNotFollowed += 1
                return
            }
            guard path.withCString({ stat($0, &info) }) == 0 else {
                skip(path, .fileBrokenSymlink, "broken symlink: \(String(cString: strerror(errno)))")
                return
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            let descriptor = path.withCString { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
            guard descriptor >= 0 else {
                skip(path, .fileCannotList, "cannot list the directory: \(String(cString: strerror(errno)))")
                return
            }
            enter(path, descriptor: descriptor, depth: depth)
        case S_IFREG:
            queue(QueuedFile(path: path))
        default:
            summary.specialFiles += 1
        }
    }

    /// Walks the open directory `descriptor` (and closes it once no file listed in it waits to
    /// be read). Entries are opened relative to it, never by re-resolving a path, and typed by
    /// their directory entry where it says enough (else by `fstatat` relative to it), so a
    /// plain file or directory costs no `stat` of its path, and a directory swapped for a
    /// symlink after it was listed cannot lead the reader out of the tree.
    private func enter(_ path: ScanPath, descriptor: Int32, depth: Int) {
        let handle = DirectoryHandle(descriptor)
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            skip(path, .fileCannotStat, "cannot stat: \(String(cString: strerror(errno)))")
            return
        }
        guard visited.insert(DirectoryID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else {
            skip(path, .fileSymlinkLoop, "symlink loop: this directory was already visited")
            return
        }
        guard depth < 256 else {
            skip(path, .fileTooDeep, "directory nesting deeper than 256 levels")
            return
        }
        guard let entries = lister.list(descriptor) else {
            skip(path, .fileCannotList, "cannot list the directory: \(String(cString: strerror(errno)))")
            return
        }
        for (name, listedType) in entries {
            let child = path.appending(name)
            if isExcluded(child) {
                summary.excluded += 1
                continue
            }
            var type = listedType
            if type != UInt8(DT_REG) && type != UInt8(DT_DIR) {
                guard let found = entryType(name, in: descriptor) else {
                    skip(child, .fileCannotStat, "cannot stat: \(String(cString: strerror(errno)))")
                    continue
                }
                type = found
            }
            switch type {
            case UInt8(DT_REG):
                queue(QueuedFile(path: child, directory: handle, name: name))  // size cap: checked on the open file
            case UInt8(DT_DIR):
                let inner = (name + [0]).withUnsafeBufferPointer { name in
                    name.withMemoryRebound(to: CChar.self) {
                        openat(descriptor, $0.baseAddress!, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                    }
                }
                guard inner >= 0 else {
                    skip(child, .fileCannotList, "cannot list the directory: \(String(cString: strerror(errno)))")
                    continue
                }
                enter(child, descriptor: inner, depth: depth + 1)
            case UInt8(DT_LNK):
                // Followed by path only when asked: following links may leave the tree by design.
                if options.followSymlinks { visit(child, depth: depth + 1) } else { summary.symlinksNotFollowed += 1 }
            default:
                summary.specialFiles += 1
            }
        }
    }

    /// The type of entry `name` of the open directory, as a `d_type` value, from `fstatat`
    /// relative to it (not following a symlink); nil with `errno` set when it cannot be read.
    private func entryType(_ name: [UInt8], in descriptor: Int32) -> UInt8? {
        var info = stat()
        let status = (name + [0]).withUnsafeBufferPointer { name in
            name.withMemoryRebound(to: CChar.self) { fstatat(descriptor, $0.baseAddress!, &info, AT_SYMLINK_NOFOLLOW) }
        }
        guard status == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return UInt8(DT_REG)
        case S_IFDIR: return UInt8(DT_DIR)
        case S_IFLNK: return UInt8(DT_LNK)
        default: return UInt8(DT_UNKNOWN)
        }
    }

    private func queue(_ file: QueuedFile) {
        summary.filesWalked += 1
        pending.append(file)
        if pending.count >= batchSize {
            flush()
        } else if file.directory != nil && DirectoryHandle.open.load(ordering: .relaxed) > DirectoryHandle.budget {
            flush()
            onDescriptorPressure()
        }
    }

    private func isExcluded(_ path: ScanPath) -> Bool {
        guard !options.excludes.isEmpty else { return false }
        let name = ScanPath(bytes: Array(path.bytes.split(separator: 0x2F).last ?? path.bytes[...]))
        return path.withCString { full in
            name.withCString { name in options.excludes.contains { fnmatch($0, full, 0) == 0 || fnmatch($0, name, 0) == 0 } }
        }
    }
}
