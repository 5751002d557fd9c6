/// What part of a subject a finding judges (`cipher-suite`, `certificate-key`, ...).
public struct FindingComponent: Vocabulary {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    // An endpoint's protocol.
    public static let endpoint = Self(rawValue: "endpoint")
    public static let probe = Self(rawValue: "probe")
    public static let protocolVersion = Self(rawValue: "protocol-version")
    public static let cipherSuite = Self(rawValue: "cipher-suite")
    public static let cipherSuiteOrder = Self(rawValue: "cipher-suite-order")
    public static let group = Self(rawValue: "group")
    public static let dhParameters = Self(rawValue: "dh-parameters")
    public static let signatureScheme = Self(rawValue: "signature-scheme")
    public static let feature = Self(rawValue: "feature")
    // Certificates, served or in files.
    public static let certificate = Self(rawValue: "certificate")
    public static let certificateTrust = Self(rawValue: "certificate-trust")
    public static let certificateHostname = Self(rawValue: "certificate-hostname")
    public static let certificateChain = Self(rawValue: "certificate-chain")
    public static let certificateKey = Self(rawValue: "certificate-key")
    public static let certificateKeyParameters = Self(rawValue: "certificate-key-parameters")
    public static let certificateSignature = Self(rawValue: "certificate-signature")
    public static let certificateValidity = Self(rawValue: "certificate-validity")
    // Files and their items.
    public static let target = Self(rawValue: "target")
    public static let file = Self(rawValue: "file")
    public static let unparsedSnippet = Self(rawValue: "unparsed-snippet")
    public static let privateKey = Self(rawValue: "private-key")
    public static let publicKey = Self(rawValue: "public-key")
    public static let keyParameters = Self(rawValue: "key-parameters")
    public static let keyProtection = Self(rawValue: "key-protection")
    public static let certificateRequest = Self(rawValue: "certificate-request")
    public static let certificateRequestSignature = Self(rawValue: "certificate-request-signature")
    public static let crl = Self(rawValue: "crl")
    public static let crlSignature = Self(rawValue: "crl-signature")
    public static let pkcs12 = Self(rawValue: "pkcs12")
    public static let keystore = Self(rawValue: "keystore")
    public static let sshPrivateKey = Self(rawValue: "ssh-private-key")
    public static let sshPublicKey = Self(rawValue: "ssh-public-key")
    public static let sshCertificate = Self(rawValue: "ssh-certificate")
    public static let sshCertificateKey = Self(rawValue: "ssh-certificate-key")
    public static let sshCertificateCAKey = Self(rawValue: "ssh-certificate-ca-key")
    public static let sshCertificateSignature = Self(rawValue: "ssh-certificate-signature")
    public static let sshCertificateValidity = Self(rawValue: "ssh-certificate-validity")

    public static let known: [Self] = [
        .endpoint, .probe, .protocolVersion, .cipherSuite, .cipherSuiteOrder, .group, .dhParameters, .signatureScheme,
        .feature, .certificate, .certificateTrust, .certificateHostname, .certificateChain, .certificateKey,
        .certificateKeyParameters, .certificateSignature, .certificateValidity, .target, .file, .unparsedSnippet,
        .privateKey, .publicKey, .keyParameters, .keyProtection, .certificateRequest, .certificateRequestSignature, .crl,
        .crlSignature, .pkcs12, .keystore, .sshPrivateKey, .sshPublicKey, .sshCertificate, .sshCertificateKey,
        .sshCertificateCAKey, .sshCertificateSignature, .sshCertificateValidity,
    ]

    /// The component of a file item of `kind` (its key, or the item itself when no key was read).
    public init(_ kind: FileItemKind) {
        self =
            switch kind {
            case .certificate: .certificate
            case .privateKey: .privateKey
            case .publicKey: .publicKey
            case .certificateRequest: .certificateRequest
            case .crl: .crl
            case .pkcs12: .pkcs12
            case .keystore: .keystore
            case .sshPrivateKey: .sshPrivateKey
            case .sshPublicKey: .sshPublicKey
            case .sshCertificate: .sshCertificate
            }
    }

    /// The component of the signature on a file item of `kind`. Only certificates, requests,
    /// CRLs and SSH certificates carry one; another kind gets `<kind>-signature`.
    public static func signature(of kind: FileItemKind) -> Self {
        switch kind {
        case .certificate: .certificateSignature
        case .certificateRequest: .certificateRequestSignature
        case .crl: .crlSignature
        case .sshCertificate: .sshCertificateSignature
        case .privateKey, .publicKey, .pkcs12, .keystore, .sshPrivateKey, .sshPublicKey:
            Self(rawValue: kind.rawValue + "-signature")
        }
    }

    /// A signature on something (certificate, request, CRL, SSH certificate).
    public var isSignature: Bool { rawValue.hasSuffix("-signature") }
}
