/// Whether a protocol feature was seen. Unlike a version or a suite, a feature may have nothing
/// to show on a given server (encrypt-then-MAC on a server that accepts no CBC suite, fallback
/// protection on a server with one version): that is `notApplicable`, neither "no" nor a
/// failure. A failed probe is never read as "no".
package enum FeatureStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    case yes
    case no
    /// The server accepts nothing the feature could apply to; the reason says why.
    case notApplicable(reason: String)
    /// The probe failed: why, for a person, and as a stable code (`nil` in observations saved
    /// before codes were recorded).
    case failed(reason: String, code: ErrorCode? = nil)

    /// Whether the probe itself failed, so the feature is unknown.
    package var isFailure: Bool {
        if case .failed = self { return true }
        return false
    }

    /// `yes`, `no`, `not applicable (reason)` or `failed (reason)`.
    package var description: String {
        switch self {
        case .yes: "yes"
        case .no: "no"
        case .notApplicable(let reason): "not applicable (\(reason))"
        case .failed(let reason, _): "failed (\(reason))"
        }
    }

    private enum CodingKeys: String, CodingKey { case notApplicable, failed, code }

    /// Reads `"yes"`, `"no"`, `{"notApplicable": reason}` or `{"failed": reason, "code": code}`
    /// (`code` absent in observations saved before codes were recorded; the first,
    /// second and last as `ProbeStatus` wrote them before this type existed).
    package init(from decoder: any Decoder) throws {
        if let container = try? decoder.singleValueContainer(), let text = try? container.decode(String.self) {
            switch text {
            case "yes": self = .yes
            case "no": self = .no
            default:
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected \"yes\", \"no\", {\"notApplicable\": reason} or {\"failed\": reason}")
            }
            return
        }
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        if let reason = try keyed.decodeIfPresent(String.self, forKey: .notApplicable) {
            self = .notApplicable(reason: reason)
        } else {
            self = .failed(
                reason: try keyed.decode(String.self, forKey: .failed), code: try keyed.decodeIfPresent(ErrorCode.self, forKey: .code))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        switch self {
        case .yes, .no:
            var container = encoder.singleValueContainer()
            try container.encode(self == .yes ? "yes" : "no")
        case .notApplicable(let reason):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(reason, forKey: .notApplicable)
        case .failed(let reason, let code):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(reason, forKey: .failed)
            try container.encodeIfPresent(code, forKey: .code)
        }
    }
}
