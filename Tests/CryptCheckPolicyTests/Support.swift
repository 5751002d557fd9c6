import CryptCheckModel
import Foundation

@testable import CryptCheckPolicy

/// Shared helpers: built-in lists and policies at a given day.
enum Lists {
    static let catalog: ListCatalog = try! ListCatalog.builtIn()

    /// A ciphers list as `--list` names it, on the tests' usual as-of day (2026-11-30): a series
    /// ID means its revision in force then (`LS-0001-2022` is R2, `LS-0001-2012` is R8).
    static func ciphers(_ name: String, asOf: String = "2026-11-30") -> CiphersList {
        guard case .ciphers(let list) = try! catalog.document(named: name, asOf: day(asOf))! else { fatalError(name) }
        return list
    }

    static func day(_ text: String) -> Date { PolicySelection.parseDay(text)! }

    static func policy(_ list: String, asOf: String = "2026-11-30", profile: String = "recommended") -> Policy {
        Policy(
            list: ciphers(list, asOf: asOf), strength: try! catalog.strengthRequirements.first,
            guideline: try! catalog.guidelines.first, asOf: day(asOf), targetProfile: profile)
    }

    static func judge(_ list: String, asOf: String = "2026-11-30") -> Judge { Judge(policy: policy(list, asOf: asOf)) }

    static func certificate(
        key: KeyFacts, signature: SignatureAlgorithmFacts, subject: String = "CN=test",
        notAfter: String = "2030-01-01"
    ) -> CertificateFacts {
        CertificateFacts(
            subject: subject, issuer: "CN=ca", notBefore: day("2024-01-01"), notAfter: day(notAfter),
            publicKey: key, signature: signature, sha256Fingerprint: String(repeating: "ab", count: 32))
    }

    static let sha256WithRSA = SignatureAlgorithmFacts(
        oid: "1.2.840.113549.1.1.11", name: "sha256WithRSAEncryption",
        scheme: "rsassa-pkcs1-v1_5", hash: "sha-256")
    static let ed25519Signature = SignatureAlgorithmFacts(oid: "1.3.101.112", name: "ED25519", scheme: "eddsa", hash: nil)
}
