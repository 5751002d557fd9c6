import Foundation

/// Facts about one X.509 certificate.
public struct CertificateFacts: Sendable, Hashable, Codable {
    public var subject: String
    public var issuer: String
    public var serialNumber: String?
    public var notBefore: Date
    public var notAfter: Date
    public var publicKey: KeyFacts
    public var signature: SignatureAlgorithmFacts
    /// SHA-256 over the DER encoding, lower-case hex.
    public var sha256Fingerprint: String
    public var isCA: Bool
    public var isSelfSigned: Bool
    public var subjectAlternativeNames: [String]

    public init(
        subject: String, issuer: String, serialNumber: String? = nil, notBefore: Date, notAfter: Date,
        publicKey: KeyFacts, signature: SignatureAlgorithmFacts, sha256Fingerprint: String,
        isCA: Bool = false, isSelfSigned: Bool = false, subjectAlternativeNames: [String] = []
    ) {
        self.subject = subject
        self.issuer = issuer
        self.serialNumber = serialNumber
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.publicKey = publicKey
        self.signature = signature
        self.sha256Fingerprint = sha256Fingerprint
        self.isCA = isCA
        self.isSelfSigned = isSelfSigned
        self.subjectAlternativeNames = subjectAlternativeNames
    }

    /// Whether this certificate's own signature carries no security meaning at `position` in a
    /// chain (0 = leaf): a self-signed CA above the leaf is trusted for its key, not its signature.
    public func signatureIsIrrelevant(atChainPosition position: Int) -> Bool {
        position > 0 && isSelfSigned && isCA
    }
}
