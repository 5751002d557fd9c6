import Foundation

/// The time a scan reads its deadlines, its budget and its retry pauses from. Probes block on
/// sockets, so the pause blocks its thread too. Injectable so that tests can run out a budget
/// or take a backoff without waiting for it.
package protocol ScanClock: Sendable {
    /// The current instant; deadlines are instants of this clock.
    var now: ContinuousClock.Instant { get }
    /// Blocks the calling thread for `duration` of this clock's time.
    func sleep(for duration: Duration)
}

/// The system's monotonic clock: the scan's clock unless a test injects another.
package struct SystemScanClock: ScanClock {
    package init() {}

    package var now: ContinuousClock.Instant { ContinuousClock.now }

    package func sleep(for duration: Duration) {
        let (seconds, attoseconds) = duration.components
        Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
    }
}
