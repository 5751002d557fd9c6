import CryptCheckModel

extension EndpointRule {
    /// Per scheme enumeration: each scheme the server signs with, and whether the enumeration
    /// is complete.
    static let signatureScheme = EndpointRule(
        id: "signature-scheme",
        description:
            "Each signature scheme the server signs with is judged by its algorithms, curve and hash; an enumeration that is incomplete, or empty where the server signs, is indeterminate",
        citation: "LS-0001 (signature and hash primitives); LS-0003 (hash strength); RFC 8446 4.2.3, RFC 5246 7.4.1.4.1",
        scope: .handshake,
        check: { judge, endpoint in judge.signatureSchemeFindings(endpoint) })
}

extension Judge {
    /// The schemes of every enumeration, with an indeterminate finding after each one that is
    /// incomplete or empty where the server signs.
    func signatureSchemeFindings(_ endpoint: TLSEndpointObservation) -> [Finding] {
        let subject = endpoint.endpoint
        let accepted = endpoint.acceptedVersions
        // In TLS 1.2 an ECDSA scheme names no curve: the curve is the certificate key's, and is
        // known for the scheme only when every ECDSA certificate the server sent has the same one.
        // (An unknown curve is left to the certificate's own finding.)
        let ecdsaLeafCurves = Set(
            endpoint.certificateChains.compactMap(\.certificates.first?.publicKey)
                .filter { $0.algorithm == .ec }.map(\.curve))
        let certificateCurve = ecdsaLeafCurves.count == 1 ? ecdsaLeafCurves.first ?? nil : nil
        let signsTLS12 = endpoint.signsUnderTLS12
        var findings: [Finding] = []
        for schemes in endpoint.signatureSchemes {
            for scheme in schemes.accepted {
                findings.append(
                    schemeFinding(
                        scheme, version: schemes.version, subject: subject,
                        certificateCurve: certificateCurve))
            }
            let signs = schemes.version >= .tlsv1_3 ? accepted.contains(.tlsv1_3) : signsTLS12
            if schemes.accepted.isEmpty && schemes.complete && signs {
                // Saved by an older scanner: a server that completes handshakes signs with something.
                findings.append(
                    indeterminate(
                        subject: subject, component: .signatureScheme, item: "signature schemes",
                        context: schemes.version.name,
                        reason: "no signature scheme was observed under \(schemes.version.name), though the server signs there"))
            } else if !schemes.complete {
                findings.append(
                    indeterminate(
                        subject: subject, component: .signatureScheme, item: "signature schemes",
                        context: schemes.version.name,
                        reason: "signature scheme enumeration under \(schemes.version.name) is incomplete"))
            }
        }
        return findings
    }

    /// A signature scheme the server signs with under `version`, named and judged as that
    /// version defines it: a TLS 1.3 ECDSA scheme fixes its curve; a TLS 1.2 one signs on the
    /// curve of the certificate's key (`certificateCurve`, when known).
    func schemeFinding(
        _ scheme: SignatureScheme, version: ProtocolVersion, subject: String,
        certificateCurve: String? = nil
    ) -> Finding {
        let item = "\(scheme.name(in: version)) (\(scheme.hex))"
        guard let info = scheme.info else {
            return indeterminate(
                subject: subject, component: .signatureScheme, item: item,
                reason: "the scheme is not in the registry")
        }
        let curve = scheme.curve(in: version) ?? certificateCurve
        var primitives = info.components.map { primitive($0, role: .signature, curve: $0 == "ecdsa" ? curve : nil) }
        var strength: StrengthJudgement?
        if let hash = info.hash {
            primitives.append(primitive(hash, role: .signatureHash))
            if let bits = HashOutput.bits[hash] { strength = self.strength(.hash, size: bits) }
        }
        return finding(
            subject: subject, component: .signatureScheme, item: item, context: version.name,
            primitives: primitives, strength: strength,
            remedy: Remedy(.disableSignatureScheme, "Disable signature schemes with SHA-1 or off-list algorithms."))
    }
}
