import Foundation

/// A saved scan: what was observed, when and by what. Re-judged by `cryptcheck evaluate`.
public struct ObservationSet: Sendable, Hashable, Codable {
    /// The format identifier this version of the tool writes and reads.
    public static let currentSchema = "cryptcheck-observations/1"

    public var schema: String
    public var tool: String
    public var observedAt: Date
    public var endpoints: [TLSEndpointObservation]
    public var files: [FileObservation]
    /// Targets that could not be scanned at all (host unreachable, path missing).
    public var unscanned: [UnscannedTarget]

    public init(
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
public struct UnscannedTarget: Sendable, Hashable, Codable {
    public var target: String
    /// Why, for a person.
    public var reason: String
    /// Why, as a stable code (`file.cannot-open`); `nil` in observations saved before codes
    /// were recorded.
    public var code: ErrorCode?
    public init(target: String, reason: String, code: ErrorCode? = nil) {
        self.target = target
        self.reason = reason
        self.code = code
    }
}
