import Foundation

/// Facts about one X.509 certificate.
package struct CertificateFacts: Sendable, Hashable, Codable {
    package var subject: String
    package var issuer: String
    package var serialNumber: String?
    package var notBefore: Date
    package var notAfter: Date
    package var publicKey: KeyFacts
    package var signature: SignatureAlgorithmFacts
    /// SHA-256 over the DER encoding, lower-case hex.
    package var sha256Fingerprint: String
    package var isCA: Bool
    package var isSelfSigned: Bool
    package var subjectAlternativeNames: [String]

    package init(
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
    package func signatureIsIrrelevant(atChainPosition position: Int) -> Bool {
        position > 0 && isSelfSigned && isCA
    }
}
