/// Which SSH negotiation list an algorithm name belongs to.
public enum SSHAlgorithmCategory: String, Sendable, Codable, CaseIterable {
    case keyExchange = "kex"
    case hostKey = "host-key"
    case cipher
    case mac
    case compression
}

/// The decomposition of one SSH algorithm name.
public struct SSHAlgorithmInfo: Sendable, Hashable {
    public let name: String
    public let category: SSHAlgorithmCategory
    /// The primitives the algorithm is built from (e.g. `ecdh`, `ml-kem-768`, `sha-256`).
    public let components: [Primitive]
    /// Key size: cipher key bits, or the key-exchange public value size from the data set.
    public let keyBits: Int?
    public let hash: Primitive?
}

/// The compiled-in SSH algorithm-name registry.
public enum SSHAlgorithmRegistry {
    /// Entries by (category, name); the same name may occur in several categories.
    public static let byCategoryAndName: [SSHAlgorithmCategory: [String: SSHAlgorithmInfo]] = {
        var result: [SSHAlgorithmCategory: [String: SSHAlgorithmInfo]] = [:]
        for info in table { result[info.category, default: [:]][info.name] = info }
        return result
    }()

    public static func lookup(_ name: String, in category: SSHAlgorithmCategory) -> SSHAlgorithmInfo? {
        byCategoryAndName[category]?[name]
    }

    public static var all: [SSHAlgorithmInfo] { table }
}
