import CryptCheckModel
import CryptCheckPolicy

/// The facts of each item in a file: what it is, its key, signature, names, validity,
/// fingerprint and protection. Never any key material (the model holds none).
public enum FileInventoryTextRenderer {
    public static func render(_ file: FileObservation) -> String {
        var out = ""
        for item in file.items {
            var line = "  #\(item.position) \(item.kind.rawValue) (\(item.format))"
            var details: [String] = []
            if let ssh = item.sshCertificate {
                line += "  \(ssh.role) certificate, key id \"\(ssh.keyID)\", serial \(ssh.serial)"
                details.append(item.key?.summary ?? "unknown key")
                details.append("CA \(ssh.caKey.summary) \(ssh.caFingerprint), signed with \(ssh.signature.name)")
                details.append(
                    "valid \(ssh.validAfter.map(Policy.dayText) ?? "always") to \(ssh.validBefore.map(Policy.dayText) ?? "forever")")
                let more = ssh.principalCount > ssh.principals.count ? " and \(ssh.principalCount - ssh.principals.count) more" : ""
                details.append(ssh.principals.isEmpty ? "any principal" : "principals " + ssh.principals.joined(separator: ",") + more)
                out += EscapedText.terminalSafe(line) + "\n      " + EscapedText.terminalSafe(details.joined(separator: "; ")) + "\n"
                continue
            }
            if let certificate = item.certificate {
                line += "  \(certificate.subject)"
                if certificate.issuer != certificate.subject { line += "  issued by \(certificate.issuer)" }
                details.append(certificate.publicKey.summary)
                details.append(certificate.signature.name)
                details.append("valid \(Policy.dayText(certificate.notBefore)) to \(Policy.dayText(certificate.notAfter))")
                if certificate.isCA { details.append("CA") }
                details.append("SHA-256 \(certificate.sha256Fingerprint.prefix(16))...")
            } else if let key = item.key {
                details.append(key.summary)
            } else if !item.protection.isEmpty {
                details.append("key not readable without a password")
            }
            if let signature = item.signature { details.append("signed with \(signature.name)") }
            if !item.protection.isEmpty {
                details.append("protection: " + item.protection.map(\.summary).joined(separator: ", "))
            }
            // Names, labels and formats come from the file: every line is made terminal-safe.
            out += EscapedText.terminalSafe(line) + "\n"
            if !details.isEmpty { out += "      " + EscapedText.terminalSafe(details.joined(separator: "; ")) + "\n" }
        }
        for snippet in file.unparsedSnippets ?? [] { out += "  unparsed snippet (not judged): \(EscapedText.terminalSafe(snippet))\n" }
        return out
    }

}
