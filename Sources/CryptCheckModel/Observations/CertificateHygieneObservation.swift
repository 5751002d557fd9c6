import Foundation

/// What the certificate hygiene checks read at one endpoint (issue 17): the extensions of each
/// leaf the server sent, the suites it was sent with, and what a handshake that asked for OCSP
/// stapling and SCTs got back. Facts only; `nil` means "not observed".
package struct CertificateHygieneObservation: Sendable, Hashable, Codable {
    /// Each distinct leaf certificate the server sent, in the order first seen.
    package var leaves: [LeafCertificateHygiene]
    /// One handshake per version that asked for a stapled OCSP response and SCTs: the highest
    /// version before TLS 1.3 the server accepted, and TLS 1.3.
    package var stapling: [OCSPStaplingProbe]
    /// Leaves the server sent whose extensions could not be read, with why.
    package var leafFailures: [String]

    package init(leaves: [LeafCertificateHygiene] = [], stapling: [OCSPStaplingProbe] = [], leafFailures: [String] = []) {
        self.leaves = leaves
        self.stapling = stapling
        self.leafFailures = leafFailures
    }
}

/// The extensions of one leaf certificate that the hygiene checks judge.
package struct LeafCertificateHygiene: Sendable, Hashable, Codable {
    /// SHA-256 of the certificate's DER, lower-case hex (as `CertificateFacts`).
    package var sha256Fingerprint: String
    package var subject: String
    /// Self-issued and self-signed: nothing but itself vouches for it, so revocation URIs mean nothing.
    package var isSelfSigned: Bool
    /// The subjectAltName entries; `nil`: the certificate has no subjectAltName extension.
    package var subjectAltNames: [String]?
    /// The TLS feature extension (RFC 7633, 1.3.6.1.5.5.7.1.24) lists status_request.
    package var mustStaple: Bool
    /// The URIs of the CRL distribution points.
    package var crlURIs: [String]
    /// The OCSP responder URIs of authorityInfoAccess.
    package var ocspURIs: [String]
    /// The caIssuers URIs of authorityInfoAccess.
    package var caIssuersURIs: [String]
    /// The keyUsage bits set (`digitalSignature`, `keyEncipherment`, `keyAgreement`, ...);
    /// `nil`: the certificate has no keyUsage extension (any use allowed).
    package var keyUsage: [String]?
    /// The extendedKeyUsage purposes (`serverAuth`, `clientAuth`, ... or the OID);
    /// `nil`: no extendedKeyUsage extension (any purpose allowed).
    package var extendedKeyUsage: [String]?
    /// The SCTs embedded in the certificate (1.3.6.1.4.1.11129.2.4.2). Their signatures are not verified.
    package var embeddedSCTs: [SignedCertificateTimestampFacts]
    /// Why the embedded SCT list could not be read although the extension is there.
    package var embeddedSCTFailure: String?
    /// The accepted suites the server sent this leaf with, by version.
    package var suites: [LeafSuiteUse]

    package init(
        sha256Fingerprint: String, subject: String, isSelfSigned: Bool, subjectAltNames: [String]?, mustStaple: Bool,
        crlURIs: [String], ocspURIs: [String], caIssuersURIs: [String], keyUsage: [String]?, extendedKeyUsage: [String]?,
        embeddedSCTs: [SignedCertificateTimestampFacts], embeddedSCTFailure: String? = nil, suites: [LeafSuiteUse] = []
    ) {
        self.sha256Fingerprint = sha256Fingerprint
        self.subject = subject
        self.isSelfSigned = isSelfSigned
        self.subjectAltNames = subjectAltNames
        self.mustStaple = mustStaple
        self.crlURIs = crlURIs
        self.ocspURIs = ocspURIs
        self.caIssuersURIs = caIssuersURIs
        self.keyUsage = keyUsage
        self.extendedKeyUsage = extendedKeyUsage
        self.embeddedSCTs = embeddedSCTs
        self.embeddedSCTFailure = embeddedSCTFailure
        self.suites = suites
    }
}

/// Accepted suites a leaf was sent with under one version.
package struct LeafSuiteUse: Sendable, Hashable, Codable {
    package var version: ProtocolVersion
    package var suites: [CipherSuite]
    package init(version: ProtocolVersion, suites: [CipherSuite]) {
        self.version = version
        self.suites = suites
    }
}

