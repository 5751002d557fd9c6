import CryptCheckModel

extension EndpointRule {
    /// Each served chain: what was not checked, its trust, order, completeness and host name
    /// (`trustFindings`), then each certificate (`certificateFindings`). One rule, so that each
    /// chain's findings stay together.
    static let certificateChain = EndpointRule(
        id: "certificate-chain",
        description:
            "Each served chain verifies to a trusted root, is ordered and complete and names the host, and each certificate's key and signature are judged; what was not checked is indeterminate",
        citation:
            "RFC 5280 6 (path validation); RFC 6125 (host name); RFC 5246 7.4.2 (order, completeness); LS-0001 and LS-0003 (keys and signatures)",
        scope: .handshake,
        check: { judge, endpoint in judge.certificateChainFindings(endpoint) })
}

extension Judge {
    /// The findings of every chain the server sent, chain by chain.
    func certificateChainFindings(_ endpoint: TLSEndpointObservation) -> [Finding] {
        let subject = endpoint.endpoint
        var findings: [Finding] = []
        for (chainIndex, chain) in endpoint.certificateChains.enumerated() {
            let context = "chain \(chainIndex + 1)"
            if chain.certificates.isEmpty {
                findings.append(
                    indeterminate(
                        subject: subject, component: .certificate, item: "certificate chain",
                        context: context, reason: "the chain holds no certificate"))
            }
            if chain.trusted == nil {
                findings.append(
                    indeterminate(
                        subject: subject, component: .certificateTrust, item: "chain to a trusted root",
                        context: context, reason: "whether the chain verifies to a trusted root was not checked"))
            }
            if chain.hostnameMatches == nil {
                findings.append(
                    indeterminate(
                        subject: subject, component: .certificateHostname, item: "host name",
                        context: context, reason: "whether the certificate names the host was not checked"))
            }
            findings += trustFindings(chain, subject: subject, context: context)
            for (index, certificate) in chain.certificates.enumerated() {
                let context = "chain \(chainIndex + 1) certificate \(index + 1)" + (index == 0 ? " (leaf)" : "")
                appendCertificateFindings(
                    certificate, subject: subject, context: context, isLeaf: index == 0,
                    servedInHandshake: true, to: &findings)
            }
        }
        return findings
    }
}
