import CryptCheckModel

extension EndpointRule {
    /// Each DH prime the server used, judged by its size.
    static let dhParameters = EndpointRule(
        id: "dh-parameters",
        description: "Each DH prime the server uses in DHE key exchange is judged by its size",
        citation: "LS-0001 (DH); LS-0003 (FFC strength of the prime)",
        scope: .handshake,
        check: { judge, endpoint in judge.dhParameterFindings(endpoint) })
}

extension Judge {
    /// One finding per observed DH prime, named by its size and known group.
    func dhParameterFindings(_ endpoint: TLSEndpointObservation) -> [Finding] {
        endpoint.dhParameters.map { parameters in
            let item = "DH \(parameters.primeBits)-bit" + (parameters.knownGroup.map { " (\($0))" } ?? " (group not identified)")
            return finding(
                subject: endpoint.endpoint, component: .dhParameters, item: item, context: nil,
                primitives: [primitive("dh", role: .keyExchange)],
                strength: strength(.ffc, size: parameters.primeBits),
                remedy: Remedy(
                    .dhParametersSize,
                    "Use a DH group of at least \(ffdheFloor) bits (acceptable without migration through the end of operation, \(policy.operationEndText)), or prefer ECDHE."
                )
            )
        }
    }
}