/// One signed certificate timestamp as sent: the log that issued it and when. Its signature is
/// NOT verified (that needs the logs' keys, which a scan does not have).
package struct SignedCertificateTimestampFacts: Sendable, Hashable, Codable {
    /// The log ID (SHA-256 of the log's key), lower-case hex.
    package var logID: String
    /// The timestamp, milliseconds since the epoch, as a date.
    package var timestamp: Date
    package init(logID: String, timestamp: Date) {
        self.logID = logID
        self.timestamp = timestamp
    }
}

/// What a handshake that sent status_request (and signed_certificate_timestamp) got back.
package struct OCSPStaplingProbe: Sendable, Hashable, Codable {
    package enum Status: String, Sendable, Hashable, Codable {
        /// The server stapled an OCSP response (`response`).
        case stapled
        /// The handshake completed and the server stapled nothing.
        case notStapled = "not-stapled"
        /// The handshake did not complete: whether it staples was not observed (`failure`).
        case failed
    }
    package var version: ProtocolVersion
    package var status: Status
    package var failure: String?
    package var failureCode: ErrorCode?
    /// The leaf of this handshake (SHA-256 of its DER).
    package var leafSHA256: String?
    package var response: StapledOCSPResponse?
    /// The SCTs of the TLS extension signed_certificate_timestamp (18); `nil` when the handshake
    /// failed or the list could not be read (`sctFailure`).
    package var tlsExtensionSCTs: [SignedCertificateTimestampFacts]?
    package var sctFailure: String?

    package init(
        version: ProtocolVersion, status: Status, failure: String? = nil, failureCode: ErrorCode? = nil, leafSHA256: String? = nil,
        response: StapledOCSPResponse? = nil, tlsExtensionSCTs: [SignedCertificateTimestampFacts]? = nil, sctFailure: String? = nil
    ) {
        self.version = version
        self.status = status
        self.failure = failure
        self.failureCode = failureCode
        self.leafSHA256 = leafSHA256
        self.response = response
        self.tlsExtensionSCTs = tlsExtensionSCTs
        self.sctFailure = sctFailure
    }
}

/// A stapled OCSP response, as read (its signature is not verified).
package struct StapledOCSPResponse: Sendable, Hashable, Codable {
    package enum CertificateStatus: String, Sendable, Hashable, Codable {
        case good, revoked, unknown
    }
    /// OCSPResponseStatus (`successful`, `tryLater`, ...); `nil` when the bytes were not an OCSP response.
    package var responseStatus: String?
    /// The status of the single response for the leaf (else the first one).
    package var certificateStatus: CertificateStatus?
    package var producedAt: Date?
    package var thisUpdate: Date?
    package var nextUpdate: Date?
    package var revokedAt: Date?
    /// Outside thisUpdate…nextUpdate (5 minutes' leeway) at the time of the scan.
    package var expired: Bool?
    /// The CertID names the leaf (serial, issuer name hash, and issuer key hash when the issuer
    /// was sent); `nil` when that could not be decided (`matchNote`).
    package var matchesLeaf: Bool?
    package var matchNote: String?
    /// The SCTs in the single response's extension 1.3.6.1.4.1.11129.2.4.5 (not verified).
    package var scts: [SignedCertificateTimestampFacts]
    /// Why that extension's SCT list could not be read although it is there: `scts` is then
    /// empty without meaning "none". Apart from `failure`, as the response itself may be fine.
    package var sctFailure: String?
    /// Why the response could not be read.
    package var failure: String?

    package init(
        responseStatus: String? = nil, certificateStatus: CertificateStatus? = nil, producedAt: Date? = nil, thisUpdate: Date? = nil,
        nextUpdate: Date? = nil, revokedAt: Date? = nil, expired: Bool? = nil, matchesLeaf: Bool? = nil, matchNote: String? = nil,
        scts: [SignedCertificateTimestampFacts] = [], sctFailure: String? = nil, failure: String? = nil
    ) {
        self.responseStatus = responseStatus
        self.certificateStatus = certificateStatus
        self.producedAt = producedAt
        self.thisUpdate = thisUpdate
        self.nextUpdate = nextUpdate
        self.revokedAt = revokedAt
        self.expired = expired
        self.matchesLeaf = matchesLeaf
        self.matchNote = matchNote
        self.scts = scts
        self.sctFailure = sctFailure
        self.failure = failure
    }
}
