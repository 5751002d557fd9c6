import CryptCheckModel
import CryptCheckX509
import CryptCheckOpenSSL
import CSystem
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How to walk and read a tree.
public struct ScanOptions: Sendable {
    public var followSymlinks = false
    /// Glob patterns (fnmatch) matched against the full path and the file name.
    public var excludes: [String] = []
    /// Files larger than this are skipped and recorded as not scanned.
    public var maxFileSize = 4 << 20
    public var parse = ParseOptions()
    /// Files read at once; defaults to the number of cores.
    public var concurrency = ProcessInfo.processInfo.activeProcessorCount

    public init() {}
}

/// The result of scanning paths: observations to judge, and counts.
public struct FileScanResult: Sendable {
    public var observations: ObservationSet
    public var summary: ScanSummary
}

/// One thing a scan reports, in path order.
public enum ScanEvent: Sendable {
    /// A file with cryptographic material (and any problems reading parts of it).
    case file(FileObservation)
    /// A path that could not be scanned, and why.
    case unscanned(UnscannedTarget)
}

/// Walks files and directories and reads every file's cryptographic material, in parallel.
/// Reads only: nothing is ever written into a scanned tree.
public enum FileScanner {
    /// Scans and hands each result to `emit` as soon as its batch is read, so memory stays
    /// bounded by the batch, not by the size of the tree. Returns the counts.
    public static func scan(_ paths: [String], options: ScanOptions, batchSize: Int = 512,
                            emit: (ScanEvent) -> Void) -> ScanSummary {
        scan(paths, options: options, batchSize: batchSize, transform: { $0 }, emit: emit)
    }

    /// Like `scan(_:options:batchSize:emit:)`, but runs `transform` on each event on the
    /// worker threads (judging and rendering a file are as parallel as reading it); `emit`
    /// receives the transformed results on the calling thread, in path order.
    public static func scan<T: Sendable>(_ paths: [String], options: ScanOptions, batchSize: Int = 512,
                                         transform: @escaping @Sendable (ScanEvent) -> T,
                                         emit: (T) -> Void) -> ScanSummary {
        withoutActuallyEscaping(emit) { emit in
            let walk = Walk(options: options)
            walk.onUnscanned = { emit(transform(.unscanned($0))) }
            // Up to `depth` batches in flight: while the workers read the newer ones, this
            // thread walks on and emits the oldest. Memory stays bounded by `depth` batches.
            let depth = 8
            var inFlight: [(group: DispatchGroup, results: ResultBox<(FileCounts, T?)>)] = []
            func finish(_ done: (group: DispatchGroup, results: ResultBox<(FileCounts, T?)>)) {
                done.group.wait()
                for (result, transformed) in done.results.values {
                    walk.record(result)
                    if let transformed { emit(transformed) }
                }
            }
            walk.onBatch = { batch in
                let results = ResultBox<(FileCounts, T?)>(count: batch.count)
                let group = DispatchGroup()
                DispatchQueue.global().async(group: group) { read(batch, options: options, transform: transform, into: results) }
                inFlight.append((group, results))
                if inFlight.count >= depth { finish(inFlight.removeFirst()) }
            }
            walk.batchSize = max(1, batchSize)
            for path in paths { walk.visit(path, depth: 0) }
            walk.flush()
            for pending in inFlight { finish(pending) }
            inFlight.removeAll()
            // The callbacks capture `emit` and the walk itself: release them before `emit`
            // stops being valid (withoutActuallyEscaping checks that nothing kept it).
            walk.onBatch = { _ in }
            walk.onUnscanned = { _ in }
            return walk.summary
        }
    }

    /// Scans and collects everything (for small trees and tests).
    public static func scan(_ paths: [String], options: ScanOptions, now: Date = Date()) -> FileScanResult {
        var files: [FileObservation] = []
        var unscanned: [UnscannedTarget] = []
        let summary = scan(paths, options: options) { event in
            switch event {
            case .file(let file): files.append(file)
            case .unscanned(let target): unscanned.append(target)
            }
        }
        return FileScanResult(
            observations: ObservationSet(tool: "cryptcheck scan", observedAt: now, files: files, unscanned: unscanned),
            summary: summary)
    }

