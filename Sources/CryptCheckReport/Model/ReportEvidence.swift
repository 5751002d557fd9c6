import CryptCheckModel
import Foundation

/// The report's appendix: what was observed, in a form an auditor can check against the
/// systems (certificate fingerprints, accepted suites per version, file paths and hashes).
public struct ReportEvidence: Sendable, Hashable, Codable {
    public var endpoints: [EndpointEvidence]
    public var certificates: [CertificateEvidence]
    public var files: [FileEvidence]

    public init(_ observations: ObservationSet) {
        endpoints = observations.endpoints.map(EndpointEvidence.init)
        certificates = observations.endpoints.flatMap(Self.certificates) + observations.files.flatMap(Self.certificates)
        files = observations.files.map(FileEvidence.init)
    }

    /// The certificates of an endpoint's chains, where each was seen.
    static func certificates(_ endpoint: TLSEndpointObservation) -> [CertificateEvidence] {
        endpoint.certificateChains.enumerated().flatMap { chainIndex, chain in
            chain.certificates.enumerated().map { index, certificate in
                CertificateEvidence(certificate, location: "\(endpoint.endpoint) chain \(chainIndex + 1) certificate \(index + 1)")
            }
        }
    }

    /// The certificates held in a file, where each was seen.
    static func certificates(_ file: FileObservation) -> [CertificateEvidence] {
        file.items.compactMap { item in item.certificate.map { CertificateEvidence($0, location: "\(file.path)#\(item.position)") } }
    }
}

/// A registry value as code and name (`0xC02F`, `TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`).
public struct CodeName: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
}

public struct EndpointEvidence: Sendable, Hashable, Codable {
    public struct Version: Sendable, Hashable, Codable {
        public var version: String
        /// `yes`, `no` or `failed`.
        public var status: String
        public var reason: String?
        /// The stable code of a failed probe (`connection.timeout`); `nil` when the observation
        /// was saved before codes were recorded.
        public var code: ErrorCode?
    }

    public struct Suites: Sendable, Hashable, Codable {
        public var version: String
        public var preference: String
        public var complete: Bool
        public var suites: [CodeName]
    }

    public struct Schemes: Sendable, Hashable, Codable {
        public var version: String
        public var schemes: [CodeName]
    }

    public struct DHGroup: Sendable, Hashable, Codable {
        public var bits: Int
        public var knownGroup: String?
    }

    public struct Feature: Sendable, Hashable, Codable {
        public var feature: ProtocolFeature
        public var status: String
    }

    public var endpoint: String
    public var address: String?
    public var serverName: String?
    /// The plaintext protocol upgraded to TLS first (`smtp`), as saved; `nil` for TLS from the first byte.
    public var starttls: String?
    /// Whether a handshake completed, and what happened instead when none did.
    public var outcome: TLSEndpointOutcome?
    public var versions: [Version]
    public var suites: [Suites]
    public var sslv2CipherKinds: [CodeName]
    public var groups: [CodeName]
    public var signatureSchemes: [Schemes]
    public var dhParameters: [DHGroup]
    public var features: [Feature]

    init(_ endpoint: TLSEndpointObservation) {
        self.endpoint = endpoint.endpoint
        address = endpoint.address
        serverName = endpoint.serverName
        starttls = endpoint.starttls?.rawValue
        outcome = endpoint.noHandshakeOutcome ?? endpoint.outcome
        versions = endpoint.versions.map { support in
            switch support.status {
            case .yes: Version(version: support.version.name, status: "yes")
            case .no: Version(version: support.version.name, status: "no")
            case .failed(let reason, let code): Version(version: support.version.name, status: "failed", reason: reason, code: code)
            }
        }
        suites = endpoint.cipherSuites.map { enumeration in
            Suites(
                version: enumeration.version.name, preference: enumeration.preference.rawValue, complete: enumeration.complete,
                suites: enumeration.accepted.map { CodeName(code: $0.hex, name: $0.name) })
        }
        sslv2CipherKinds = endpoint.sslv2CipherKinds.map { CodeName(code: $0.hex, name: $0.name) }
        groups = (endpoint.groups?.accepted ?? []).map { CodeName(code: $0.hex, name: $0.name) }
        signatureSchemes = endpoint.signatureSchemes.map { enumeration in
            Schemes(
                version: enumeration.version.name,
                schemes: enumeration.accepted.map { CodeName(code: $0.hex, name: $0.name(in: enumeration.version)) })
        }
        dhParameters = endpoint.dhParameters.map { DHGroup(bits: $0.primeBits, knownGroup: $0.knownGroup) }
        features = endpoint.features.map { feature in
            let status =
                switch feature.status {
                case .yes: "yes"
                case .no: "no"
                case .notApplicable: "not applicable"
                case .failed: "failed"
                }
            return Feature(feature: feature.feature, status: status)
        }
    }
}

public struct CertificateEvidence: Sendable, Hashable, Codable {
    /// Where it was seen (`host:port chain 1 certificate 2`, `path#3`).
    public var location: String
    public var subject: String
    public var issuer: String
    public var serialNumber: String?
    public var notBefore: String
    public var notAfter: String
    public var key: String
    public var publicKey: KeyFacts
    public var signature: String
    public var signatureOID: String
    public var signatureHash: String?
    public var isCA: Bool
    public var sha256: String

    init(_ certificate: CertificateFacts, location: String) {
        self.location = location
        subject = certificate.subject
        issuer = certificate.issuer
        serialNumber = certificate.serialNumber
        notBefore = UTCCalendar.timestamp(certificate.notBefore)
        notAfter = UTCCalendar.timestamp(certificate.notAfter)
        key = certificate.publicKey.summary
        publicKey = certificate.publicKey
        signature = certificate.signature.name
        signatureOID = certificate.signature.oid
        signatureHash = certificate.signature.hash?.rawValue
        isCA = certificate.isCA
        sha256 = certificate.sha256Fingerprint
    }
}

public struct FileEvidence: Sendable, Hashable, Codable {
    public struct Item: Sendable, Hashable, Codable {
        public var position: Int
        public var kind: String
        public var format: String
        public var summary: String
        /// The key held (a certificate's public key, a private or public key).
        public var key: KeyFacts?
        /// The SHA-256 fingerprint of the certificate, for certificates.
        public var certificate: String?
        /// How the item is protected at rest.
        public var protection: [ProtectionAlgorithm]
    }

    public var path: String
    public var sha256: String?
    public var items: [Item]
    public var errors: [String]
    /// The stable code of each of `errors`, in order; `nil` without errors or in observations
    /// saved before codes were recorded.
    public var errorCodes: [ErrorCode]?

    init(_ file: FileObservation) {
        path = file.path
        sha256 = file.sha256
        items = file.items.map { item in
            var parts: [String] = []
            if let certificate = item.certificate {
                parts.append("\(certificate.publicKey.summary), \(certificate.subject)")
            } else if let key = item.key {
                parts.append(key.summary)
            }
            if let signature = item.signature { parts.append(signature.name) }
            if !item.protection.isEmpty { parts.append(item.protection.map(\.summary).joined(separator: ", ")) }
            return Item(
                position: item.position, kind: item.kind.rawValue, format: item.format, summary: parts.joined(separator: "; "),
                key: item.certificate?.publicKey ?? item.key, certificate: item.certificate?.sha256Fingerprint,
                protection: item.protection)
        }
        errors = file.errors
        errorCodes = file.errorCodes
    }
}
