import CryptCheckModel
import CryptCheckPolicy

/// The facts of each item in a file: what it is, its key, signature, names, validity,
/// fingerprint and protection. Never any key material (the model holds none). The labels are
/// in `language`; kinds, formats, names and algorithms are identifiers and stay.
package enum FileInventoryTextRenderer {
    package static func render(_ file: FileObservation, language: ReportLanguage = .en) -> String {
        let words = TextWords(language)
        func valid(_ from: String, _ to: String) -> String { words.pick("有効期間 \(from) から \(to)", "valid \(from) to \(to)") }
        var out = ""
        for item in file.items {
            var line = "  #\(item.position) \(item.kind.rawValue) (\(item.format))"
            var details: [String] = []
            if let ssh = item.sshCertificate {
                line += words.pick(
                    "  \(ssh.role) 証明書、鍵 ID \"\(ssh.keyID)\"、シリアル \(ssh.serial)",
                    "  \(ssh.role) certificate, key id \"\(ssh.keyID)\", serial \(ssh.serial)")
                details.append(item.key?.summary ?? words.pick("不明な鍵", "unknown key"))
                details.append(
                    words.pick(
                        "CA \(ssh.caKey.summary) \(ssh.caFingerprint)、署名 \(ssh.signature.name)",
                        "CA \(ssh.caKey.summary) \(ssh.caFingerprint), signed with \(ssh.signature.name)"))
                details.append(
                    valid(
                        ssh.validAfter.map(Policy.dayText) ?? words.pick("無期限", "always"),
                        ssh.validBefore.map(Policy.dayText) ?? words.pick("無期限", "forever")))
                let extra = ssh.principalCount - ssh.principals.count
                let more = extra > 0 ? words.pick(" ほか \(extra) 件", " and \(extra) more") : ""
                details.append(
                    ssh.principals.isEmpty
                        ? words.pick("プリンシパルの制限なし", "any principal")
                        : words.pick("プリンシパル ", "principals ") + ssh.principals.joined(separator: ",") + more)
                out += EscapedText.terminalSafe(line) + "\n      " + EscapedText.terminalSafe(details.joined(separator: "; ")) + "\n"
                continue
            }
            if let certificate = item.certificate {
                line += "  \(certificate.subject)"
                if certificate.issuer != certificate.subject { line += words.pick("  発行者 ", "  issued by ") + certificate.issuer }
                details.append(certificate.publicKey.summary)
                details.append(certificate.signature.name)
                details.append(valid(Policy.dayText(certificate.notBefore), Policy.dayText(certificate.notAfter)))
                if certificate.isCA { details.append("CA") }
                details.append("SHA-256 \(certificate.sha256Fingerprint.prefix(16))...")
            } else if let key = item.key {
                details.append(key.summary)
            } else if !item.protection.isEmpty {
                details.append(words.pick("パスワードなしでは鍵を読めない", "key not readable without a password"))
            }
            if let signature = item.signature { details.append(words.pick("署名 ", "signed with ") + signature.name) }
            if !item.protection.isEmpty {
                details.append(words.pick("保護: ", "protection: ") + item.protection.map(\.summary).joined(separator: ", "))
            }
            // Names, labels and formats come from the file: every line is made terminal-safe.
            out += EscapedText.terminalSafe(line) + "\n"
            if !details.isEmpty { out += "      " + EscapedText.terminalSafe(details.joined(separator: "; ")) + "\n" }
        }
        for snippet in file.unparsedSnippets ?? [] {
            out += words.pick("  解析できない記載例（判定しない）: ", "  unparsed snippet (not judged): ") + EscapedText.terminalSafe(snippet) + "\n"
        }
        return out
    }

}
