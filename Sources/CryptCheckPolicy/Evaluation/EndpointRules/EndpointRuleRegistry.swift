import CryptCheckModel

extension EndpointRule {
    /// Every TLS endpoint rule, in the order their findings are reported: a new rule is a file
    /// in this folder and one line here.
    static let all: [EndpointRule] = [
        .noHandshake,
        .protocolVersion,
        .protocolVersionObserved,
        .sslv2CipherKind,
        .cipherSuite,
        .keyExchangeGroup,
        .dhParameters,
        .signatureScheme,
        .signatureSchemeObserved,
        .certificateChainObserved,
        .certificateChain,
        .featureProbe,
        .probeFailure,
    ]
}

extension Judge {
    /// Every finding for one TLS endpoint: the findings of each rule of its scope, in registry
    /// order.
    func endpointFindings(_ endpoint: TLSEndpointObservation) -> [Finding] {
        let scope: EndpointRule.Scope = endpoint.noHandshakeOutcome == nil ? .handshake : .noHandshake
        var findings: [Finding] = []
        for rule in EndpointRule.all where rule.scope == scope {
            findings += rule.check(self, endpoint)
        }
        return findings
    }
}
