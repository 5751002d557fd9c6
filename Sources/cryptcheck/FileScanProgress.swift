import Foundation

/// The progress of `cryptcheck scan`: files written so far and the last path. Recorded on the
/// writing thread for every file (a counter and, every 64 files, the path under a lock), read by
/// the progress display at most ten times a second, so a scan of 50k files a second pays
/// nothing it could measure.
final class FileScanProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var shared: (count: Int, path: String) = (0, "")
    private var count = 0

    /// A file or target was written (called on the writing thread only).
    func record(_ path: String) {
        count += 1
        guard count & 63 == 1 else { return }
        let count = count
        lock.withLock { shared = (count, path) }
    }

    /// The progress line: files done, the current path (made terminal-safe by the display), elapsed.
    func status(elapsed: String) -> String {
        let (count, path) = lock.withLock { shared }
        return "\(count) files done" + (path.isEmpty ? "" : " · \(path)") + " · \(elapsed)"
    }
}
