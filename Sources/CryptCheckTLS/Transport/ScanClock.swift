import Foundation

/// The time a scan reads its deadlines, its budget and its retry pauses from. Probes block on
/// sockets, so the pause blocks its thread too. Injectable so that tests can run out a budget
/// or take a backoff without waiting for it.
public protocol ScanClock: Sendable {
    /// The current instant; deadlines are instants of this clock.
    var now: ContinuousClock.Instant { get }
    /// Blocks the calling thread for `duration` of this clock's time.
    func sleep(for duration: Duration)
}

/// The system's monotonic clock: the scan's clock unless a test injects another.
public struct SystemScanClock: ScanClock {
    public init() {}

    public var now: ContinuousClock.Instant { ContinuousClock.now }

    public func sleep(for duration: Duration) {
        let (seconds, attoseconds) = duration.components
        Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
    }
}
