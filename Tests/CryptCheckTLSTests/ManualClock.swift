import Synchronization

@testable import CryptCheckTLS

/// A clock for tests that moves only when told to or slept on: a sleep returns at once and
/// records how long it was.
final class ManualClock: ScanClock {
    private let origin = ContinuousClock.now
    private let state = Mutex<(elapsed: Duration, sleeps: [Duration])>((.zero, []))

    var now: ContinuousClock.Instant { origin + state.withLock { $0.elapsed } }

    /// Every sleep asked for so far, in order.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func sleep(for duration: Duration) {
        state.withLock {
            $0.elapsed += duration
            $0.sleeps.append(duration)
        }
    }

    /// Moves the clock on by `duration`.
    func advance(by duration: Duration) {
        state.withLock { $0.elapsed += duration }
    }
}
