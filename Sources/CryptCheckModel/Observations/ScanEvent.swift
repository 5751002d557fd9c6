/// One thing a file scan reports, in path order.
public enum ScanEvent: Sendable {
    /// A file with cryptographic material (and any problems reading parts of it).
    case file(FileObservation)
    /// A path that could not be scanned, and why.
    case unscanned(UnscannedTarget)
}
