import CryptCheckModel

/// GL-3001's classes of cipher suites: 利用推奨 and 利用禁止. A suite in neither is "not
/// recommended, but not prevented".
package enum SuiteClass: String, Sendable, Codable, CaseIterable {
    case recommended, prohibited
}

/// One entry of the guideline's suite table: which suites it covers, by the registry's
/// decomposition, for which profiles, and how well it is backed. Every given field must match;
/// a field's list matches any of its values; an absent field matches anything.
package struct SuiteClassEntry: Sendable, Hashable {
    package let suiteClass: SuiteClass
    package let profiles: Set<String>
    /// A short name for reports (`RC4`, `TLS 1.3 ChaCha20-Poly1305`).
    package let name: String
    package let keyExchange: Set<KeyExchangeMethod>?
    package let authentication: Set<AuthenticationMethod>?
    /// Bulk ciphers; the `null` primitive stands for no encryption.
    package let cipher: Set<Primitive>?
    package let mode: Set<CipherMode>?
    /// The record MAC's hash (AEAD suites have none and never match).
    package let macHash: Set<Primitive>?
    package let export: Bool?
    /// Protocol versions the suite was accepted under.
    package let under: Set<ProtocolVersion>?
    package let evidence: EvidenceLevel
    package let derived: Bool
    package let note: String

    /// The primitive a `cipher:` value of `null` reads as.
    package static let nullCipher: Primitive = "null"

    /// Whether the entry covers `info` accepted under `version`.
    package func matches(_ info: CipherSuiteInfo, under version: ProtocolVersion) -> Bool {
        if let keyExchange, !keyExchange.contains(info.keyExchange) { return false }
        if let authentication, !authentication.contains(info.authentication) { return false }
        if let cipher, !cipher.contains(info.cipher?.algorithm ?? Self.nullCipher) { return false }
        if let mode {
            guard let suiteMode = info.mode, mode.contains(suiteMode) else { return false }
        }
        if let macHash {
            guard let hash = info.mac?.hash, macHash.contains(hash) else { return false }
        }
        if let export, export != info.isExport { return false }
        if let under, !under.contains(version) { return false }
        return true
    }
}

/// How a profile's suite table classes one accepted suite: prohibited when any prohibiting
/// entry matches, else recommended when a recommending one does, else neither.
package struct SuiteClassification: Sendable {
    package let prohibitedBy: [SuiteClassEntry]
    package let recommendedBy: [SuiteClassEntry]

    /// Classes `info` accepted under `version` by `entries` (one profile's table).
    package init(_ info: CipherSuiteInfo, under version: ProtocolVersion, entries: [SuiteClassEntry]) {
        let matching = entries.filter { $0.matches(info, under: version) }
        prohibitedBy = matching.filter { $0.suiteClass == .prohibited }
        recommendedBy = matching.filter { $0.suiteClass == .recommended }
    }

    /// The class; `nil` for neither ("not recommended, but not prevented").
    package var suiteClass: SuiteClass? {
        !prohibitedBy.isEmpty ? .prohibited : !recommendedBy.isEmpty ? .recommended : nil
    }
}
