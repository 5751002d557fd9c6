import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// SIGINT (Ctrl-C) for a scan: the first stops new work and lets the command write what
/// finished (exit 2); the second ends the process at once with status 130, removing the
/// temporary files of outputs not yet committed, so no partial output remains. The signal is
/// taken by a dispatch source (SIGINT itself ignored), so nothing runs in a signal handler.
enum Interrupt {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var count = 0
    nonisolated(unsafe) private static var source: (any DispatchSourceSignal)?
    nonisolated(unsafe) private static var first: (@Sendable () -> Void)?

    /// Whether SIGINT came.
    static var requested: Bool { lock.withLock { count > 0 } }

    /// Takes SIGINT from now on; `onFirst` runs (on a dispatch thread) at the first one.
    static func install(onFirst: @escaping @Sendable () -> Void) {
        lock.withLock {
            first = onFirst
            guard source == nil else { return }
            signal(SIGINT, SIG_IGN)
            let made = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "cryptcheck.sigint"))
            source = made
            made.setEventHandler { received(Int(Interrupt.source?.data ?? 1)) }
            made.resume()
        }
    }

    private static func received(_ signals: Int) {
        let (total, action) = lock.withLock { () -> (Int, (@Sendable () -> Void)?) in
            count += max(1, signals)
            return (count, count == max(1, signals) ? first : nil)
        }
        if total >= 2 {
            OutputFile.abandonAll()
            let message = "cryptcheck: interrupted again: stopped at once; nothing written\n"
            ProgressDisplay.writeError(ProgressDisplay.erase + Array(message.utf8))
            _exit(130)
        }
        ProgressDisplay.shared.pausing {
            ProgressDisplay.writeError(
                Array("cryptcheck: interrupted: writing what finished, the rest marked not scanned (Ctrl-C again to quit at once)\n".utf8))
        }
        action?()
    }
}
