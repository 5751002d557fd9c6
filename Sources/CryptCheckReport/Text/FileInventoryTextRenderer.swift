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
            out += line + "\n"
            if !details.isEmpty { out += "      " + details.joined(separator: "; ") + "\n" }
        }
        return out
    }

}
