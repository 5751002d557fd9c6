/// One thing a file scan reports, in path order.
package enum ScanEvent: Sendable {
    /// A file with cryptographic material (and any problems reading parts of it).
    case file(FileObservation)
    /// A path that could not be scanned, and why.
    case unscanned(UnscannedTarget)
}

extension ScanEvent {
    /// The file's path or the target's name (for a progress line).
    package var subject: String {
        switch self {
        case .file(let file): file.path
        case .unscanned(let target): target.target
        }
    }
}
