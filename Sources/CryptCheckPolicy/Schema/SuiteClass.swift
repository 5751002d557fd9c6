import CryptCheckModel

/// GL-3001's classes of cipher suites: 利用推奨 and 利用禁止. A suite in neither is "not
/// recommended, but not prevented".
public enum SuiteClass: String, Sendable, Codable, CaseIterable {
    case recommended, prohibited
}

/// One entry of the guideline's suite table: which suites it covers, by the registry's
/// decomposition, for which profiles, and how well it is backed. Every given field must match;
/// a field's list matches any of its values; an absent field matches anything.
public struct SuiteClassEntry: Sendable, Hashable {
    public let suiteClass: SuiteClass
    public let profiles: Set<String>
    /// A short name for reports (`RC4`, `TLS 1.3 ChaCha20-Poly1305`).
    public let name: String
    public let keyExchange: Set<KeyExchangeMethod>?
    public let authentication: Set<AuthenticationMethod>?
    /// Bulk ciphers; the `null` primitive stands for no encryption.
    public let cipher: Set<Primitive>?
    public let mode: Set<CipherMode>?
    /// The record MAC's hash (AEAD suites have none and never match).
    public let macHash: Set<Primitive>?
    public let export: Bool?
    /// Protocol versions the suite was accepted under.
    public let under: Set<ProtocolVersion>?
    public let evidence: EvidenceLevel
    public let derived: Bool
    public let note: String

    /// The primitive a `cipher:` value of `null` reads as.
    public static let nullCipher: Primitive = "null"

    /// Whether the entry covers `info` accepted under `version`.
    public func matches(_ info: CipherSuiteInfo, under version: ProtocolVersion) -> Bool {
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
public struct SuiteClassification: Sendable {
    public let prohibitedBy: [SuiteClassEntry]
    public let recommendedBy: [SuiteClassEntry]

    /// Classes `info` accepted under `version` by `entries` (one profile's table).
    public init(_ info: CipherSuiteInfo, under version: ProtocolVersion, entries: [SuiteClassEntry]) {
        let matching = entries.filter { $0.matches(info, under: version) }
        prohibitedBy = matching.filter { $0.suiteClass == .prohibited }
        recommendedBy = matching.filter { $0.suiteClass == .recommended }
    }

    /// The class; `nil` for neither ("not recommended, but not prevented").
    public var suiteClass: SuiteClass? {
        !prohibitedBy.isEmpty ? .prohibited : !recommendedBy.isEmpty ? .recommended : nil
    }
}
