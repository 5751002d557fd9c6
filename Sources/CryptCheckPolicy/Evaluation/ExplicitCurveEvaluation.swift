import CryptCheckModel

extension Judge {
    /// The finding on an EC key's explicit domain parameters, when it has them. RFC 5480 2.1.1
    /// allows only named curves in certificates (implicitCurve and specifiedCurve MUST NOT be
    /// used): a violation there. Elsewhere they are allowed but worth knowing: information.
    func explicitCurveFindings(_ key: KeyFacts, subject: String, context: String?, inCertificate: Bool) -> [Finding] {
        guard key.algorithm == .ec, key.explicitCurveParameters == true else { return [] }
        let equal = key.curve.flatMap { $0 == "explicit" ? nil : EllipticCurve.named($0)?.displayName ?? $0 }
        let what = "explicit EC domain parameters " + (equal.map { "equal to \($0)" } ?? "matching no named curve")
        let citation = Citation(listID: "RFC 5480", revision: "RFC 5480 2.1.1", evidence: .confirmed)
        var finding = Finding(
            subject: subject, component: inCertificate ? .certificateKeyParameters : .keyParameters,
            item: what, context: context, list: policy.list.header.revision,
            listStatus: .notApplicable, basis: citation, verdict: .notApplicable, severity: .info,
            evidence: citation.evidence, derived: false,
            message: "the key carries \(what); RFC 5480 forbids explicit parameters in certificates")
        if inCertificate {
            finding.verdict = .violation
            finding.severity = .medium
            finding.message = "the certificate's key carries \(what); RFC 5480 2.1.1 allows only named curves in certificates"
            finding.remedy = Remedy(
                .nameCurve, "Re-issue the certificate with the key's curve named by its OID (e.g. openssl -param_enc named_curve).")
        }
        return [finding]
    }
}
