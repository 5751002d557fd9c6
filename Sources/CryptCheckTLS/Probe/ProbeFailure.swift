import CryptCheckModel

/// A probe step that failed: what happened, for a person (naming the probe and version), and
/// its stable code. Becomes one of an endpoint's `failures` with its `failureCodes`, or a
/// suite enumeration's `failure` with its `failureCode`.
struct ProbeFailure: Sendable, Hashable, CustomStringConvertible {
    let code: ErrorCode
    let message: String

    init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `message` after `prefix`, with the code of `error` (`unknown` when it has none).
    init(_ prefix: String, wrapping error: any Error) {
        self.init(ErrorCode.of(error), prefix + "\(error)")
    }

    var description: String { message }
}

extension TLSEndpointObservation {
    /// Adds `failures` to `failures` and their codes to `failureCodes`, keeping both in step.
    mutating func record(_ failures: [ProbeFailure]) {
        guard !failures.isEmpty else { return }
        // Codes of failures recorded without one (none today) read as `unknown`.
        let earlier = failureCodes ?? Array(repeating: .unknown, count: self.failures.count)
        self.failures += failures.map(\.message)
        failureCodes = earlier + failures.map(\.code)
    }
}
