/// What part of a subject a finding judges (`cipher-suite`, `certificate-key`, ...).
package struct FindingComponent: Vocabulary {
    package let rawValue: String
    package init(rawValue: String) { self.rawValue = rawValue }

    // An endpoint's protocol.
    package static let endpoint = Self(rawValue: "endpoint")
    package static let probe = Self(rawValue: "probe")
    package static let protocolVersion = Self(rawValue: "protocol-version")
    package static let cipherSuite = Self(rawValue: "cipher-suite")
    package static let cipherSuiteOrder = Self(rawValue: "cipher-suite-order")
    package static let group = Self(rawValue: "group")
    package static let dhParameters = Self(rawValue: "dh-parameters")
    package static let signatureScheme = Self(rawValue: "signature-scheme")
    package static let feature = Self(rawValue: "feature")
    /// A named attack (SWEET32, Heartbleed, ROBOT, ...) checked against the endpoint: from what
    /// the scan saw, or by a probe that tries it. The item is the attack's name.
    package static let attack = Self(rawValue: "attack")
    /// Certificate hygiene auditors expect of a served leaf (OCSP stapling, must-staple, SCTs,
    /// subjectAltName, revocation URIs, key usage for the suites): the item names the check.
    package static let certificateHygiene = Self(rawValue: "certificate-hygiene")
    // Certificates, served or in files.
    package static let certificate = Self(rawValue: "certificate")
    package static let certificateTrust = Self(rawValue: "certificate-trust")
    package static let certificateHostname = Self(rawValue: "certificate-hostname")
    package static let certificateChain = Self(rawValue: "certificate-chain")
    package static let certificateKey = Self(rawValue: "certificate-key")
    package static let certificateKeyParameters = Self(rawValue: "certificate-key-parameters")
    package static let certificateSignature = Self(rawValue: "certificate-signature")
    package static let certificateValidity = Self(rawValue: "certificate-validity")
    // Files and their items.
    package static let target = Self(rawValue: "target")
    package static let file = Self(rawValue: "file")
    package static let unparsedSnippet = Self(rawValue: "unparsed-snippet")
    package static let privateKey = Self(rawValue: "private-key")
    package static let publicKey = Self(rawValue: "public-key")
    package static let keyParameters = Self(rawValue: "key-parameters")
    package static let keyProtection = Self(rawValue: "key-protection")
    package static let certificateRequest = Self(rawValue: "certificate-request")
    package static let certificateRequestSignature = Self(rawValue: "certificate-request-signature")
    package static let crl = Self(rawValue: "crl")
    package static let crlSignature = Self(rawValue: "crl-signature")
    package static let pkcs12 = Self(rawValue: "pkcs12")
    package static let keystore = Self(rawValue: "keystore")
    package static let sshPrivateKey = Self(rawValue: "ssh-private-key")
    package static let sshPublicKey = Self(rawValue: "ssh-public-key")
    package static let sshCertificate = Self(rawValue: "ssh-certificate")
    package static let sshCertificateKey = Self(rawValue: "ssh-certificate-key")
    package static let sshCertificateCAKey = Self(rawValue: "ssh-certificate-ca-key")
    package static let sshCertificateSignature = Self(rawValue: "ssh-certificate-signature")
    package static let sshCertificateValidity = Self(rawValue: "ssh-certificate-validity")
    // SSH endpoints.
    /// A key-exchange method the server accepts.
    package static let sshKeyExchange = Self(rawValue: "ssh-key-exchange")
    /// A prime the server chose in a group exchange.
    package static let sshGroupExchange = Self(rawValue: "ssh-group-exchange")
    /// A host-key (signature) algorithm the server accepts.
    package static let sshHostKeyAlgorithm = Self(rawValue: "ssh-host-key-algorithm")
    /// A host key the server proved with a signature.
    package static let sshHostKey = Self(rawValue: "ssh-host-key")
    /// A cipher the server accepts.
    package static let sshCipher = Self(rawValue: "ssh-cipher")
    /// A MAC the server accepts.
    package static let sshMAC = Self(rawValue: "ssh-mac")
    /// A compression method the server accepts.
    package static let sshCompression = Self(rawValue: "ssh-compression")
    // Declared in a CycloneDX BOM.
    /// An algorithm asset judged on its own.
    package static let algorithm = Self(rawValue: "algorithm")
    /// An asset that could not be mapped to the registry: listed, not judged.
    package static let declaredAsset = Self(rawValue: "declared-asset")

    package static let known: [Self] = [
        .endpoint, .probe, .protocolVersion, .cipherSuite, .cipherSuiteOrder, .group, .dhParameters, .signatureScheme,
        .feature, .attack, .certificate, .certificateTrust, .certificateHostname, .certificateChain, .certificateKey,
        .certificateKeyParameters, .certificateSignature, .certificateValidity, .target, .file, .unparsedSnippet,
        .privateKey, .publicKey, .keyParameters, .keyProtection, .certificateRequest, .certificateRequestSignature, .crl,
        .crlSignature, .pkcs12, .keystore, .sshPrivateKey, .sshPublicKey, .sshCertificate, .sshCertificateKey,
        .sshCertificateCAKey, .sshCertificateSignature, .sshCertificateValidity, .algorithm, .declaredAsset, .sshKeyExchange,
        .sshGroupExchange, .sshHostKeyAlgorithm, .sshHostKey, .sshCipher, .sshMAC, .sshCompression, .certificateHygiene,
    ]

    /// The component of a file item of `kind` (its key, or the item itself when no key was read).
    package init(_ kind: FileItemKind) {
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
    package static func signature(of kind: FileItemKind) -> Self {
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
    package var isSignature: Bool { rawValue.hasSuffix("-signature") }
}