    enum FileResult: Sendable {
        case unreadable(String)
        case parsed(ParseResult, sha256: String?)
    }

    /// What the summary counts of one file, made on the worker that read it (so the items
    /// are freed there, not on the thread that walks and writes).
    enum FileCounts: Sendable {
        case unreadable
        case notCrypto
        case crypto(hasErrors: Bool, kinds: [String], algorithms: [String])

        init(_ result: FileResult) {
            switch result {
            case .unreadable: self = .unreadable
            case .parsed(.notCrypto, _): self = .notCrypto
            case .parsed(.parsed(let items, let errors), _):
                self = .crypto(hasErrors: !errors.isEmpty, kinds: items.map(\.kind.rawValue),
                               algorithms: items.compactMap { ($0.key ?? $0.certificate?.publicKey)?.summary })
            }
        }
    }

    /// Reads, parses and transforms files on `concurrency` threads into `results`, by index.
    static func read<T: Sendable>(_ paths: [String], options: ScanOptions,
                                  transform: @escaping @Sendable (ScanEvent) -> T,
                                  into results: ResultBox<(FileCounts, T?)>) {
        let workers = max(1, min(options.concurrency, paths.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            // The walking thread feeds every worker: when the cores are all busy, let it run
            // first (on Linux this lowers the calling worker thread only; 4 % faster on the
            // 2-core bench, A/B over 5x10 runs).
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 3)
            while let index = results.nextIndex() {
                let result = readOne(paths[index], options: options)
                var transformed: T?
                switch result {
                case .unreadable(let reason):
                    transformed = transform(.unscanned(UnscannedTarget(target: paths[index], reason: reason)))
                case .parsed(.parsed(let items, let errors), let sha256):
                    transformed = transform(.file(FileObservation(path: paths[index], sha256: sha256, items: items, errors: errors)))
                case .parsed(.notCrypto, _):
                    break
                }
                results.store(index, (FileCounts(result), transformed))
            }
        }
    }

    static func readOne(_ path: String, options: ScanOptions) -> FileResult {
        let bytes: [UInt8]
        do {
            bytes = try readFile(path, limit: options.maxFileSize, followSymlinks: options.followSymlinks)
        } catch {
            return .unreadable("\(error)")
        }
        let parsed = FileParser.parse(bytes, fileName: path, options: options.parse)
        if case .notCrypto = parsed { return .parsed(parsed, sha256: nil) }
        return .parsed(parsed, sha256: try? Digest.sha256Hex(bytes))
    }

    /// Reads a whole file with POSIX calls, so failures carry errno's reason. The size cap is
    /// checked here, on the open file, rather than by a separate `stat` of the path.
    static func readFile(_ path: String, limit: Int, followSymlinks: Bool) throws -> [UInt8] {
        // O_NONBLOCK: a path that turned into a FIFO since the walk must not hang the scan.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followSymlinks ? 0 : O_NOFOLLOW))
        guard descriptor >= 0 else { throw FormatError("cannot open: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FormatError("cannot stat: \(String(cString: strerror(errno)))") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw FormatError("no longer a regular file") }
        guard Int(info.st_size) <= limit else {
            throw FormatError("skipped: \(info.st_size) bytes is over the \(limit >> 20) MiB size cap (--max-size)")
        }
        // One byte more than the size, so that a file that grew shows it.
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var filled = 0
        while true {
            if filled == bytes.count {
                guard filled <= limit else { throw FormatError("grew past the \(limit >> 20) MiB cap while being read") }
                bytes.append(contentsOf: repeatElement(0, count: bytes.count))
            }
            let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FormatError("cannot read: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            filled += count
            // Asked for one byte more than the size and got exactly the size: the file ended
            // where fstat said it would, so the extra read that returns 0 is not needed.
            if filled == Int(info.st_size) { break }
        }
        guard filled <= limit else { throw FormatError("grew past the \(limit >> 20) MiB cap while being read") }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }
}

/// Per-file results filled in by worker threads.
/// @unchecked Sendable: every access to `slots` and `next` holds `lock`.
final class ResultBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]
    private var next = 0

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func nextIndex() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < slots.count else { return nil }
        defer { next += 1 }
        return next
    }

