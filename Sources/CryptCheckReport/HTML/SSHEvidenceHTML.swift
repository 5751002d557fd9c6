import CryptCheckModel

/// One SSH endpoint in the report's evidence appendix: the server's identification, its KEXINIT
/// lists as sent (with the strict-kex and ext-info markers), what it accepted offered alone (and
/// on what evidence), its host keys with their certificates, the primes of its group exchanges,
/// or why it completed no key exchange. Every name the server sent is escaped for the terminal
/// when it was observed and for HTML here.
enum SSHEvidenceHTML {
    static func endpoint(_ endpoint: SSHEndpointObservation, _ text: ReportText, _ html: inout HTMLWriter) {
        html.element("h3", endpoint.subject)
        html.open("table", class: "facts")
        func row(_ label: String, _ value: String, mono: Bool = false) { EvidenceHTML.fact(label, value, mono: mono, &html) }
        func list(_ names: [String], separator: String = ", ") -> String { names.isEmpty ? "—" : names.joined(separator: separator) }
        row(text.sshIdentification, endpoint.identification ?? text.sshNoIdentification, mono: true)
        row(text.address, endpoint.address ?? "—")
        row(text.sshConnections, text.sshConnectionCount(endpoint.connections, milliseconds: endpoint.durationMilliseconds))
        guard let kex = endpoint.kexInit, endpoint.outcome.isObserved else {
            row(text.sshNoKeyExchange, text.sshOutcome(endpoint.outcome), mono: true)
            html.close("table")
            return
        }
        func directions(_ label: String, _ toServer: [String], _ toClient: [String]) {
            if toServer == toClient {
                row("\(text.sshAdvertised): \(label)", list(toServer), mono: true)
            } else {
                row("\(text.sshAdvertised): \(label) c→s", list(toServer), mono: true)
                row("\(text.sshAdvertised): \(label) s→c", list(toClient), mono: true)
            }
        }
        row("\(text.sshAdvertised): \(text.sshCategory(.keyExchange))", list(kex.kexAlgorithms), mono: true)
        row("\(text.sshAdvertised): \(text.sshCategory(.hostKey))", list(kex.hostKeyAlgorithms), mono: true)
        directions(text.sshCategory(.cipher), kex.ciphersClientToServer, kex.ciphersServerToClient)
        directions(text.sshCategory(.mac), kex.macsClientToServer, kex.macsServerToClient)
        directions(text.sshCategory(.compression), kex.compressionClientToServer, kex.compressionServerToClient)
        row(
            text.sshMarkers,
            "strict kex (\(SSHKexInitFacts.strictKexMarker)): \(text.presence(kex.strictKex))\n"
                + "ext-info (\(SSHKexInitFacts.extInfoMarker)): \(text.presence(kex.extInfo))")
        for category in SSHAlgorithmCategory.allCases {
            let probed = endpoint.algorithms.filter { $0.category == category }
            guard !probed.isEmpty else { continue }
            var lines: [String] = []
            for support in probed {
                switch support.accepted {
                case .yes:
                    lines.append(support.name + (support.evidence.map { " — \(text.sshAcceptanceEvidence): \($0)" } ?? ""))
                case .no: continue
                case .failed(let reason, let code):
                    lines.append("\(support.name) — \(text.notDetermined(code)): \(reason)")
                }
            }
            row("\(text.sshAccepted): \(text.sshCategory(category))", list(lines, separator: "\n"), mono: true)
            let refused = probed.filter { $0.accepted == .no }.map(\.name)
            if !refused.isEmpty { row("\(text.sshRefused): \(text.sshCategory(category))", list(refused), mono: true) }
        }
        for hostKey in endpoint.hostKeys { self.hostKey(hostKey, endpoint, text, row) }
        if !endpoint.groupExchange.isEmpty {
            row(
                text.sshGroupExchange,
                endpoint.groupExchange.map { group in
                    "\(group.keyExchange) \(group.minimum)/\(group.preferred)/\(group.maximum) → "
                        + (group.primeBits.map { "\($0) bit" + (group.generator.map { ", g=\($0)" } ?? "") }
                            ?? "\(text.notObserved(group.failureCode))" + (group.failure.map { ": \($0)" } ?? ""))
                }.joined(separator: "\n"), mono: true)
        }
        html.close("table")
    }

    /// The rows of one host key: the key, its fingerprint and signature, then its certificate.
    private static func hostKey(
        _ hostKey: SSHHostKeyFacts, _ endpoint: SSHEndpointObservation, _ text: ReportText, _ row: (String, String, Bool) -> Void
    ) {
        let status = endpoint.algorithms.first { $0.category == .hostKey && $0.name == hostKey.algorithm }?.accepted
        guard status == .yes || hostKey.key != nil || hostKey.failure != nil, status != .no else { return }
        let label = "\(text.sshHostKey): \(hostKey.algorithm)"
        guard let key = hostKey.key else {
            row(label, text.notObserved(hostKey.failureCode) + (hostKey.failure.map { ": \($0)" } ?? ""), true)
            return
        }
        var lines = [
            "\(hostKey.keyType ?? hostKey.algorithm) \(key.summary)", hostKey.fingerprint ?? "—",
            text.sshSignature(hostKey.signatureVerified) + (hostKey.signatureAlgorithm.map { " (\($0))" } ?? "")
                + (hostKey.keyExchange.map { ", \(text.sshCategory(.keyExchange)) \($0)" } ?? ""),
        ]
        if let certificate = hostKey.certificate {
            let from = certificate.validAfter.map { UTCCalendar.timestamp($0) } ?? text.sshAlways
            let until = certificate.validBefore.map { UTCCalendar.timestamp($0) } ?? text.sshForever
            lines += [
                "\(text.sshCertificate) \(certificate.certificateType) \(certificate.role), key ID \"\(certificate.keyID)\", "
                    + "\(text.sshPrincipals) \(certificate.principals.isEmpty ? "—" : certificate.principals.joined(separator: ", ")), "
                    + "\(from) – \(until)",
                "CA \(certificate.caKey.summary) \(certificate.caFingerprint) (\(certificate.signature.name))",
            ]
        }
        row(label, lines.joined(separator: "\n"), true)
    }
}
