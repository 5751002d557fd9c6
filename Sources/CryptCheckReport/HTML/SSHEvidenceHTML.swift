import CryptCheckModel

/// One SSH endpoint in the report's evidence appendix: the server's identification, its KEXINIT
/// lists as sent (with the strict-kex and ext-info markers), what it accepted offered alone (and
/// on what evidence), its host keys with their certificates, the primes of its group exchanges,
/// or why it completed no key exchange. Every name the server sent is escaped for the terminal
/// when it was observed and for HTML here; what the server or the tool said in its own words
/// (identification, key ID, reasons, evidence) is data, shown as `<code>`, so a Japanese page
/// shows English only as data.
enum SSHEvidenceHTML {
    /// A piece of a cell: the report's words, or data.
    enum Piece {
        case words(String)
        case data(String)
    }

    /// A row whose value mixes the report's words with data.
    static func fact(_ label: String, _ pieces: [Piece], _ html: inout HTMLWriter) {
        html.open("tr")
        html.element("th", label)
        html.raw("<td class=\"mono\">")
        for piece in pieces {
            switch piece {
            case .words(let words): html.text(words)
            case .data(let data):
                html.raw("<code>")
                html.text(data)
                html.raw("</code>")
            }
        }
        html.raw("</td>")
        html.close("tr")
    }

    /// `lines` one under the other, or a dash when there are none.
    static func lines(_ lines: [[Piece]]) -> [Piece] {
        lines.isEmpty ? [.words("—")] : lines.enumerated().flatMap { $0.offset == 0 ? $0.element : [.words("\n")] + $0.element }
    }

    static func endpoint(_ endpoint: SSHEndpointObservation, _ text: ReportText, _ html: inout HTMLWriter) {
        html.element("h3", endpoint.subject)
        html.open("table", class: "facts")
        func row(_ label: String, _ value: String, mono: Bool = false) { EvidenceHTML.fact(label, value, mono: mono, &html) }
        func list(_ names: [String]) -> String { names.isEmpty ? "—" : names.joined(separator: ", ") }
        if let declared = endpoint.declared {
            // A CBOM's protocol asset: no identification, connection or KEXINIT was seen.
            fact(text.sshDeclared, [.words(text.sshDeclaredBasis), .data(declared.name)], &html)
        } else {
            fact(text.sshIdentification, [endpoint.identification.map(Piece.data) ?? .words(text.sshNoIdentification)], &html)
            row(text.address, endpoint.address ?? "—")
            row(text.sshConnections, text.sshConnectionCount(endpoint.connections, milliseconds: endpoint.durationMilliseconds))
            guard let kex = endpoint.kexInit, endpoint.outcome.isObserved else {
                fact(
                    text.sshNoKeyExchange,
                    [.words(text.sshOutcome(endpoint.outcome))] + (endpoint.outcome.detail.map { [.words(": "), .data($0)] } ?? []), &html)
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
        }
        for category in SSHAlgorithmCategory.allCases {
            let probed = endpoint.algorithms.filter { $0.category == category }
            guard !probed.isEmpty else { continue }
            var accepted: [[Piece]] = []
            for support in probed {
                switch support.accepted {
                case .yes:
                    accepted.append(
                        [.words(support.name)]
                            + (support.evidence.map { [.words(" — \(text.sshAcceptanceEvidence): "), .data($0)] } ?? []))
                case .no: continue
                case .failed(let reason, let code):
                    accepted.append([.words("\(support.name) — \(text.notDetermined(code)): "), .data(reason)])
                }
            }
            let heading = endpoint.declared == nil ? text.sshAccepted : text.sshDeclaredAccepted
            fact("\(heading): \(text.sshCategory(category))", lines(accepted), &html)
            let refused = probed.filter { $0.accepted == .no }.map(\.name)
            if !refused.isEmpty { row("\(text.sshRefused): \(text.sshCategory(category))", list(refused), mono: true) }
        }
        for hostKey in endpoint.hostKeys { self.hostKey(hostKey, endpoint, text, &html) }
        if !endpoint.groupExchange.isEmpty {
            fact(
                text.sshGroupExchange,
                lines(
                    endpoint.groupExchange.map { group in
                        [.words("\(group.keyExchange) \(group.minimum)/\(group.preferred)/\(group.maximum) → ")]
                            + (group.primeBits.map { [.words("\($0) bit" + (group.generator.map { ", g=\($0)" } ?? ""))] }
                                ?? [.words(text.notObserved(group.failureCode))] + (group.failure.map { [.words(": "), .data($0)] } ?? []))
                    }), &html)
        }
        html.close("table")
    }

    /// The rows of one host key: the key, its fingerprint and signature, then its certificate.
    private static func hostKey(
        _ hostKey: SSHHostKeyFacts, _ endpoint: SSHEndpointObservation, _ text: ReportText, _ html: inout HTMLWriter
    ) {
        let status = endpoint.algorithms.first { $0.category == .hostKey && $0.name == hostKey.algorithm }?.accepted
        guard status == .yes || hostKey.key != nil || hostKey.failure != nil, status != .no else { return }
        let label = "\(text.sshHostKey): \(hostKey.algorithm)"
        guard let key = hostKey.key else {
            fact(label, [.words(text.notObserved(hostKey.failureCode))] + (hostKey.failure.map { [.words(": "), .data($0)] } ?? []), &html)
            return
        }
        var shown: [[Piece]] = [
            [.words("\(hostKey.keyType ?? hostKey.algorithm) \(key.summary)")], [.words(hostKey.fingerprint ?? "—")],
            [
                .words(
                    (endpoint.declared == nil ? text.sshSignature(hostKey.signatureVerified) : text.sshDeclaredKey)
                        + (hostKey.signatureAlgorithm.map { " (\($0))" } ?? "")
                        + (hostKey.keyExchange.map { ", \(text.sshCategory(.keyExchange)) \($0)" } ?? ""))
            ],
        ]
        if let certificate = hostKey.certificate {
            let from = certificate.validAfter.map { UTCCalendar.timestamp($0) } ?? text.sshAlways
            let until = certificate.validBefore.map { UTCCalendar.timestamp($0) } ?? text.sshForever
            // The key ID and the principals are whatever the signer wrote: data.
            shown.append(
                [.words("\(text.sshCertificate) \(certificate.certificateType) \(certificate.role), key ID "), .data(certificate.keyID)]
                    + [.words(", \(text.sshPrincipals) ")]
                    + (certificate.principals.isEmpty
                        ? [.words("—")]
                        : certificate.principals.enumerated().flatMap { [.words($0.offset == 0 ? "" : ", "), .data($0.element)] })
                    + [.words(", \(from) – \(until)")])
            shown.append([.words("CA \(certificate.caKey.summary) \(certificate.caFingerprint) (\(certificate.signature.name))")])
        }
        fact(label, lines(shown), &html)
    }
}
