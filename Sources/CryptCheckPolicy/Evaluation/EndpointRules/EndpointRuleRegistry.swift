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
        .activeAttack,
        .cipherAttacks,
        .logjam,
        .drown,
        .crime,
        .certificateHygiene,
        .probeFailure,
    ]

    /// The rules that judge a protocol declared in a CycloneDX BOM: its versions and suites.
    static let declaredRules: Set<String> = ["protocol-version", "sslv2-cipher-kind", "cipher-suite"]
}

extension Judge {
    /// Every finding for one TLS endpoint: the findings of each rule of its scope, in registry
    /// order.
    func endpointFindings(_ endpoint: TLSEndpointObservation) -> [Finding] {
        if endpoint.declared != nil {
            // A BOM declares a protocol's versions and suites, nothing a handshake shows
            // (groups, chains, features): those rules have no facts to judge.
            return EndpointRule.all.filter { EndpointRule.declaredRules.contains($0.id) }
                .flatMap { $0.check(self, endpoint) }.map(Self.markedDeclared)
        }
        let scope: EndpointRule.Scope = endpoint.noHandshakeOutcome == nil ? .handshake : .noHandshake
        var findings: [Finding] = []
        for rule in EndpointRule.all where rule.scope == scope {
            findings += rule.check(self, endpoint)
        }
        return findings
    }
}
