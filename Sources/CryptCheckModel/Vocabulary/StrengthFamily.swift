/// A family of algorithms in LS-0003's key-size-to-strength tables.
package struct StrengthFamily: Vocabulary {
    package let rawValue: String
    package init(rawValue: String) { self.rawValue = rawValue }

    package static let rsa = Self(rawValue: "rsa")
    /// Finite-field cryptography: DH and DSA moduli.
    package static let ffc = Self(rawValue: "ffc")
    package static let ecc = Self(rawValue: "ecc")
    package static let symmetric = Self(rawValue: "symmetric")
    package static let hash = Self(rawValue: "hash")

    package static let known: [Self] = [.rsa, .ffc, .ecc, .symmetric, .hash]
}
