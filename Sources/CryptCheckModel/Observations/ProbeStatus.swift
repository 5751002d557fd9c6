/// The outcome of one probe: the server/file answered yes or no, or the probe itself failed.
/// A failed probe is never read as "not supported".
public enum ProbeStatus: Sendable, Hashable, Codable {
    case yes
    case no
    case failed(reason: String)

    public var isFailure: Bool {
        if case .failed = self { return true }
        return false
    }

    private enum CodingKeys: String, CodingKey { case failed }

    public init(from decoder: any Decoder) throws {
        if let container = try? decoder.singleValueContainer(), let text = try? container.decode(String.self) {
            switch text {
            case "yes": self = .yes
            case "no": self = .no
            default:
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected \"yes\", \"no\" or {\"failed\": reason}")
            }
            return
        }
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        self = .failed(reason: try keyed.decode(String.self, forKey: .failed))
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .yes:
            var container = encoder.singleValueContainer()
            try container.encode("yes")
        case .no:
            var container = encoder.singleValueContainer()
            try container.encode("no")
        case .failed(let reason):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(reason, forKey: .failed)
        }
    }
}
