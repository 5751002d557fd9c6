import CryptCheckModel

extension EndpointRule {
    /// CRIME: TLS-level compression, as the compression feature probe saw it.
    static let crime = EndpointRule(
        id: "attack-crime",
        description:
            "CRIME: vulnerable when the server accepted DEFLATE compression; not vulnerable when it refused it in a hello that offered it, or has no compression (TLS 1.3 only); indeterminate when the probe failed or did not run",
        citation: "CVE-2012-4929; RFC 7457 2.6",
        scope: .handshake,
        check: { judge, endpoint in [judge.crimeFinding(endpoint)] })
}

extension Judge {
    func crimeFinding(_ endpoint: TLSEndpointObservation) -> Finding {
        let state: AttackState
        switch endpoint.features.first(where: { $0.feature == .compression })?.status {
        case .yes?: state = .vulnerable(reason: "the server accepted DEFLATE compression of TLS records")
        case .no?: state = .absent(reason: "the server refused compression in a hello that offered DEFLATE")
        case .notApplicable(let why)?: state = .absent(reason: "the server has no TLS compression: \(why)")
        case .failed(let why, let code)?: state = .unknown(reason: "the compression probe failed: \(why)", code: code)
        case nil: state = .unknown(reason: "TLS compression was not probed", code: nil)
        }
        return attackFinding(
            .crime, subject: endpoint.endpoint, state: state, primitives: [],
            remedy: Remedy(
                .disableCompression, "Turn TLS compression off (OpenSSL: Options = NoCompression; Apache httpd: SSLCompression off)."))
    }
}
