import CSystem
import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// How to walk and read a tree.
package struct ScanOptions: Sendable {
    package var followSymlinks = false
    /// Glob patterns (fnmatch) matched against the full path and the file name.
    package var excludes: [String] = []
    /// Files larger than this are skipped and recorded as not scanned.
    package var maxFileSize = 4 << 20
    package var parse = ParseOptions()
    /// Files read at once; defaults to the number of cores.
    package var concurrency = ProcessInfo.processInfo.activeProcessorCount
    /// The bytes of paths given as text that are not UTF-8, by their (lossily decoded) text:
    /// the command line's arguments as the kernel passed them (`ScanOptions.rawArguments()`).
    package var rawPaths: [String: [UInt8]] = [:]

    package init() {}

    /// The process arguments that are not valid UTF-8, by the text Swift made of them
    /// (`CommandLine.arguments` replaces bad bytes with U+FFFD), so a path argument is walked
    /// and opened as the bytes it was given as.
    package static func rawArguments() -> [String: [UInt8]] {
        var raw: [String: [UInt8]] = [:]
        for index in 1..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[index] else { continue }
            let bytes = Array(
                UnsafeBufferPointer(
                    start: UnsafeRawPointer(argument).assumingMemoryBound(to: UInt8.self),
                    count: strlen(argument)))
            if String(validating: bytes, as: UTF8.self) == nil { raw[String(decoding: bytes, as: UTF8.self)] = bytes }
        }
        return raw
    }
}

/// The result of scanning paths: observations to judge, and counts.
package struct FileScanResult: Sendable {
    package var observations: ObservationSet
    package var summary: ScanSummary
}

/// Walks files and directories and reads every file's cryptographic material, in parallel.
/// Reads only: nothing is ever written into a scanned tree.
package enum FileScanner {
    /// Scans and hands each result to `emit` as soon as its batch is read, so memory stays
    /// bounded by the batch, not by the size of the tree. Returns the counts.
    package static func scan(
        _ paths: [String], options: ScanOptions, batchSize: Int = 512,
        emit: (ScanEvent) -> Void
    ) -> ScanSummary {
        scan(paths, options: options, batchSize: batchSize, transform: { $0 }, emit: emit)
    }

    /// Like `scan(_:options:batchSize:emit:)`, but runs `transform` on each event on the
    /// worker threads (judging and rendering a file are as parallel as reading it); `emit`
    /// receives the transformed results on the calling thread, in path order.
    package static func scan<T: Sendable>(
        _ paths: [String], options: ScanOptions, batchSize: Int = 512,
        transform: @escaping @Sendable (ScanEvent) -> T,
        emit: (T) -> Void
    ) -> ScanSummary {
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
            walk.onDescriptorPressure = {
                for pending in inFlight { finish(pending) }
                inFlight.removeAll()
            }
            walk.batchSize = max(1, batchSize)
            for path in paths { walk.visit(options.rawPaths[path].map(ScanPath.init(bytes:)) ?? ScanPath(path), depth: 0) }
            walk.flush()
            for pending in inFlight { finish(pending) }
            inFlight.removeAll()
            // The callbacks capture `emit` and the walk itself: release them before `emit`
            // stops being valid (withoutActuallyEscaping checks that nothing kept it).
            walk.onBatch = { _ in }
            walk.onUnscanned = { _ in }
            walk.onDescriptorPressure = {}
            return walk.summary
        }
    }

    /// Scans and collects everything (for small trees and tests).
    package static func scan(_ paths: [String], options: ScanOptions, now: Date = Date()) -> FileScanResult {
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
        case parsed(ParseResult, sha256: String?, snippets: [String])
    }

    /// What the summary counts of one file, made on the worker that read it (so the items
    /// are freed there, not on the thread that walks and writes).
    enum FileCounts: Sendable {
        case unreadable
        case notCrypto
        case crypto(hasErrors: Bool, kinds: [String], algorithms: [String], snippets: Int)
        /// Only unparsed snippets: not cryptographic material, but listed.
        case snippetsOnly(Int)

        init(_ result: FileResult) {
            switch result {
            case .unreadable: self = .unreadable
            case .parsed(.notCrypto, _, _): self = .notCrypto
            case .parsed(.parsed(let items, let errors), _, let snippets) where items.isEmpty && errors.isEmpty:
                self = snippets.isEmpty ? .crypto(hasErrors: false, kinds: [], algorithms: [], snippets: 0) : .snippetsOnly(snippets.count)
            case .parsed(.parsed(let items, let errors), _, let snippets):
                self = .crypto(
                    hasErrors: !errors.isEmpty, kinds: items.map(\.kind.rawValue),
                    algorithms: items.compactMap { ($0.key ?? $0.certificate?.publicKey)?.summary }, snippets: snippets.count)
            }
        }
    }

    /// Reads, parses and transforms files on `concurrency` threads into `results`, by index.
    static func read<T: Sendable>(
        _ files: [QueuedFile], options: ScanOptions,
        transform: @escaping @Sendable (ScanEvent) -> T,
        into results: ResultBox<(FileCounts, T?)>
    ) {
        let workers = max(1, min(options.concurrency, files.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            // The walking thread feeds every worker: when the cores are all busy, let it run
            // first (on Linux this lowers the calling worker thread only; 4 % faster on the
            // 2-core bench, A/B over 5x10 runs).
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 3)
            while let index = results.nextIndex() {
                let display = files[index].path.display
                let result = readOne(files[index], display: display, options: options)
                var transformed: T?
                switch result {
                case .unreadable(let reason):
                    transformed = transform(.unscanned(UnscannedTarget(target: display, reason: reason)))
                case .parsed(.parsed(let items, let errors), let sha256, let snippets):
                    transformed = transform(
                        .file(
                            FileObservation(
                                path: display, sha256: sha256, items: items, errors: errors,
                                unparsedSnippets: snippets.isEmpty ? nil : snippets)))
                case .parsed(.notCrypto, _, _):
                    break
                }
                results.store(index, (FileCounts(result), transformed))
            }
        }
    }

    /// Reads and parses one file; `display` is its escaped path (computed once by the caller).
    static func readOne(_ file: QueuedFile, display: String? = nil, options: ScanOptions) -> FileResult {
        let bytes: [UInt8]
        do {
            bytes = try readFile(file, limit: options.maxFileSize, followSymlinks: options.followSymlinks)
        } catch {
            return .unreadable("\(error)")
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
