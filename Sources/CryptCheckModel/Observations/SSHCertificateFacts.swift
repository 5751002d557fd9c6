import Foundation

/// Facts about one OpenSSH certificate (`*-cert-v01@openssh.com`, PROTOCOL.certkeys): the key
/// it certifies, the CA key that signed it, how, for whom and for how long. Never key material.
package struct SSHCertificateFacts: Sendable, Hashable, Codable {
    /// The certificate type as found, such as `ssh-ed25519-cert-v01@openssh.com`.
    package var certificateType: String
    /// `user`, `host`, or `unknown (N)` for a type code OpenSSH does not define.
    package var role: String
    package var serial: UInt64
    /// The key id, escaped with `EscapedText` (it is free text chosen by whoever signed).
    package var keyID: String
    /// The principals (user or host names), each escaped with `EscapedText`; empty means the
    /// certificate is valid for any principal. At most `SSHCertificateFacts.principalLimit`
    /// are kept; `principalCount` is the number in the certificate.
    package var principals: [String]
    package var principalCount: Int
    /// Valid from this instant; `nil` when the certificate sets no lower bound (0).
    package var validAfter: Date?
    /// Valid until this instant; `nil` for "forever" (0xFFFFFFFFFFFFFFFF, or anything past
    /// 9999-12-31, which no clock reaches).
    package var validBefore: Date?
    /// Names of the critical options and extensions (escaped), values left out.
    package var criticalOptions: [String]
    package var extensions: [String]
    /// The signing CA's key.
    package var caKey: KeyFacts
    /// The CA key's fingerprint as `ssh-keygen -l` prints it: `SHA256:` and unpadded base64.
    package var caFingerprint: String
    /// The CA's signature: `oid` and `name` hold the SSH signature type name (`ssh-rsa`,
    /// `rsa-sha2-512`, `ecdsa-sha2-nistp256`, `ssh-ed25519`).
    package var signature: SignatureAlgorithmFacts

    /// How many principals are kept, so a hostile certificate cannot fill the output.
    package static let principalLimit = 64

    package init(
        certificateType: String, role: String, serial: UInt64, keyID: String, principals: [String],
        principalCount: Int, validAfter: Date?, validBefore: Date?, criticalOptions: [String],
        extensions: [String], caKey: KeyFacts, caFingerprint: String, signature: SignatureAlgorithmFacts
    ) {
        self.certificateType = certificateType
        self.role = role
        self.serial = serial
        self.keyID = keyID
        self.principals = principals
        self.principalCount = principalCount
        self.validAfter = validAfter
        self.validBefore = validBefore
        self.criticalOptions = criticalOptions
        self.extensions = extensions
        self.caKey = caKey
        self.caFingerprint = caFingerprint
        self.signature = signature
    }
}
