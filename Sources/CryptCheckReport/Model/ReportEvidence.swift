import CryptCheckModel
import Foundation

/// The report's appendix: what was observed, in a form an auditor can check against the
/// systems (certificate fingerprints, accepted suites per version, file paths and hashes).
package struct ReportEvidence: Sendable, Hashable, Codable {
    package var endpoints: [EndpointEvidence]
    package var certificates: [CertificateEvidence]
    package var files: [FileEvidence]
    /// The SSH endpoints as observed (identification, KEXINIT, what each algorithm offered alone
    /// gave, host keys, group-exchange primes); `nil` when there are none, so a report without
    /// SSH endpoints keeps its bytes.
    package var sshEndpoints: [SSHEndpointObservation]?

    package init(_ observations: ObservationSet) {
        endpoints = observations.endpoints.map(EndpointEvidence.init)
        sshEndpoints = observations.sshEndpoints.isEmpty ? nil : observations.sshEndpoints
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
package struct CodeName: Sendable, Hashable, Codable {
    package var code: String
    package var name: String
}

package struct EndpointEvidence: Sendable, Hashable, Codable {
    package struct Version: Sendable, Hashable, Codable {
        package var version: String
        /// `yes`, `no` or `failed`.
        package var status: String
        package var reason: String?
        /// The stable code of a failed probe (`connection.timeout`); `nil` when the observation
        /// was saved before codes were recorded.
        package var code: ErrorCode?
    }

    package struct Suites: Sendable, Hashable, Codable {
        package var version: String
        package var preference: String
        package var complete: Bool
        package var suites: [CodeName]
        /// Suites the server chose and then did not complete the first flight for: not in
        /// `suites`; `nil` when there are none.
        package var chosenThenFailed: [ChosenSuite]?
    }

    /// A suite chosen by the server whose handshake then failed, with what was seen.
    package struct ChosenSuite: Sendable, Hashable, Codable {
        package var code: String
        package var name: String
        package var seen: String
    }

    package struct Schemes: Sendable, Hashable, Codable {
        package var version: String
        package var schemes: [CodeName]
    }

    package struct DHGroup: Sendable, Hashable, Codable {
        package var bits: Int
        package var knownGroup: String?
    }

    package struct Feature: Sendable, Hashable, Codable {
        package var feature: ProtocolFeature
        package var status: String
        /// What was seen beside yes or no (the session features: the ALPN protocol selected, a
        /// ticket's lifetime hint, max_early_data_size).
        package var detail: String?
        /// The `alpn` feature: each candidate protocol offered alone, as observed; `nil`
        /// otherwise and for observations saved before it was probed.
        package var alpn: ALPNEnumeration?
    }

    /// One attack tried on the wire: the verdict, what was seen (sizes, alert names, never the
    /// server's bytes) and the stable code when it could not be tested.
    package struct Attack: Sendable, Hashable, Codable {
        package var attack: ActiveAttack
        package var verdict: AttackVerdict
        package var evidence: String
        package var code: ErrorCode?
    }

    package var endpoint: String
    package var address: String?
    package var serverName: String?
    /// The plaintext protocol upgraded to TLS first (`smtp`), as saved; `nil` for TLS from the first byte.
    package var starttls: String?
    /// Whether a handshake completed, and what happened instead when none did.
    package var outcome: TLSEndpointOutcome?
    package var versions: [Version]
    package var suites: [Suites]
    package var sslv2CipherKinds: [CodeName]
    package var groups: [CodeName]
    package var signatureSchemes: [Schemes]
    package var dhParameters: [DHGroup]
    package var features: [Feature]
    /// The active attack checks in report order; `nil` when the observation has none (saved
    /// before the checks existed, or no handshake completed).
    package var attacks: [Attack]?
    /// The certificate hygiene facts (leaf extensions, OCSP staples, SCTs) as observed; `nil`
    /// when not probed, so a report without them keeps its bytes.
    package var certificateHygiene: CertificateHygieneObservation?

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
                suites: enumeration.accepted.map { CodeName(code: $0.hex, name: $0.name) },
                chosenThenFailed: enumeration.chosenThenFailed?.map { ChosenSuite(code: $0.suite.hex, name: $0.suite.name, seen: $0.seen) })
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
            return Feature(feature: feature.feature, status: status, detail: feature.detail, alpn: feature.alpn)
        }
        attacks = endpoint.attacks.map { results in
            results.sorted { $0.attack < $1.attack }.map {
                Attack(attack: $0.attack, verdict: $0.verdict, evidence: $0.evidence, code: $0.code)
            }
        }
        certificateHygiene = endpoint.certificateHygiene
    }
}

package struct CertificateEvidence: Sendable, Hashable, Codable {
    /// Where it was seen (`host:port chain 1 certificate 2`, `path#3`).
    package var location: String
    package var subject: String
    package var issuer: String
    package var serialNumber: String?
    package var notBefore: String
    package var notAfter: String
    package var key: String
    package var publicKey: KeyFacts
    package var signature: String
    package var signatureOID: String
    package var signatureHash: String?
    package var isCA: Bool
    package var sha256: String

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

package struct FileEvidence: Sendable, Hashable, Codable {
    package struct Item: Sendable, Hashable, Codable {
        package var position: Int
        package var kind: String
        package var format: String
        package var summary: String
        /// The key held (a certificate's public key, a private or public key).
        package var key: KeyFacts?
        /// The SHA-256 fingerprint of the certificate, for certificates.
        package var certificate: String?
        /// How the item is protected at rest.
        package var protection: [ProtectionAlgorithm]
    }

    package var path: String
    package var sha256: String?
    package var items: [Item]
    package var errors: [String]
    /// The stable code of each of `errors`, in order; `nil` without errors or in observations
    /// saved before codes were recorded.
    package var errorCodes: [ErrorCode]?

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
