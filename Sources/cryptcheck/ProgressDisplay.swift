import CryptCheckModel
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The progress of a run on standard error. On a terminal, one line redrawn in place (carriage
/// return, erase line) at most ten times a second and erased before anything else is written
/// (`pausing`) and at the end; elsewhere, with `--verbose`, plain lines now and then. The text
/// comes from a status closure the ticker thread calls, so the work being watched only updates
/// its counters. Names in the line are made terminal-safe here.
final class ProgressDisplay: @unchecked Sendable {
    enum Style: Equatable { case off, terminal, lines }

    /// The one display of the process: `printError` erases it before writing.
    static let shared = ProgressDisplay()

    private let lock = NSLock()
    private var style = Style.off
    private var detail = false
    private var status: (@Sendable () -> String)?
    /// What the terminal shows now (`nil`: nothing).
    private var shown: String?
    private var running = false
    private let stopped = DispatchSemaphore(value: 0)
    private var ticker: Thread?
    private(set) var start = DispatchTime.now()

    /// The terminal sequence that erases the line the cursor is on and returns to its start.
    static let erase = Array("\r\u{1B}[K".utf8)

    /// Starts showing `status`: on a terminal every 100 ms (redrawn only when it changed), as a
    /// plain line every `lineInterval` seconds otherwise. `detail`: `note` lines are written.
    func begin(style: Style, detail: Bool, lineInterval: Double = 5, status: @escaping @Sendable () -> String) {
        lock.withLock {
            self.style = style
            self.detail = detail && style != .off
            self.status = status
            start = DispatchTime.now()
            guard style != .off else { return }
            running = true
        }
        guard style != .off else { return }
        let interval = style == .terminal ? 0.1 : lineInterval
        let thread = Thread { [self] in
            while stopped.wait(timeout: .now() + interval) == .timedOut {
                tick()
            }
        }
        ticker = thread
        thread.start()
    }

    /// Stops the ticker and erases the line.
    func end() {
        let wasRunning = lock.withLock {
            defer { running = false }
            eraseLocked()
            return running
        }
        if wasRunning { stopped.signal() }
    }

    /// Runs `body` (which writes to the terminal) with the progress line erased; the next tick
    /// draws it again below what was written.
    func pausing<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        eraseLocked()
        return try body()
    }

    /// A detail line (`--verbose`): written above the progress line, or as a plain line.
    func note(_ text: @autoclosure () -> String) {
        guard lock.withLock({ detail }) else { return }
        let line = "cryptcheck: " + EscapedText.terminalSafe(text()) + "\n"
        pausing { Self.writeError(Array(line.utf8)) }
    }

    /// Seconds since `begin`, as `12s` or `3m05s`.
    var elapsed: String {
        let seconds = Int((DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000_000)
        return Self.duration(seconds)
    }

    static func duration(_ seconds: Int) -> String {
        seconds < 60 ? "\(seconds)s" : "\(seconds / 60)m" + (seconds % 60 < 10 ? "0" : "") + "\(seconds % 60)s"
    }

    private func tick() {
        lock.lock()
        defer { lock.unlock() }
        guard running, let status else { return }
        let text = EscapedText.terminalSafe(status())
        switch style {
        case .terminal:
            let line = Self.fitted(text, columns: Self.columns())
            guard line != shown else { return }
            Self.writeError(Self.erase + Array(line.utf8))
            shown = line
        case .lines:
            Self.writeError(Array(("cryptcheck: " + text + "\n").utf8))
        case .off:
            break
        }
    }

    private func eraseLocked() {
        guard shown != nil else { return }
        Self.writeError(Self.erase)
        shown = nil
    }

    /// `text` cut to fit in `columns - 1` cells (wide characters count two), so the line never
    /// wraps and the erase sequence always removes all of it.
    static func fitted(_ text: String, columns: Int) -> String {
        let room = max(10, columns - 1)
        var cells = 0
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let width = scalar.value >= 0x1100 ? 2 : 1
            if cells + width > room - 1 {
                out.append("…")
                break
            }
            cells += width
            out.append(scalar)
        }
        return String(out)
    }

    /// The terminal's width on standard error (80 when it does not say).
    static func columns() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// Writes all of `bytes` to standard error, retrying short writes.
    static func writeError(_ bytes: [UInt8]) {
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            written += count
        }
    }
}
