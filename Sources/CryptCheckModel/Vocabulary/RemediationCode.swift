/// What a finding's remediation asks for, one code per kind of fix: the policy attaches it with
/// the English text, and a report in another language words the fix from the code.
package struct RemediationCode: Vocabulary {
    package let rawValue: String
    package init(rawValue: String) { self.rawValue = rawValue }

    // TLS endpoints.
    /// Disable a protocol version; enable TLS 1.3 and TLS 1.2 only.
    package static let disableProtocolVersion = Self(rawValue: "disable-protocol-version")
    /// Disable SSLv2 entirely.
    package static let disableSSLv2 = Self(rawValue: "disable-sslv2")
    /// Disable a cipher suite; prefer TLS 1.3 AES-GCM, or TLS 1.2 ECDHE with AES-GCM.
    package static let disableCipherSuite = Self(rawValue: "disable-cipher-suite")
    /// Turn TLS compression off (CRIME).
    package static let disableCompression = Self(rawValue: "disable-compression")
    /// Let the server choose the suite, strongest first.
    package static let serverSuiteOrder = Self(rawValue: "server-suite-order")
    /// Offer only key-exchange groups on the list.
    package static let restrictGroups = Self(rawValue: "restrict-groups")
    /// Use a large enough DH group, or prefer ECDHE.
    package static let dhParametersSize = Self(rawValue: "dh-parameters-size")
    /// Disable signature schemes with SHA-1 or off-list algorithms.
    package static let disableSignatureScheme = Self(rawValue: "disable-signature-scheme")
    /// Serve a chain issued by a trusted CA.
    package static let fixTrust = Self(rawValue: "fix-trust")
    /// Send the chain in issuing order, without unrelated certificates.
    package static let fixChainOrder = Self(rawValue: "fix-chain-order")
    /// Send every intermediate certificate.
    package static let completeChain = Self(rawValue: "complete-chain")
    /// Issue the certificate for the name clients use (subjectAltName).
    package static let hostnameInSAN = Self(rawValue: "hostname-in-san")
    // An endpoint where no handshake completed.
    /// Check the host name (DNS).
    package static let checkHostName = Self(rawValue: "check-host-name")
    /// Check that the service listens and can be reached.
    package static let checkReachability = Self(rawValue: "check-reachability")
    /// Scan the service's TLS port (the port does not speak TLS from its first byte).
    package static let scanTLSPort = Self(rawValue: "scan-tls-port")
    /// Give the server name the server needs (--sni); check that TLS is enabled.
    package static let giveServerName = Self(rawValue: "give-server-name")
    /// Check the service on the port (it did not complete a handshake).
    package static let checkTLSService = Self(rawValue: "check-tls-service")
    // Keys, certificates and files.
    /// Use a key (modulus, curve, cipher key, hash) strong enough for the end of operation.
    package static let regenerateKey = Self(rawValue: "regenerate-key")
    /// Replace an off-list technique with one on the e-Government Recommended list.
    package static let replaceTechnique = Self(rawValue: "replace-technique")
    /// Re-issue a signature with SHA-256 or stronger and a recommended scheme.
    package static let resignWithSHA256 = Self(rawValue: "resign-with-sha256")
    /// Re-encrypt a key or keystore with PBES2 and AES.
    package static let reprotectKey = Self(rawValue: "reprotect-key")
    /// Renew an expired certificate.
    package static let renewCertificate = Self(rawValue: "renew-certificate")
    /// Check the issuing CA's clock and a not-yet-valid certificate's dates.
    package static let checkCertificateDates = Self(rawValue: "check-certificate-dates")
    /// Issue a new SSH certificate.
    package static let renewSSHCertificate = Self(rawValue: "renew-ssh-certificate")
    /// Check the signing CA's clock and a not-yet-valid SSH certificate's interval.
    package static let checkSSHCertificateDates = Self(rawValue: "check-ssh-certificate-dates")
    /// Re-issue a certificate whose key has explicit curve parameters with a named curve.
    package static let nameCurve = Self(rawValue: "name-curve")
    /// Close a hole an attack check found: update the TLS library to a fixed release, or turn
    /// off what the attack uses (heartbeat, client-initiated renegotiation).
    package static let fixAttack = Self(rawValue: "fix-attack")
    /// Re-issue a served leaf with what clients expect: subjectAltName, CRL or OCSP URIs, a
    /// keyUsage and extendedKeyUsage that allow the suites the server accepts.
    package static let reissueLeaf = Self(rawValue: "reissue-leaf")
    /// Staple a current OCSP response for the leaf (must-staple, expired or wrong staple).
    package static let fixOCSPStapling = Self(rawValue: "fix-ocsp-stapling")
    // Anything not observed.
    /// Re-run the scan so that the thing can be observed.
    package static let rerunScan = Self(rawValue: "rerun-scan")
    /// A BOM asset that could not be judged: ask for it to be declared fully, or scan it.
    package static let describeDeclaredAsset = Self(rawValue: "describe-declared-asset")

    package static let known: [Self] = [
        .disableProtocolVersion, .disableSSLv2, .disableCipherSuite, .disableCompression, .serverSuiteOrder, .restrictGroups,
        .dhParametersSize,
        .disableSignatureScheme, .fixTrust, .fixChainOrder, .completeChain, .hostnameInSAN, .checkHostName,
        .checkReachability, .scanTLSPort, .giveServerName, .checkTLSService, .regenerateKey, .replaceTechnique,
        .resignWithSHA256, .reprotectKey, .renewCertificate, .checkCertificateDates, .renewSSHCertificate,
        .checkSSHCertificateDates, .nameCurve, .rerunScan, .describeDeclaredAsset, .fixAttack, .reissueLeaf, .fixOCSPStapling,
    ]
}
