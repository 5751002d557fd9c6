import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Foundation

/// Key-exchange groups, in the order the server picks them.
extension TLSScanner {
    /// Every standard group of the registry but the explicit-curve code points.
    static let groupCandidates: [NamedGroup] = NamedGroupRegistry.all
        .filter { $0.isStandard && $0.kind != .explicitCurves }.map(\.group)

    /// What one chain of group probes found.
    struct GroupChainResult: Sendable {
        /// The groups the server picked, in the order it picked them.
        var accepted: [NamedGroup] = []
        /// Why the chain ended before a definite refusal, if it did.
        var failure: ProbeFailure?
        /// How the server picks its DHE group (the FFDHE chain only).
        var dheGroupSelection: DHEGroupSelection?
        /// Flights with DH parameters, for `dhParameters`.
        var flights: [ServerFlight] = []
    }

    /// Offers every candidate group and removes the one the server names, until it refuses:
    /// in TLS 1.3 an empty key_share makes the server name its group in a HelloRetryRequest;
    /// before TLS 1.3 the ServerKeyExchange of an ECDHE suite names the curve (through every
    /// kind of ECDHE suite the server accepted: signed, anonymous, PSK), and that of a DHE
    /// suite carries the FFDHE prime (see `enumerateDHEGroups`). The groups come out in the
    /// order the server picks them, with one connection per group (plus one).
    func enumerateGroups(tls13: Bool, legacy: [SuiteEnumeration], flights: [ServerFlight]) -> (Part, [ProbeFailure]) {
        var chains: [@Sendable () -> GroupChainResult] = []
        if tls13 {
            let candidates = Self.groupCandidates.filter { $0.info?.versions.contains(.tlsv1_3) == true }
            chains.append {
                groupChain(
                    candidates, version: .tlsv1_3,
                    offer: { groups in
                        ClientHelloSpec(
                            version: .tlsv1_3, cipherSuites: Self.suites(for: .tlsv1_3), serverName: serverName,
                            groups: groups, keyShareGroups: [])
                    }, chosen: { $0.serverHello?.isHelloRetryRequest == true ? $0.serverHello?.keyShareGroup : nil })
            }
        }
        if let (version, suites) = Self.highest(legacy, keyExchange: [.ecdhe, .ecdhAnon]) {
            let candidates = Self.groupCandidates.filter { $0.info?.kind == .ellipticCurve && $0.info?.versions.contains(version) == true }
            // A server with only ECDSA certificates signs with a curve the client must list
            // (RFC 8422 5.1): without it the server refuses, whatever groups are left.
            let ecdsaOnly = suites.allSatisfy { $0.info?.authentication == .ecdsa }
            let pinned = ecdsaOnly ? Self.certificateCurves(flights, suites: suites) : []
            if ecdsaOnly && pinned.isEmpty {
                chains.append {
                    GroupChainResult(
                        failure: ProbeFailure(
                            .probeCannotOffer, "groups (\(version.name)): the curve of the server's ECDSA certificate could not be read"))
                }
            } else {
                chains.append {
                    groupChain(
                        candidates, pinned: pinned, version: version,
                        offer: { groups in
                            ClientHelloSpec(version: version, cipherSuites: suites, serverName: serverName, groups: groups)
                        }, chosen: { $0.keyExchange?.ecdheGroup })
                }
            }
        }
        if let (version, suites) = Self.highest(legacy, keyExchange: [.dhe, .dhAnon]) {
            chains.append { enumerateDHEGroups(version, suites: suites) }
        }
        guard !chains.isEmpty else { return (.groups(nil, []), []) }
        let tasks = chains
        let results = workers.map(Array(tasks.indices), width: tasks.count) { tasks[$0]() }
        var accepted: [NamedGroup] = []
        for group in results.flatMap(\.accepted) where !accepted.contains(group) { accepted.append(group) }
        let failures = results.compactMap(\.failure)
        let enumeration = GroupEnumeration(
            accepted: accepted, complete: failures.isEmpty,
            dheGroupSelection: results.lazy.compactMap(\.dheGroupSelection).first)
        return (.groups(enumeration, results.flatMap(\.flights)), failures)
    }

