import CryptCheckModel
import Foundation

/// The `cryptcheck:ssh:*` properties of an SSH protocol asset: what the SSH rules judge, written
/// by the CBOM writer and read back by `evaluate` (`BOMInput`). One property per algorithm the
/// server accepted (`cryptcheck:ssh:kex` = `curve25519-sha256`); one whose acceptance was not
/// determined under `…:undetermined` as `name<TAB>reason<TAB>code`; a group-exchange prime as
/// `method min/preferred/max bits`.
enum SSHCBOMProperties {
    static let prefix = "cryptcheck:ssh:"
    static let undetermined = ":undetermined"
    static let groupExchange = prefix + "groupExchange"
    static let hostKey = prefix + "hostKey"
    static let failure = prefix + "failure"
    /// On a host key: the type of the host certificate that carried it, with `…:role`,
    /// `…:caKey` (the ref of the CA's public key), `…:signature` (its SSH type name),
    /// `…:signatureScheme`, `…:signatureHash`, `…:validAfter` and `…:validBefore` (a timestamp,
    /// `always` or `forever`).
    static let certificate = prefix + "certificate"
    /// On a CA's public key: it signed a host certificate (judged through it).
    static let certificateAuthority = prefix + "certificateAuthority"
    static let fingerprint = prefix + "fingerprint"

    /// The property naming an accepted algorithm of `category`.
    static func name(_ category: SSHAlgorithmCategory) -> String {
        switch category {
        case .keyExchange: prefix + "kex"
        case .hostKey: prefix + "hostKeyAlgorithm"
        case .cipher: prefix + "cipher"
        case .mac: prefix + "mac"
        case .compression: prefix + "compression"
        }
    }

    /// The category a property names, if it names one.
    static func category(_ property: String) -> SSHAlgorithmCategory? {
        SSHAlgorithmCategory.allCases.first { name($0) == property }
    }

    /// The finding component that judges an algorithm of `category`.
    static func component(_ category: SSHAlgorithmCategory) -> FindingComponent {
        switch category {
        case .keyExchange: .sshKeyExchange
        case .hostKey: .sshHostKeyAlgorithm
        case .cipher: .sshCipher
        case .mac: .sshMAC
        case .compression: .sshCompression
        }
    }

    /// `what<TAB>reason<TAB>code`: tabs in the reason become spaces.
    static func joined(_ what: String, _ reason: String, _ code: ErrorCode?) -> String {
        [what, reason.replacingOccurrences(of: "\t", with: " "), code?.rawValue ?? ""].joined(separator: "\t")
    }

    /// The parts of a `joined` value; `nil` when it has no tab (not one cryptcheck wrote).
    static func split(_ value: String) -> (what: String, reason: String, code: ErrorCode?)? {
        let parts = value.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, !parts[0].isEmpty else { return nil }
        let code = parts.count > 2 && !parts[2].isEmpty ? ErrorCode(rawValue: parts[2]) : nil
        return (parts[0], parts[1], code)
    }

    /// The properties of a host certificate on its key's asset.
    static func certificateProperties(_ certificate: SSHCertificateFacts, caRef: String) -> [JSONValue] {
        var pairs: [(String, String)] = [
            ("", certificate.certificateType), (":role", certificate.role), (":caKey", caRef),
            (":signature", certificate.signature.name),
            (":validAfter", certificate.validAfter.map(UTCCalendar.timestamp) ?? "always"),
            (":validBefore", certificate.validBefore.map(UTCCalendar.timestamp) ?? "forever"),
        ]
        if let scheme = certificate.signature.scheme { pairs.append((":signatureScheme", scheme.rawValue)) }
        if let hash = certificate.signature.hash { pairs.append((":signatureHash", hash.rawValue)) }
        return pairs.map { ["name": .string(Self.certificate + $0.0), "value": .string($0.1)] }
    }
}