    func store(_ index: Int, _ result: Value) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}

/// The tree walk: which files to read, and what was passed over and why.
final class Walk {
    let options: ScanOptions
    var summary = ScanSummary()
    var batchSize = 512
    var onBatch: ([String]) -> Void = { _ in }
    var onUnscanned: (UnscannedTarget) -> Void = { _ in }
    private var pending: [String] = []
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

    private func skip(_ path: String, _ reason: String) {
        summary.notScanned += 1
        onUnscanned(UnscannedTarget(target: path, reason: reason))
    }

    /// Counts one file's result (its event was already made by the worker).
    func record(_ result: FileScanner.FileCounts) {
        switch result {
        case .unreadable:
            summary.notScanned += 1
        case .notCrypto:
            summary.otherFiles += 1
        case .crypto(let hasErrors, let kinds, let algorithms):
            summary.cryptoFiles += 1
            if hasErrors { summary.filesWithErrors += 1 }
            for kind in kinds { summary.itemsByKind[kind, default: 0] += 1 }
            for algorithm in algorithms { summary.itemsByAlgorithm[algorithm, default: 0] += 1 }
        }
    }

    func visit(_ path: String, depth: Int) {
        if isExcluded(path) {
            summary.excluded += 1
            return
        }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            skip(path, "cannot stat: \(String(cString: strerror(errno)))")
            return
        }
        if info.st_mode & S_IFMT == S_IFLNK {
            guard options.followSymlinks else {
                summary.symlinksNotFollowed += 1
                return
            }
            guard stat(path, &info) == 0 else {
                skip(path, "broken symlink: \(String(cString: strerror(errno)))")
                return
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
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
    private func enter(_ path: String, descriptor: Int32, depth: Int) {
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
        let prefix = path.hasSuffix("/") ? path : path + "/"
        for (name, type) in entries {
            let child = prefix + name
            guard type == UInt8(DT_REG) || type == UInt8(DT_DIR) else {
                visit(child, depth: depth + 1)  // symlinks, special files, unknown types
                continue
            }
            if isExcluded(child) {
                summary.excluded += 1
            } else if type == UInt8(DT_REG) {
                queue(child)  // the size cap is checked on the open file by the reader
            } else {
                let inner = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard inner >= 0 else {
                    skip(child, "cannot list the directory: \(String(cString: strerror(errno)))")
                    continue
                }
                enter(child, descriptor: inner, depth: depth + 1)
            }
        }
    }

    private func queue(_ path: String) {
        summary.filesWalked += 1
        pending.append(path)
        if pending.count >= batchSize { flush() }
    }

    /// Where getdents64 writes directory records; the walk is single-threaded.
    private var direntBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 8)

    deinit { direntBuffer.deallocate() }

    /// The entries of an open directory (without `.` and `..`) with their `d_type`, sorted by
    /// name; nil with `errno` set when it cannot be read.
    func list(_ descriptor: Int32) -> [(name: String, type: UInt8)]? {
        var entries: [(name: String, type: UInt8)] = []
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
                let name = String(cString: (record + 19).assumingMemoryBound(to: CChar.self))
                if name != "." && name != ".." { entries.append((name, type)) }
                offset += length
            }
        }
        entries.sort { $0.name < $1.name }
        return entries
    }

    private func isExcluded(_ path: String) -> Bool {
        guard !options.excludes.isEmpty else { return false }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return options.excludes.contains { fnmatch($0, path, 0) == 0 || fnmatch($0, name, 0) == 0 }
    }
}
