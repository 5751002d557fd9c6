import CryptCheckModel

extension EndpointRule {
    /// The key-exchange groups the server picks (`groupFindings`, GroupEvaluation.swift).
    static let keyExchangeGroup = EndpointRule(
        id: "key-exchange-group",
        description:
            "Each key-exchange group the server picks is judged by its curve or field size; groups needed but not observed, or incompletely, are indeterminate",
        citation: "LS-0001 (ECDH, DH and the curves it covers); LS-0003 (ECC and FFC strength); RFC 7919 (FFDHE groups)",
        scope: .handshake,
        check: { judge, endpoint in
            judge.groupFindings(endpoint, accepted: endpoint.acceptedVersions, subject: endpoint.endpoint)
        })
}
