import CryptCheckModel
import CryptCheckOpenSSL
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

/// Walks files and directories and reads every file's cryptographic material, in parallel.
/// Reads only: nothing is ever written into a scanned tree.
public enum FileScanner {
    public static func scan(_ paths: [String], options: ScanOptions, now: Date = Date()) -> FileScanResult {
        var walk = Walk(options: options)
        for path in paths { walk.visit(path, depth: 0) }
        var summary = walk.summary
        let results = read(walk.files, options: options)
        var files: [FileObservation] = []
        var unscanned = walk.unscanned
        for (path, result) in zip(walk.files, results) {
            switch result {
            case .unreadable(let reason):
                unscanned.append(UnscannedTarget(target: path, reason: reason))
            case .parsed(.notCrypto, _):
                summary.otherFiles += 1
            case .parsed(.parsed(let items, let errors), let sha256):
                summary.cryptoFiles += 1
                if !errors.isEmpty { summary.filesWithErrors += 1 }
                for item in items {
                    summary.itemsByKind[item.kind.rawValue, default: 0] += 1
                    if let key = item.key ?? item.certificate?.publicKey {
                        summary.itemsByAlgorithm[key.summary, default: 0] += 1
                    }
                }
                files.append(FileObservation(path: path, sha256: sha256, items: items, errors: errors))
            }
        }
        summary.notScanned = unscanned.count
        let observations = ObservationSet(tool: "cryptcheck scan", observedAt: now, files: files, unscanned: unscanned)
        return FileScanResult(observations: observations, summary: summary)
    }

    enum FileResult: Sendable {
        case unreadable(String)
        case parsed(ParseResult, sha256: String?)
    }

    /// Reads and parses files on `concurrency` threads; results keep the input order.
    static func read(_ paths: [String], options: ScanOptions) -> [FileResult] {
        let results = ResultBox(count: paths.count)
        let workers = max(1, min(options.concurrency, paths.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = results.nextIndex() {
                results.store(index, readOne(paths[index], options: options))
            }
        }
        return results.values
    }

    static func readOne(_ path: String, options: ScanOptions) -> FileResult {
        let bytes: [UInt8]
        do {
            bytes = try readFile(path, limit: options.maxFileSize, followSymlinks: options.followSymlinks)
        } catch {
            return .unreadable("\(error)")
        }
        let name = (path as NSString).lastPathComponent
        let parsed = FileParser.parse(bytes, fileName: name, options: options.parse)
        if case .notCrypto = parsed { return .parsed(parsed, sha256: nil) }
        return .parsed(parsed, sha256: try? Digest.sha256Hex(bytes))
    }

    /// Reads a whole file with POSIX calls, so failures carry errno's reason.
    static func readFile(_ path: String, limit: Int, followSymlinks: Bool) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | (followSymlinks ? 0 : O_NOFOLLOW))
        guard descriptor >= 0 else { throw FormatError("cannot open: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FormatError("cannot read: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
            if bytes.count > limit { throw FormatError("grew past the \(limit >> 20) MiB cap while being read") }
        }
        return bytes
    }
}

/// Per-file results filled in by worker threads.
/// @unchecked Sendable: every access to `slots` and `next` holds `lock`.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [FileScanner.FileResult?]
    private var next = 0

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func nextIndex() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < slots.count else { return nil }
        defer { next += 1 }
        return next
    }

    func store(_ index: Int, _ result: FileScanner.FileResult) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    var values: [FileScanner.FileResult] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}

/// The tree walk: which files to read, and what was passed over and why.
struct Walk {
    let options: ScanOptions
    var files: [String] = []
    var unscanned: [UnscannedTarget] = []
    var summary = ScanSummary()
    /// Directories entered, by (device, inode): a second visit means a symlink loop or alias.
    private var visited = Set<[UInt64]>()

    init(options: ScanOptions) { self.options = options }

    mutating func visit(_ path: String, depth: Int) {
        if isExcluded(path) {
            summary.excluded += 1
            return
        }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            unscanned.append(UnscannedTarget(target: path, reason: "cannot stat: \(String(cString: strerror(errno)))"))
            return
        }
        if info.st_mode & S_IFMT == S_IFLNK {
            guard options.followSymlinks else {
                summary.symlinksNotFollowed += 1
                return
            }
            guard stat(path, &info) == 0 else {
                unscanned.append(UnscannedTarget(target: path, reason: "broken symlink: \(String(cString: strerror(errno)))"))
                return
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            let key = [UInt64(info.st_dev), UInt64(info.st_ino)]
            guard visited.insert(key).inserted else {
                unscanned.append(UnscannedTarget(target: path, reason: "symlink loop: this directory was already visited"))
                return
            }
            guard depth < 256 else {
                unscanned.append(UnscannedTarget(target: path, reason: "directory nesting deeper than 256 levels"))
                return
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
            } catch {
                unscanned.append(UnscannedTarget(target: path, reason: "cannot list the directory: \(Walk.reason(error))"))
                return
            }
            for name in names {
                visit(path.hasSuffix("/") ? path + name : path + "/" + name, depth: depth + 1)
            }
        case S_IFREG:
            summary.filesWalked += 1
            if Int(info.st_size) > options.maxFileSize {
                unscanned.append(UnscannedTarget(
                    target: path, reason: "skipped: \(info.st_size) bytes is over the \(options.maxFileSize >> 20) MiB size cap (--max-size)"))
            } else {
                files.append(path)
            }
        default:
            summary.specialFiles += 1
        }
    }

    private func isExcluded(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        return options.excludes.contains { fnmatch($0, path, 0) == 0 || fnmatch($0, name, 0) == 0 }
    }

    static func reason(_ error: any Error) -> String {
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return (error as NSError).localizedDescription
    }
}
