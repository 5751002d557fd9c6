import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Foundation

/// Key-exchange groups, in the order the server picks them.
extension TLSScanner {
    static let groupCandidates: [NamedGroup] = NamedGroupRegistry.all
        .filter { $0.isStandard && $0.kind != .explicitCurves }.map(\.group)

    /// Offers every candidate group and removes the one the server names, until it refuses:
    /// in TLS 1.3 an empty key_share makes the server name its group in a HelloRetryRequest;
    /// in TLS 1.2 the ECDHE ServerKeyExchange names the curve. The groups come out in the
    /// order the server picks them, with one connection per group (plus one).
    func enumerateGroups(tls13: Bool, legacy: [SuiteEnumeration]) -> (Part, [String]) {
        let ecdhe = legacy.last.map { enumeration in
            (enumeration.version, enumeration.accepted.filter { $0.info?.keyExchange == .ecdhe })
        }
        var chains: [@Sendable () -> (accepted: [NamedGroup], failure: String?)] = []
        if tls13 {
            let candidates = Self.groupCandidates.filter { $0.info?.versions.contains(.tlsv1_3) == true }
            chains.append {
                groupChain(candidates, version: .tlsv1_3, offer: { groups in
                    ClientHelloSpec(version: .tlsv1_3, cipherSuites: Self.suites(for: .tlsv1_3), serverName: serverName,
                                    groups: groups, keyShareGroups: [])
                }, chosen: { $0.serverHello?.isHelloRetryRequest == true ? $0.serverHello?.keyShareGroup : nil })
            }
        }
        if let (version, suites) = ecdhe, !suites.isEmpty {
            let candidates = Self.groupCandidates.filter { $0.info?.kind == .ellipticCurve && $0.info?.versions.contains(version) == true }
            chains.append {
                groupChain(candidates, version: version, offer: { groups in
                    ClientHelloSpec(version: version, cipherSuites: suites, serverName: serverName, groups: groups)
                }, chosen: { $0.keyExchange?.ecdheGroup })
            }
        }
        guard !chains.isEmpty else { return (.groups(nil), []) }
        let tasks = chains
        let results = Parallel.map(Array(tasks.indices), width: tasks.count) { tasks[$0]() }
        var accepted: [NamedGroup] = []
        for group in results.flatMap(\.accepted) where !accepted.contains(group) { accepted.append(group) }
        let failures = results.compactMap(\.failure)
        return (.groups(GroupEnumeration(accepted: accepted, complete: failures.isEmpty)), failures)
    }

    /// One "offer the rest, remove the choice" chain over `candidates`.
    private func groupChain(_ candidates: [NamedGroup], version: ProtocolVersion, offer: ([NamedGroup]) -> ClientHelloSpec,
                            chosen: (ServerFlight) -> NamedGroup?) -> (accepted: [NamedGroup], failure: String?) {
        var remaining = candidates
        var accepted: [NamedGroup] = []
        while !remaining.isEmpty {
            switch probe.run(offer(remaining)) {
            case .hello(let flight):
                guard let group = chosen(flight) else {
                    return (accepted, "groups (\(version.name)): the server answered without naming a group")
                }
                guard let index = remaining.firstIndex(of: group) else {
                    return (accepted, "groups (\(version.name)): the server chose \(group.name), which was not offered")
                }
                accepted.append(group)
                remaining.remove(at: index)
            case .refused:
                return (accepted, nil)
            case .failed(let reason):
                return (accepted, "groups (\(version.name)): \(reason)")
            }
        }
        return (accepted, nil)
    }
}
