import CryptCheckModel

extension SSHEndpointRule {
    /// An endpoint whose algorithm lists were never read: one indeterminate finding that says what
    /// happened instead.
    static let sshNoKeyExchange = SSHEndpointRule(
        id: "ssh-no-key-exchange",
        description: "An SSH endpoint whose identification and KEXINIT were not read is indeterminate, with what happened instead",
        citation: "RFC 4253 4.2, 7.1; not observed is indeterminate",
        scope: .noKeyExchange,
        check: { judge, endpoint in
            let what =
                switch endpoint.outcome.kind {
                case .kexInit: "the KEXINIT was read"
                case .unresolved: "the host name did not resolve"
                case .unreachable: "the endpoint could not be reached"
                case .notSSH: "the server does not speak SSH 2.0"
                case .silent: "the server closed or sent nothing before its KEXINIT"
                case .malformed: "the server's identification or KEXINIT was malformed"
                }
            let detail = endpoint.outcome.detail.map { ": \($0)" } ?? ""
            return [
                judge.indeterminate(
                    subject: endpoint.subject, component: .endpoint, item: endpoint.subject,
                    reason: "no SSH key exchange: \(what)\(detail)", errorCode: endpoint.outcome.code)
            ]
        })
}
