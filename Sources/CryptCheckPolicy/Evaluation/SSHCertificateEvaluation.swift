import CryptCheckModel
import Foundation

extension Judge {
    /// Findings for an OpenSSH certificate: the certified key, the CA key, the CA's signature
    /// (its hash: `ssh-rsa` is SHA-1) and the validity on the as-of day.
    func sshCertificateFindings(
        _ certificate: SSHCertificateFacts, key: KeyFacts?, subject: String,
        context: String
    ) -> [Finding] {
        var findings: [Finding] = []
        if let key {
            findings.append(keyFinding(key, subject: subject, component: .sshCertificateKey, context: context))
        } else {
            findings.append(
                indeterminate(
                    subject: subject, component: .sshCertificateKey, item: certificate.certificateType,
                    context: context, reason: "the certified key could not be read"))
        }
        let caContext = context + " CA \(certificate.caFingerprint)"
        findings.append(keyFinding(certificate.caKey, subject: subject, component: .sshCertificateCAKey, context: caContext))
        let signature = certificate.signature
        if signature.scheme != nil && !Self.signature(signature, fits: certificate.caKey) {
            findings.append(
                indeterminate(
                    subject: subject, component: .sshCertificateSignature, item: signature.name,
                    context: caContext,
                    reason: "a \(signature.name) signature cannot come from the CA key \(certificate.caKey.summary)"))
        } else {
            findings.append(
                signatureFinding(
                    signature, key: certificate.caKey, subject: subject,
                    component: .sshCertificateSignature, context: caContext))
        }
        findings.append(sshValidityFinding(certificate, subject: subject, context: context))
        return findings
    }

    /// Whether a signature type can have been made by a key of this algorithm (and curve).
    static func signature(_ signature: SignatureAlgorithmFacts, fits key: KeyFacts) -> Bool {
        switch signature.scheme {
        case "rsassa-pkcs1-v1_5": key.algorithm == .rsa
        case "dsa": key.algorithm == .dsa
        case "ecdsa":
            key.algorithm == .ec
                && signature.name.hasSuffix(
                    ["secp256r1": "nistp256", "secp384r1": "nistp384", "secp521r1": "nistp521"][key.curve ?? ""] ?? "?")
                || signature.name == "sk-ecdsa-sha2-nistp256@openssh.com" && key.curve == "secp256r1"
        case "eddsa": signature.name.contains(key.algorithm == .ed25519 ? "ed25519" : key.algorithm == .ed448 ? "ed448" : "?")
        default: false
        }
    }

    private func sshValidityFinding(_ certificate: SSHCertificateFacts, subject: String, context: String) -> Finding {
        let from = certificate.validAfter.map(Policy.dayText) ?? "always"
        let until = certificate.validBefore.map(Policy.dayText) ?? "forever"
        let citation = Citation(listID: "PROTOCOL.certkeys", revision: "OpenSSH PROTOCOL.certkeys", evidence: .confirmed)
        var finding = Finding(
            subject: subject, component: .sshCertificateValidity, item: "valid \(from) to \(until)",
            context: context, list: policy.list.header.revision, listStatus: .notApplicable, basis: citation,
            verdict: .pass, severity: .info, evidence: citation.evidence, derived: false,
            message: "valid on \(policy.asOfText)" + (certificate.validBefore == nil ? " (it never expires)" : ""))
        // By calendar day, like X.509 validity.
        let day = CalendarDay(policy.asOf)
        if let end = certificate.validBefore, day > CalendarDay(end) {
            finding.verdict = .violation
            finding.severity = .high
            finding.message = "expired on \(until) (as of \(policy.asOfText))"
            finding.remedy = Remedy(.renewSSHCertificate, "Issue a new certificate (ssh-keygen -s ... -V).")
        } else if let start = certificate.validAfter, day < CalendarDay(start) {
            finding.verdict = .violation
            finding.severity = .high
            finding.message = "not valid before \(from) (as of \(policy.asOfText))"
            finding.remedy = Remedy(.checkSSHCertificateDates, "Check the signing CA's clock and the certificate's validity interval.")
        }
        return finding
    }
}
