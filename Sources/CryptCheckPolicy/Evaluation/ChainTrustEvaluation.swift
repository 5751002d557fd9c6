import CryptCheckModel

/// Path validation and name matching of a served certificate chain.
extension Judge {
    /// Whether the chain leads to a trusted root and names the host (RFC 5280 path
    /// validation, RFC 6125 name matching): not list facts, but a server that fails them
    /// protects nothing.
    func trustFindings(_ chain: CertificateChain, subject: String, context: String) -> [Finding] {
        var findings: [Finding] = []
        func finding(_ component: FindingComponent, _ item: String, _ ok: Bool, _ basis: String, _ message: String, _ fix: Remedy)
            -> Finding
        {
            let citation = Citation(listID: basis, revision: basis, evidence: .confirmed)
            return Finding(
                subject: subject, component: component, item: item, context: context, list: policy.list.header.revision,
                listStatus: .notApplicable, basis: citation, verdict: ok ? .pass : .violation,
                severity: ok ? .info : .high, evidence: .confirmed, derived: false, message: message,
                remediation: ok ? nil : fix.text, remediationCode: ok ? nil : fix.code)
        }
        if let trusted = chain.trusted {
            findings.append(
                finding(
                    .certificateTrust, "chain to a trusted root", trusted, "RFC 5280 6",
                    trusted ? "the chain verifies to a trusted root" : "not trusted: \(chain.trustFailure ?? "unknown reason")",
                    Remedy(
                        .fixTrust,
                        "Serve a chain issued by a trusted CA, with every intermediate, in order (or pass the private root with --ca-file)."
                    )))
        }
        if let order = chain.order {
            let message =
                switch order {
                case .ordered: "the server sends its certificates in issuing order, leaf first"
                case .outOfOrder: "the certificates are not in issuing order (each should be followed by its issuer)"
                case .unrelated: "the server sends certificates that are not on the leaf's path"
                }
            var item = finding(
                .certificateChain, "chain order", order == .ordered, "RFC 5246 7.4.2", message,
                Remedy(
                    .fixChainOrder, "Send the leaf first, then each intermediate followed by its issuer; leave out unrelated certificates.")
            )
            if order != .ordered { item.severity = .medium }
            findings.append(item)
        }
        if let complete = chain.complete {
            let missing = chain.missingIssuer.map { " (\($0))" } ?? ""
            findings.append(
                finding(
                    .certificateChain, "chain completeness", complete, "RFC 5246 7.4.2",
                    complete
                        ? "the server sends every certificate needed to reach a trust anchor"
                        : "incomplete: the issuer\(missing) of the last certificate sent was neither sent nor found in the trust store",
                    Remedy(
                        .completeChain, "Send every intermediate certificate with the leaf (a private root can be passed with --ca-file)."))
            )
        }
        if let matches = chain.hostnameMatches {
            findings.append(
                finding(
                    .certificateHostname, "leaf certificate names the host", matches, "RFC 6125",
                    matches ? "the leaf certificate names the scanned host" : "the leaf certificate does not name the scanned host",
                    Remedy(.hostnameInSAN, "Issue the certificate for the name clients use (subjectAltName).")))
        }
        return findings
    }
}
