import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// An open directory of the walk, kept open while any file listed in it waits to be read: the
/// reader opens the file relative to it (`openat`), so a directory replaced by a symlink after
/// the walk listed it cannot redirect the read outside the tree. Closed when the last file
/// that needs it is read.
final class DirectoryHandle: Sendable {
    let descriptor: Int32

    /// Handles open now, across the process.
    static let open = Atomic<Int>(0)

    /// How many handles the walk may keep open before it waits for the readers to catch up:
    /// well under the process's descriptor limit (raised to its hard limit once).
    static let budget: Int = {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 256 }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        let available = Int(min(limit.rlim_cur, 1 << 20))  // RLIM_INFINITY is the largest value
        return max(32, min(8_192, available / 2 - 64))
    }()

    /// Takes ownership of `descriptor`.
    init(_ descriptor: Int32) {
        self.descriptor = descriptor
        Self.open.add(1, ordering: .relaxed)
    }

    deinit {
        close(descriptor)
        Self.open.subtract(1, ordering: .relaxed)
    }
}

/// A regular file the walk found: its path (for display and for files named on the command
/// line) and, when it was listed in a directory, that directory and its name there.
struct QueuedFile: Sendable {
    let path: ScanPath
    let directory: DirectoryHandle?
    /// The name's length: the name is the end of `path` (one array per file, not two).
    private let nameLength: Int

    /// A file named on the command line (or reached through a followed symlink): opened by path.
    init(path: ScanPath) {
        self.path = path
        directory = nil
        nameLength = 0
    }

    /// A file listed in `directory` as `name`, where `path` ends with `name`: opened relative to it.
    init(path: ScanPath, directory: DirectoryHandle, name: [UInt8]) {
        precondition(path.bytes.count >= name.count)
        self.path = path
        self.directory = directory
        nameLength = name.count
    }

    /// Opens the file read-only: relative to its directory without following a final symlink,
    /// or by path (following a symlink only when `followSymlinks`).
    func open(followSymlinks: Bool) -> Int32 {
        // O_NONBLOCK: a path that turned into a FIFO since the walk must not hang the scan.
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK
        guard let directory else { return path.withCString { Glibc.open($0, flags | (followSymlinks ? 0 : O_NOFOLLOW)) } }
        var name = [CChar](repeating: 0, count: nameLength + 1)
        for (index, byte) in path.bytes.suffix(nameLength).enumerated() { name[index] = CChar(bitPattern: byte) }
        return openat(directory.descriptor, name, flags | O_NOFOLLOW)
    }
}
