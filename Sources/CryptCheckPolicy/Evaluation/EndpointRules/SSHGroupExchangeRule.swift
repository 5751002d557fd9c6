import CryptCheckModel

extension SSHEndpointRule {
    /// Each prime the server chose in a group exchange, judged by its size; a request it refused
    /// gives none, one whose answer was not seen is indeterminate.
    static let sshGroupExchange = SSHEndpointRule(
        id: "ssh-group-exchange",
        description: "Each DH prime the server chose for a group-exchange request is judged by its size",
        citation: "LS-0001 (DH); LS-0003 (FFC strength of the prime); RFC 4419 3",
        scope: .keyExchange,
        check: { judge, endpoint in judge.sshGroupExchangeFindings(endpoint) })
}

extension Judge {
    func sshGroupExchangeFindings(_ endpoint: SSHEndpointObservation) -> [Finding] {
        // The same prime size chosen for several requests is one finding.
        var seen: Set<Int> = []
        return endpoint.groupExchange.compactMap { group -> Finding? in
            let request = "request \(group.minimum)/\(group.preferred)/\(group.maximum)"
            // The server disconnected or closed on the request, after the key exchanges were
            // agreed: it refuses to give a prime in that range (OpenSSH below 2048 bits), which
            // offers nothing to judge.
            if group.primeBits == nil, group.failureCode == .sshWireClosed { return nil }
            guard let bits = group.primeBits else {
                return indeterminate(
                    subject: endpoint.subject, component: .sshGroupExchange, item: "\(group.keyExchange) \(request)",
                    reason: "the prime the server chose was not observed: \(group.failure ?? "no reason recorded")",
                    errorCode: group.failureCode)
            }
            guard seen.insert(bits).inserted else { return nil }
            return finding(
                subject: endpoint.subject, component: .sshGroupExchange, item: "DH \(bits)-bit (\(group.keyExchange))",
                context: request, primitives: [primitive("dh", role: .keyExchange)], strength: strength(.ffc, size: bits),
                remedy: Remedy(
                    .dhParametersSize,
                    "Remove the primes smaller than \(ffdheFloor) bits from the server's moduli file (/etc/ssh/moduli), or remove \(group.keyExchange) from its key exchanges."
                ))
        }
    }
}
