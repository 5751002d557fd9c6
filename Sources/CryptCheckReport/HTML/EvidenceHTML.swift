/// The report's evidence appendix: per endpoint what it accepted (SSH endpoints: `SSHEvidenceHTML`), every certificate with its
/// fingerprint, every file with its hash and contents.
enum EvidenceHTML {
    static func appendix(_ rows: some HTMLRows, _ text: ReportText, _ html: inout HTMLWriter, _ sink: ([UInt8]) throws -> Void) throws {
        html.raw("<section class=\"break\" id=\"evidence\">\n")
        html.element("h2", text.appendixHeading)
        try rows.write(.endpoints, &html, to: sink)
        try rows.write(.sshEndpoints, &html, to: sink)
        if !rows.isEmpty(.certificates) {
            html.element("h3", text.certificates)
            html.tableStart(text.certificateColumns, widths: [15, 14, 14, 11, 9, 12, 25])
            try rows.write(.certificates, &html, to: sink)
            html.tableEnd()
        }
        if !rows.isEmpty(.files) {
            html.element("h3", text.files)
            html.tableStart(text.fileColumns, widths: [28, 24, 48])
            try rows.write(.files, &html, to: sink)
            html.tableEnd()
        }
        html.close("section")
    }

    /// One endpoint's heading and table of what it accepted.
    static func endpoint(_ endpoint: EndpointEvidence, _ text: ReportText, _ html: inout HTMLWriter) {
        html.element("h3", endpoint.endpoint)
        html.open("table", class: "facts")
        func row(_ label: String, _ value: String, mono: Bool = false) { fact(label, value, mono: mono, &html) }
        row(text.address, [endpoint.address, endpoint.serverName.map { "SNI \($0)" }].compactMap { $0 }.joined(separator: ", "))
        row(
            text.versions,
            endpoint.versions.map { "\($0.version): \($0.status)" + ($0.reason.map { " (\($0))" } ?? "") }.joined(separator: ", "))
        for suites in endpoint.suites {
            let order =
                switch suites.preference {
                case "server": text.serverPreference
                case "client": text.clientPreference
                default: text.unknownPreference
                }
            row(
                "\(text.suites) \(suites.version) (\(order))\(suites.complete ? "" : " " + text.incompleteEnumeration)",
                suites.suites.map { "\($0.code) \($0.name)" }.joined(separator: "\n"), mono: true)
            if let chosen = suites.chosenThenFailed, !chosen.isEmpty {
                row(
                    "\(text.suites) \(suites.version) \(text.chosenThenFailed)",
                    chosen.map { "\($0.code) \($0.name): \($0.seen)" }.joined(separator: "\n"), mono: true)
            }
        }
        if !endpoint.sslv2CipherKinds.isEmpty {
            row("\(text.suites) SSLv2", endpoint.sslv2CipherKinds.map { "\($0.code) \($0.name)" }.joined(separator: "\n"), mono: true)
        }
        row(
            text.groups, endpoint.groups.isEmpty ? "—" : endpoint.groups.map { "\($0.code) \($0.name)" }.joined(separator: ", "),
            mono: true)
        for schemes in endpoint.signatureSchemes {
            row(
                "\(text.schemes) \(schemes.version)", schemes.schemes.map { "\($0.code) \($0.name)" }.joined(separator: ", "),
                mono: true)
        }
        if !endpoint.dhParameters.isEmpty {
            row(
                text.dh,
                endpoint.dhParameters.map { "\($0.bits) bit" + ($0.knownGroup.map { " (\($0))" } ?? "") }.joined(separator: ", "))
        }
        row(
            text.features,
            endpoint.features.map { "\($0.feature): \($0.status)" + ($0.detail.map { " (\($0))" } ?? "") }.joined(separator: ", "))
        if let attacks = endpoint.attacks, !attacks.isEmpty {
            row(
                text.attacks,
                attacks.map { attack in
                    "\(attack.attack.displayName): \(text.attackVerdict(attack.verdict)) — \(attack.evidence)"
                        + (attack.code.map { " [\($0.rawValue)]" } ?? "")
                }.joined(separator: "\n"))
        }
        html.close("table")
    }

    /// One row of an endpoint's table of facts: its label, then its value (monospaced for lists
    /// of identifiers).
    static func fact(_ label: String, _ value: String, mono: Bool = false, _ html: inout HTMLWriter) {
        html.open("tr")
        html.element("th", label)
        html.element("td", value, class: mono ? "mono" : nil)
        html.close("tr")
    }

    static func certificate(_ certificate: CertificateEvidence, _ html: inout HTMLWriter) {
        html.row([
            certificate.location, certificate.subject, certificate.issuer, certificate.notAfter, certificate.key,
            certificate.signature, certificate.sha256,
        ])
    }

    static func file(_ file: FileEvidence, _ html: inout HTMLWriter) {
        html.row([
            file.path, file.sha256 ?? "—",
            (file.items.map { "#\($0.position) \($0.kind) (\($0.format)): \($0.summary)" } + file.errors).joined(separator: "\n"),
        ])
    }
}
