import CryptCheckModel

/// One judgement of an SSH endpoint, in the pattern of `EndpointRule`: a stable id, what it
/// checks, the document it rests on, and the check. Every rule is a file of its own in this
/// folder; `SSHEndpointRule.all` runs them in order.
struct SSHEndpointRule: Sendable {
    /// Which endpoints a rule judges: one whose KEXINIT was never read gets only the
    /// `.noKeyExchange` rules, every other endpoint only the `.keyExchange` rules.
    enum Scope: Sendable {
        case noKeyExchange, keyExchange
    }

    /// A stable kebab-case name (`ssh-cipher`), listed in ARCHITECTURE.md.
    let id: String
    /// One line: what the rule judges.
    let description: String
    /// The document, section or RFC the rule rests on.
    let citation: String
    let scope: Scope
    /// The findings for one endpoint, in the order they are reported.
    let check: @Sendable (Judge, SSHEndpointObservation) -> [Finding]
}

extension SSHEndpointRule {
    /// Every SSH endpoint rule, in the order their findings are reported.
    static let all: [SSHEndpointRule] = [
        .sshNoKeyExchange,
        .sshKeyExchangeCompleted,
        .sshKeyExchange,
        .sshGroupExchange,
        .sshHostKeyAlgorithm,
        .sshHostKey,
        .sshCipher,
        .sshMAC,
        .sshCompression,
        .sshProbeFailure,
    ]
}

extension Judge {
    /// Every finding for one SSH endpoint: the findings of each rule of its scope, in order.
    func sshEndpointFindings(_ endpoint: SSHEndpointObservation) -> [Finding] {
        let scope: SSHEndpointRule.Scope = endpoint.outcome.isObserved ? .keyExchange : .noKeyExchange
        let findings = SSHEndpointRule.all.filter { $0.scope == scope }.flatMap { $0.check(self, endpoint) }
        // An endpoint a BOM declared is judged by the same rules, every finding marked declared.
        return endpoint.declared == nil ? findings : findings.map(Self.markedDeclared)
    }
}
