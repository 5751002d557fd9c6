import Foundation

/// A saved scan: what was observed, when and by what. Re-judged by `cryptcheck evaluate`.
package struct ObservationSet: Sendable, Hashable, Codable {
    /// The format identifier this version of the tool writes and reads.
    package static let currentSchema = "cryptcheck-observations/1"

    package var schema: String
    package var tool: String
    package var observedAt: Date
    package var endpoints: [TLSEndpointObservation]
    package var files: [FileObservation]
    /// Targets that could not be scanned at all (host unreachable, path missing).
    package var unscanned: [UnscannedTarget]

    package init(
        tool: String, observedAt: Date, endpoints: [TLSEndpointObservation] = [],
        files: [FileObservation] = [], unscanned: [UnscannedTarget] = []
    ) {
        self.schema = Self.currentSchema
        self.tool = tool
        self.observedAt = observedAt
        self.endpoints = endpoints
        self.files = files
        self.unscanned = unscanned
    }
}

/// A target that could not be scanned, and why.
package struct UnscannedTarget: Sendable, Hashable, Codable {
    package var target: String
    /// Why, for a person.
    package var reason: String
    /// Why, as a stable code (`file.cannot-open`); `nil` in observations saved before codes
    /// were recorded.
    package var code: ErrorCode?
    package init(target: String, reason: String, code: ErrorCode? = nil) {
        self.target = target
        self.reason = reason
        self.code = code
    }
}
