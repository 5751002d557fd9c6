/// A family of algorithms in LS-0003's key-size-to-strength tables.
public struct StrengthFamily: Vocabulary {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let rsa = Self(rawValue: "rsa")
    /// Finite-field cryptography: DH and DSA moduli.
    public static let ffc = Self(rawValue: "ffc")
    public static let ecc = Self(rawValue: "ecc")
    public static let symmetric = Self(rawValue: "symmetric")
    public static let hash = Self(rawValue: "hash")

    public static let known: [Self] = [.rsa, .ffc, .ecc, .symmetric, .hash]
}
