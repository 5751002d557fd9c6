/// The outcome of one probe: the server/file answered yes or no, or the probe itself failed.
/// A failed probe is never read as "not supported".
package enum ProbeStatus: Sendable, Hashable, Codable {
    case yes
    case no
    /// The probe failed: why, for a person, and as a stable code (`nil` in observations saved
    /// before codes were recorded).
    case failed(reason: String, code: ErrorCode? = nil)

    package var isFailure: Bool {
        if case .failed = self { return true }
        return false
    }

    private enum CodingKeys: String, CodingKey { case failed, code }

    package init(from decoder: any Decoder) throws {
        if let container = try? decoder.singleValueContainer(), let text = try? container.decode(String.self) {
            switch text {
            case "yes": self = .yes
            case "no": self = .no
            default:
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected \"yes\", \"no\" or {\"failed\": reason, \"code\": code}")
            }
            return
        }
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        self = .failed(
            reason: try keyed.decode(String.self, forKey: .failed), code: try keyed.decodeIfPresent(ErrorCode.self, forKey: .code))
    }

    package func encode(to encoder: any Encoder) throws {
        switch self {
        case .yes:
            var container = encoder.singleValueContainer()
            try container.encode("yes")
        case .no:
            var container = encoder.singleValueContainer()
            try container.encode("no")
        case .failed(let reason, let code):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(reason, forKey: .failed)
            try container.encodeIfPresent(code, forKey: .code)
        }
    }
}
