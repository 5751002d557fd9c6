import CryptCheckModel

extension SSHEndpointRule {
    /// Each host key the server proved with a signature, judged by its algorithm and size for the
    /// end of operation; a certificate's CA key, signature and validity besides.
    static let sshHostKey = SSHEndpointRule(
        id: "ssh-host-key",
        description:
            "Each host key the server signed an exchange with is judged by its algorithm and size (LS-0003 for the end of operation); a host certificate's CA key, signature and validity too; a host key a BOM declares by its algorithm and size only, its signature not verified",
        citation: "LS-0001; LS-0003; OpenSSH PROTOCOL.certkeys; not observed is indeterminate",
        scope: .keyExchange,
        check: { judge, endpoint in judge.sshHostKeyFindings(endpoint) })
}

extension Judge {
    func sshHostKeyFindings(_ endpoint: SSHEndpointObservation) -> [Finding] {
        var findings: [Finding] = []
        // One key (or one certificate) shown for several algorithms (ssh-rsa, rsa-sha2-256, ...)
        // is judged once, named with every algorithm that showed it. A key shown plain and in a
        // certificate is judged both ways: the certificate brings its CA key, signature and
        // validity, which the plain key's finding does not judge.
        struct Shown: Hashable {
            let fingerprint: String
            let certificate: SSHCertificateFacts?
        }
        var order: [Shown] = []
        var algorithms: [Shown: [String]] = [:]
        var shown: [Shown: SSHHostKeyFacts] = [:]
        for hostKey in endpoint.hostKeys {
            let status = endpoint.algorithms.first { $0.category == .hostKey && $0.name == hostKey.algorithm }?.accepted
            // Refused: no key; a failed probe is indeterminate in `ssh-host-key-algorithm`.
            guard status == .yes else { continue }
            // A declared host key was never proved by a signature: its type and size are judged
            // all the same, and its context says so.
            let shownAlone = endpoint.declared == nil ? hostKey.isObserved : hostKey.key != nil
            guard shownAlone, let fingerprint = hostKey.fingerprint else {
                let failure = hostKey.failure ?? "no reason recorded"
                findings.append(
                    hostKey.key == nil
                        ? indeterminate(
                            subject: endpoint.subject, component: .sshHostKey, item: hostKey.algorithm,
                            reason: "the host key was not observed: \(failure)", errorCode: hostKey.failureCode)
                        : indeterminate(
                            subject: endpoint.subject, component: .sshHostKey, item: hostKey.algorithm,
                            reason: "the host key's signature over the exchange hash did not verify: \(failure)",
                            errorCode: hostKey.failureCode))
                continue
            }
            let seen = Shown(fingerprint: fingerprint, certificate: hostKey.certificate)
            if shown[seen] == nil {
                order.append(seen)
                shown[seen] = hostKey
            }
            algorithms[seen, default: []].append(hostKey.algorithm)
        }
        for seen in order {
            guard let hostKey = shown[seen], let key = hostKey.key else { continue }
            let context =
                "\(seen.fingerprint) (\(algorithms[seen, default: []].joined(separator: ", ")))"
                + (endpoint.declared == nil ? "" : "; declared, signature not verified")
            if let certificate = hostKey.certificate {
                findings += sshCertificateFindings(certificate, key: key, subject: endpoint.subject, context: context)
            } else {
                findings.append(keyFinding(key, subject: endpoint.subject, component: .sshHostKey, context: context))
            }
        }
        return findings
    }
}
