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
    /// SSH endpoints (`ssh://host:port`). Written only when there are some, so a set without
    /// them has the bytes it had before SSH endpoints existed; absent reads as none.
    package var sshEndpoints: [SSHEndpointObservation]

    package init(
        tool: String, observedAt: Date, endpoints: [TLSEndpointObservation] = [],
        files: [FileObservation] = [], unscanned: [UnscannedTarget] = [], sshEndpoints: [SSHEndpointObservation] = []
    ) {
        self.schema = Self.currentSchema
        self.tool = tool
        self.observedAt = observedAt
        self.endpoints = endpoints
        self.files = files
        self.unscanned = unscanned
        self.sshEndpoints = sshEndpoints
    }

    private enum CodingKeys: String, CodingKey {
        case schema, tool, observedAt, endpoints, files, unscanned, sshEndpoints
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schema = try container.decode(String.self, forKey: .schema)
        tool = try container.decode(String.self, forKey: .tool)
        observedAt = try container.decode(Date.self, forKey: .observedAt)
        endpoints = try container.decode([TLSEndpointObservation].self, forKey: .endpoints)
        files = try container.decode([FileObservation].self, forKey: .files)
        unscanned = try container.decode([UnscannedTarget].self, forKey: .unscanned)
        sshEndpoints = try container.decodeIfPresent([SSHEndpointObservation].self, forKey: .sshEndpoints) ?? []
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(endpoints, forKey: .endpoints)
        try container.encode(files, forKey: .files)
        try container.encode(observedAt, forKey: .observedAt)
        try container.encode(schema, forKey: .schema)
        if !sshEndpoints.isEmpty { try container.encode(sshEndpoints, forKey: .sshEndpoints) }
        try container.encode(tool, forKey: .tool)
        try container.encode(unscanned, forKey: .unscanned)
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