    /// The highest version before TLS 1.3 with accepted suites of these key exchanges, and those suites.
    static func highest(_ legacy: [SuiteEnumeration], keyExchange: Set<KeyExchangeMethod>)
        -> (ProtocolVersion, [CipherSuite])?
    {
        legacy.sorted { $0.version < $1.version }.reversed().lazy.compactMap { enumeration in
            let suites = enumeration.accepted.filter { $0.info.map { keyExchange.contains($0.keyExchange) } ?? false }
            return suites.isEmpty ? nil : (enumeration.version, suites)
        }.first
    }

    /// The named groups of the EC keys in the leaf certificates the server sent with `suites`.
    static func certificateCurves(_ flights: [ServerFlight], suites: [CipherSuite]) -> [NamedGroup] {
        var curves: [NamedGroup] = []
        for flight in flights where flight.serverHello.map({ suites.contains($0.cipherSuite) }) == true {
            guard let leaf = flight.certificates.first, let curve = (try? CertificateReader.facts(der: leaf))?.publicKey.curve,
                let group = NamedGroupRegistry.all.first(where: {
                    $0.kind == .ellipticCurve && $0.isStandard && $0.curve?.lowercased() == curve.lowercased()
                })?.group
            else { continue }
            if !curves.contains(group) { curves.append(group) }
        }
        return curves
    }

    /// One "offer the rest, remove the choice" chain over `candidates`. `pinned` groups (an
    /// ECDSA certificate's curve) are offered last in every hello; once the server picks one it
    /// prefers it to everything still offered, so nothing else can be negotiated with that
    /// certificate. Only a definite refusal ends the chain as complete, and not before a
    /// first group: the server accepted these suites with the same groups offered.
    private func groupChain(
        _ candidates: [NamedGroup], pinned: [NamedGroup] = [], version: ProtocolVersion,
        offer: ([NamedGroup]) -> ClientHelloSpec, chosen: (ServerFlight) -> NamedGroup?
    ) -> GroupChainResult {
        var remaining = candidates.filter { !pinned.contains($0) }
        var pinnedLeft = pinned
        var result = GroupChainResult()
        func fail(_ code: ErrorCode, _ reason: String) -> GroupChainResult {
            result.failure = ProbeFailure(code, "groups (\(version.name)): \(reason)")
            return result
        }
        while !remaining.isEmpty || !pinnedLeft.isEmpty {
            switch step(offer(remaining + pinnedLeft)) {
            case .hello(let flight):
                guard let group = chosen(flight) else {
                    // Some servers (OpenSSL with ECDHE_PSK) pick the suite before a group and
                    // then give up with an alert: a refusal of the groups offered.
                    if flight.alert != nil && !result.accepted.isEmpty { return result }
                    return fail(
                        .probeUnexpectedAnswer,
                        "the server answered without naming a group" + (flight.alert.map { " (then \($0.name))" } ?? ""))
                }
                if let index = pinnedLeft.firstIndex(of: group) {
                    if !result.accepted.contains(group) { result.accepted.append(group) }
                    pinnedLeft.remove(at: index)
                    if pinnedLeft.isEmpty { return result }
                } else if let index = remaining.firstIndex(of: group) {
                    result.accepted.append(group)
                    remaining.remove(at: index)
                } else {
                    return fail(.probeUnexpectedChoice, "the server chose \(group.name), which was not offered")
                }
            case .refused(let alert):
                guard !result.accepted.isEmpty else {
                    return fail(
                        .probeUnexpectedRefusal,
                        "the server refused every group offered (\(alert?.name ?? "closed")), though it accepted these suites")
                }
                return result
            case .failed(let reason, let code):
                return fail(code, reason)
            }
        }
        return result
    }
}
