/// Which SSH negotiation list an algorithm name belongs to.
package enum SSHAlgorithmCategory: String, Sendable, Codable, CaseIterable {
    case keyExchange = "kex"
    case hostKey = "host-key"
    case cipher
    case mac
    case compression
}

/// The decomposition of one SSH algorithm name.
package struct SSHAlgorithmInfo: Sendable, Hashable {
    package let name: String
    package let category: SSHAlgorithmCategory
    /// The primitives the algorithm is built from (e.g. `ecdh`, `ml-kem-768`, `sha-256`).
    package let components: [Primitive]
    /// Key size: cipher key bits, or the key-exchange public value size from the data set.
    package let keyBits: Int?
    package let hash: Primitive?
}

/// The compiled-in SSH algorithm-name registry.
package enum SSHAlgorithmRegistry {
    /// Entries by (category, name); the same name may occur in several categories.
    package static let byCategoryAndName: [SSHAlgorithmCategory: [String: SSHAlgorithmInfo]] = {
        var result: [SSHAlgorithmCategory: [String: SSHAlgorithmInfo]] = [:]
        for info in table { result[info.category, default: [:]][info.name] = info }
        return result
    }()

    package static func lookup(_ name: String, in category: SSHAlgorithmCategory) -> SSHAlgorithmInfo? {
        byCategoryAndName[category]?[name]
    }

    package static var all: [SSHAlgorithmInfo] { table }
}
