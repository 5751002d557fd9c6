import CryptCheckModel

extension EndpointRule {
    /// Logjam: export DHE, and DH primes small enough, or shared widely enough, to precompute.
    static let logjam = EndpointRule(
        id: "attack-logjam",
        description:
            "Logjam: vulnerable when an export DHE suite is accepted or a DH prime of 1024 bits or less is used (naming the shared prime it matches: RFC 2409, 3526, 5114, 7919 groups and widespread server defaults); not vulnerable when no DHE suite is accepted or every prime seen is larger; indeterminate when the suites or the primes were not observed",
        citation: "CVE-2015-4000 (Adrian et al., CCS 2015); LS-0001 (DH); LS-0003 (FFC strength)",
        scope: .handshake,
        check: { judge, endpoint in [judge.logjamFinding(endpoint)] })
}

extension Judge {
    /// DH primes at or below this many bits are within reach of a precomputation (Logjam).
    static let logjamPrimeBits = 1024

    func logjamFinding(_ endpoint: TLSEndpointObservation) -> Finding {
        let subject = endpoint.endpoint
        let found = suiteAttackState(endpoint, versions: Self.legacyVersions, matches: { [.dhe, .dh].contains($0.keyExchange) })
        let remedy = Remedy(
            .dhParametersSize,
            "Disable the export suites and use a DH group of at least 2048 bits (RFC 7919 ffdhe2048 or larger), or prefer ECDHE.")
        let dh = [primitive("dh", role: .keyExchange)]
        if let state = found.state {
            // No DHE suite is accepted, or whether one is was not observed.
            return attackFinding(.logjam, subject: subject, state: state, primitives: [], remedy: remedy)
        }
        let exports = found.hits.filter(\.info.isExport)
        // The primes by size and name: by their hash when it was kept (the widespread defaults
        // too), else by the named group the scan matched.
        let primes: [(bits: Int, name: String?)] =
            endpoint.hygiene?.dhPrimes.flatMap { $0.isEmpty ? nil : $0 }?.map { ($0.bits, CommonDHPrimes.name(ofSHA256: $0.sha256)) }
            ?? endpoint.dhParameters.map { ($0.primeBits, $0.knownGroup) }
        let weak = primes.filter { $0.bits <= Self.logjamPrimeBits }
        var reasons: [String] = []
        if !exports.isEmpty { reasons.append("export DHE suites are accepted: \(Self.hitList(exports))") }
        for prime in weak {
            if let name = prime.name {
                reasons.append(
                    "a \(prime.bits)-bit DH prime is used, the shared prime \(name): one precomputation breaks every server using it")
            } else {
                reasons.append("a \(prime.bits)-bit DH prime is used, of the server's own")
            }
        }
        let strength = weak.map(\.bits).min().flatMap { self.strength(.ffc, size: $0) }
        if !reasons.isEmpty {
            var finding = attackFinding(
                .logjam, subject: subject, state: .vulnerable(reason: reasons.joined(separator: "; ")),
                primitives: dh + brokenPrimitives(exports, roles: [.cipher]), hits: exports, remedy: remedy)
            finding.strength = strength
            return finding
        }
        if let unknown = found.unknown {
            return attackFinding(.logjam, subject: subject, state: unknown, primitives: dh, remedy: remedy)
        }
        guard !primes.isEmpty else {
            return attackFinding(
                .logjam, subject: subject,
                state: .unknown(reason: "DHE suites are accepted, but the DH primes they use were not observed", code: nil),
                primitives: dh, remedy: remedy)
        }
        let seen = primes.map { "\($0.bits)-bit" + ($0.name.map { " (\($0))" } ?? "") }.joined(separator: ", ")
        return attackFinding(
            .logjam, subject: subject,
            state: .absent(reason: "no export DHE suite is accepted and every DH prime seen is larger than 1024 bits: \(seen)"),
            primitives: dh, remedy: remedy)
    }
}
