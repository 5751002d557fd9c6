import CryptCheckModel
import CryptCheckOpenSSL

/// The key exchanges the scanner can start, by name: the ones it completes far enough to
/// check the server's signature (ECDH, X25519/X448, fixed and exchanged DH groups), and the
/// post-quantum hybrids, whose reply it can only see arrive (neither sntrup761 nor ML-KEM is
/// in the linked OpenSSL: the KEM half of the scanner's share is a well-formed dummy).
package enum SSHKeyExchange: Sendable, Hashable {
    case ecdh(KeyAgreementKey.Curve, SignatureCheck.Hash)
    case fixedGroup(MODPGroup, SignatureCheck.Hash)
    case groupExchange(SignatureCheck.Hash)
    /// A hybrid: the KEM public key's length, whether an all-zero key is valid for it
    /// (ML-KEM checks its coefficients; sntrup761 does not check), and the hash.
    case hybrid(kemPublicKeyBytes: Int, SignatureCheck.Hash)

    /// The method of a key-exchange name, `nil` for one the scanner cannot start.
    package static func named(_ name: String) -> SSHKeyExchange? {
        switch name {
        case "curve25519-sha256", "curve25519-sha256@libssh.org": .ecdh(.x25519, .sha256)
        case "curve448-sha512", "curve448-sha512@libssh.org": .ecdh(.x448, .sha512)
        case "ecdh-sha2-nistp256": .ecdh(.p256, .sha256)
        case "ecdh-sha2-nistp384": .ecdh(.p384, .sha384)
        case "ecdh-sha2-nistp521": .ecdh(.p521, .sha512)
        case "diffie-hellman-group1-sha1": .fixedGroup(.rfc2409Bits1024, .sha1)
        case "diffie-hellman-group14-sha1": .fixedGroup(.rfc3526Bits2048, .sha1)
        case "diffie-hellman-group14-sha256": .fixedGroup(.rfc3526Bits2048, .sha256)
        case "diffie-hellman-group15-sha512": .fixedGroup(.rfc3526Bits3072, .sha512)
        case "diffie-hellman-group16-sha512": .fixedGroup(.rfc3526Bits4096, .sha512)
        case "diffie-hellman-group17-sha512": .fixedGroup(.rfc3526Bits6144, .sha512)
        case "diffie-hellman-group18-sha512": .fixedGroup(.rfc3526Bits8192, .sha512)
        case "diffie-hellman-group-exchange-sha1": .groupExchange(.sha1)
        case "diffie-hellman-group-exchange-sha256": .groupExchange(.sha256)
        case "sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com": .hybrid(kemPublicKeyBytes: 1158, .sha512)
        case "mlkem768x25519-sha256": .hybrid(kemPublicKeyBytes: 1184, .sha256)
        default: nil
        }
    }

    /// Whether the scanner can check the server's signature after this exchange.
    package var verifiesSignature: Bool {
        if case .hybrid = self { return false }
        return true
    }

    /// The order in which the scanner picks the exchange for host-key probes among those the
    /// server offers: fast ones first.
    package static let preference = [
        "curve25519-sha256", "curve25519-sha256@libssh.org", "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521",
        "curve448-sha512", "curve448-sha512@libssh.org", "diffie-hellman-group14-sha256", "diffie-hellman-group16-sha512",
        "diffie-hellman-group14-sha1", "diffie-hellman-group15-sha512", "diffie-hellman-group17-sha512",
        "diffie-hellman-group18-sha512", "diffie-hellman-group-exchange-sha256", "diffie-hellman-group-exchange-sha1",
        "diffie-hellman-group1-sha1",
    ]

    /// The group-exchange request the exchange itself sends (RFC 4419 3 recommends 1024 as the
    /// least; 2048 is what servers now take as their floor).
    package static let groupRequest = (minimum: 2048, preferred: 3072, maximum: 8192)
}

/// What a server's reply to the scanner's key-exchange message showed.
package struct SSHKeyExchangeReply: Sendable {
    /// K_S: the host key or certificate blob.
    package var hostKeyBlob: [UInt8]
    /// The signature type and blob; `nil` for a hybrid, whose signature is not checked.
    package var signatureType: String?
    /// Whether the signature over the exchange hash verified; `nil` when it was not checked.
    package var verified: Bool?
    /// Why the signature could not be checked, when it could not.
    package var problem: SSHWireError?
    /// For a group exchange: the group the server chose.
    package var group: (prime: [UInt8], generator: [UInt8])?
}
