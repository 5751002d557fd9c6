import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Foundation

/// Scans one TLS endpoint with raw ClientHellos: every registry suite is offered, whatever the
/// linked OpenSSL supports. Independent probes run side by side within the connection limits
/// (8 per host by default); a probe that fails is recorded as failed, never read as "not
/// supported".
public struct TLSScanner: Sendable {
    public var probe: HandshakeProbe
    public let serverName: String?
    /// Extra trust anchors (PEM) besides the system store.
    public var caFile: String?
    /// The time chains are verified at.
    public var verificationTime = Date()

    public init(host: String, port: Int, serverName: String? = nil, timeout: Duration = .seconds(5),
                limits: ConnectionLimits = ConnectionLimits(), family: AddressFamily = .any, retries: Int = 1) {
        probe = HandshakeProbe(host: host, port: port, timeout: timeout, limits: limits)
        probe.family = family
        probe.retries = retries
        self.serverName = serverName ?? host
    }

    /// How many probes run at once: as many as the per-host limit lets connect.
    var width: Int { probe.limits.perHost }

    /// The versions probed with raw ClientHellos (SSLv2 has its own record format and probe).
    public static let versions: [ProtocolVersion] = [.sslv3, .tlsv1_0, .tlsv1_1, .tlsv1_2, .tlsv1_3]

    public func scan() -> TLSEndpointObservation {
        var observation = TLSEndpointObservation(host: probe.host, port: probe.port, serverName: serverName)
        var resolved = self
        do {
            // Resolve once, so that every probe talks to the same server.
            let addresses = try EndpointAddress.resolve(host: probe.host, port: probe.port, family: probe.family)
            resolved.probe.address = firstReachable(addresses) ?? addresses[0]
            observation.address = resolved.probe.address?.numeric
        } catch {
            observation.versions = ([.sslv2] + Self.versions).map { VersionSupport(version: $0, status: .failed(reason: "\(error)")) }
            return observation
        }
        return resolved.scanAddress(observation)
    }

    /// With several addresses (IPv6 and IPv4, round robin), the first that takes a connection.
    func firstReachable(_ addresses: [EndpointAddress]) -> EndpointAddress? {
        guard addresses.count > 1 else { return addresses.first }
        var single = probe
        single.retries = 0
        for address in addresses {
            single.address = address
            if (try? single.withConnection { _, _ in true }) == true { return address }
        }
        return nil
    }

    private func scanAddress(_ start: TLSEndpointObservation) -> TLSEndpointObservation {
        var observation = start
        // 1. Versions, all at once.
        let versionResults = Parallel.map([.sslv2] + Self.versions, width: width) { version -> (VersionSupport, [SSLv2CipherKind]) in
            if version == .sslv2 {
                let (status, kinds) = probe.runSSLv2()
                return (VersionSupport(version: .sslv2, status: status), kinds)
            }
            return (VersionSupport(version: version, status: support(version)), [])
        }
        observation.versions = versionResults.map(\.0)
        observation.sslv2CipherKinds = versionResults.flatMap(\.1)
        let accepted = observation.versions.filter { $0.status == .yes }.map(\.version)

        // 2. Suites per version: each enumeration is a sequence, the versions run side by side.
        let enumerations = Parallel.map(accepted.filter { $0 != .sslv2 }, width: width) { enumerateSuites($0) }
        observation.cipherSuites = enumerations.map(\.0)
        let flights = enumerations.flatMap(\.1)
        let legacy = observation.cipherSuites.filter { $0.version < .tlsv1_3 }
        let best = legacy.last
        let tls13 = accepted.contains(.tlsv1_3)

        // 3. Everything else depends only on the suites: groups, schemes, chains, features.
        let tasks: [@Sendable () -> (Part, [String])] = [
            { enumerateGroups(tls13: tls13, legacy: legacy) },
            { best.map { enumerateSchemes(tls12: $0) } ?? (.schemes(nil), []) },
            { tls13 ? enumerateSchemesTLS13() : (.schemes(nil), []) },
            { best.map { chains($0) } ?? (.chains([]), []) },
            { tls13 ? tls13Chains() : (.chains([]), []) },
            { best.map { (.features(features($0, accepted: accepted)), []) } ?? (.features([]), []) },
        ]
        var failures: [String] = []
        var seenLeaves = Set<String>()
        for (part, partFailures) in Parallel.map(Array(tasks.indices), width: tasks.count, { tasks[$0]() }) {
            failures += partFailures
            switch part {
            case .groups(let groups): observation.groups = groups
            case .schemes(let schemes): if let schemes { observation.signatureSchemes.append(schemes) }
            case .chains(let chains):
                for chain in chains where seenLeaves.insert(chain.certificates.first?.sha256Fingerprint ?? "").inserted {
                    observation.certificateChains.append(chain)
                }
            case .features(let features): observation.features = features
            }
        }
        if let best { observation.dhParameters = dhParameters(best, flights: flights) }
        observation.failures = failures
        return observation
    }

    /// What one of the independent probe families found.
    enum Part: Sendable {
        case groups(GroupEnumeration?)
        case schemes(SchemeEnumeration?)
        case chains([CertificateChain])
        case features([FeatureSupport])
    }

    // MARK: certificate chains

    /// A chain's facts, and what verifying it against the trust store and the host name showed.
    func chain(_ ders: [[UInt8]], failures: inout [String]) -> CertificateChain {
        var certificates: [CertificateFacts] = []
        for der in ders {
            do {
                certificates.append(try CertificateReader.facts(der: der))
            } catch {
                failures.append("certificate from the server could not be read: \(error)")
            }
        }
        var chain = CertificateChain(certificates: certificates)
        if certificates.count == ders.count, !certificates.isEmpty { chain.order = ChainOrder.of(certificates) }
        do {
            let result = try ChainVerifier.verify(chain: ders, caFile: caFile, at: verificationTime)
            chain.trusted = result.trusted
            chain.trustFailure = result.reason
            chain.complete = !result.issuerMissing
            if result.issuerMissing { chain.missingIssuer = lastOnPath(certificates)?.issuer }
            if let leaf = ders.first { chain.hostnameMatches = try ChainVerifier.matches(leaf: leaf, host: serverName ?? probe.host) }
        } catch {
            failures.append("certificate chain could not be verified: \(error)")
        }
        return chain
    }

    /// The last certificate reached by following issuers from the leaf through what was sent.
    private func lastOnPath(_ certificates: [CertificateFacts]) -> CertificateFacts? {
        guard var current = certificates.first else { return nil }
        var used: Set<Int> = [0]
        while !current.isSelfSigned,
              let next = certificates.indices.first(where: { !used.contains($0) && certificates[$0].subject == current.issuer }) {
            used.insert(next)
            current = certificates[next]
        }
        return current
    }

    /// One chain per certificate type: RSA-authenticated and ECDSA-authenticated suites apart.
    func chains(_ enumeration: SuiteEnumeration) -> (Part, [String]) {
        let kinds = [AuthenticationMethod.ecdsa, .rsa, .dsa].filter { kind in
            enumeration.accepted.contains { $0.info?.authentication == kind }
        }
        let results = Parallel.map(kinds, width: width) { kind -> (CertificateChain?, [String]) in
            let suites = enumeration.accepted.filter { $0.info?.authentication == kind }
            guard case .hello(let flight) = probe.run(spec(enumeration.version, suites: suites)), !flight.certificates.isEmpty else {
                return (nil, [])
            }
            var failures: [String] = []
            return (chain(flight.certificates, failures: &failures), failures)
        }
        return (.chains(results.compactMap(\.0)), results.flatMap(\.1))
    }

    /// TLS 1.3 encrypts the Certificate message: a full OpenSSL handshake on our socket shows
    /// it. The signature algorithms offered pick the certificate type (ECDSA, RSA, EdDSA).
    func tls13Chains() -> (Part, [String]) {
        let selections = ["ECDSA+SHA256:ECDSA+SHA384:ECDSA+SHA512",
                          "rsa_pss_rsae_sha256:rsa_pss_rsae_sha384:rsa_pss_rsae_sha512:rsa_pss_pss_sha256:rsa_pss_pss_sha384:rsa_pss_pss_sha512",
                          "ed25519:ed448"]
        let results = Parallel.map(selections, width: width) { selection -> Result<[[UInt8]], Error> in
            Result {
                try probe.withConnection { connection, deadline in
                    var received = 0
                    return try FullHandshake.run(
                        version: ProtocolVersion.tlsv1_3.rawValue, serverName: serverName, signatureAlgorithms: selection,
                        send: { try connection.send($0, deadline: deadline) },
                        receive: {
                            let bytes = try connection.receive(deadline: deadline)
                            received += bytes.count
                            guard received <= HandshakeProbe.readLimit else {
                                throw ConnectionError("the server sent too much", transient: false)
                            }
                            return bytes
                        }).certificates
                }
            }
        }
        var chains: [CertificateChain] = []
        var failures: [String] = []
        for case .success(let ders) in results where !ders.isEmpty {
            chains.append(chain(ders, failures: &failures))
        }
        // A handshake the server refuses only means it holds no such certificate; a connection
        // that failed, or no chain at all, is a failure.
        for case .failure(let error) in results where error is ConnectionError || chains.isEmpty {
            failures.append("TLS 1.3 certificate chain: \(error)")
            if chains.isEmpty { break }
        }
        return (.chains(chains), failures)
    }

    // MARK: suites and preference

    /// Every registry suite usable under `version` (GREASE and signalling values excluded).
    static func suites(for version: ProtocolVersion) -> [CipherSuite] {
        CipherSuiteRegistry.all.filter { $0.versions.contains(version) }.map(\.suite)
    }

    func spec(_ version: ProtocolVersion, suites: [CipherSuite]) -> ClientHelloSpec {
        ClientHelloSpec(version: version, cipherSuites: suites, serverName: serverName,
                        keyShareGroups: version >= .tlsv1_3 ? [NamedGroup(0x001D), NamedGroup(0x0017)] : [])
    }

    /// Most suites offered in one ClientHello: some servers and middleboxes drop or choke on
    /// larger hellos, so the registry's suites are offered in chunks of this size.
    static let chunkSize = 128

    /// The suites of `version` in ClientHello-sized chunks.
    static func chunks(for version: ProtocolVersion) -> [[CipherSuite]] {
        let all = suites(for: version)
        return stride(from: 0, to: all.count, by: chunkSize).map { Array(all[$0..<min($0 + chunkSize, all.count)]) }
    }

    /// Whether the server speaks `version`: yes if it answers any chunk of suites with a
    /// ServerHello of that version; failed if a probe failed and none said yes.
    func support(_ version: ProtocolVersion) -> ProbeStatus {
        let outcomes = Parallel.map(Self.chunks(for: version), width: width) { probe.run(spec(version, suites: $0)) }
        var failure: String?
        for outcome in outcomes {
            switch outcome {
            case .hello(let flight) where flight.serverHello?.version == version: return .yes
            case .failed(let reason): failure = failure ?? reason
            default: break
            }
        }
        return failure.map { .failed(reason: $0) } ?? .no
    }

    /// Every suite the server accepts under `version`: each chunk is enumerated on its own
    /// (side by side); when several chunks contributed, the accepted suites are enumerated
    /// once more together, which puts them in the server's order across chunks.
    func enumerateSuites(_ version: ProtocolVersion) -> (SuiteEnumeration, [ServerFlight]) {
        let parts = Parallel.map(Self.chunks(for: version), width: width) { enumerate(version, offering: $0) }
        var accepted = parts.flatMap(\.accepted)
        let flights = parts.flatMap(\.flights)
        var complete = parts.allSatisfy(\.complete)
        if parts.filter({ !$0.accepted.isEmpty }).count > 1 {
            let merged = enumerate(version, offering: accepted)
            if merged.complete && Set(merged.accepted) == Set(accepted) {
                accepted = merged.accepted
            } else {
                complete = false  // the server answered differently with the suites together
            }
        }
        var preference = PreferenceOrder.unknown
        if accepted.count >= 2 {
            // Offer the first two in reverse: a server-preferring server still picks the first.
            if case .hello(let flight) = probe.run(spec(version, suites: [accepted[1], accepted[0]])) {
                preference = flight.serverHello?.cipherSuite == accepted[0] ? .server : .client
            }
        }
        if preference == .client {
            let order = Self.suites(for: version)
            accepted.sort { (order.firstIndex(of: $0) ?? 0) < (order.firstIndex(of: $1) ?? 0) }
        }
        return (SuiteEnumeration(version: version, accepted: accepted, preference: preference, complete: complete), flights)
    }

    /// Offers `suites`, records the server's choice, removes it, and asks again. With server
    /// preference the choices come out in the server's order. (A HelloRetryRequest names the
    /// chosen suite as well as a ServerHello does.)
    func enumerate(_ version: ProtocolVersion, offering suites: [CipherSuite])
        -> (accepted: [CipherSuite], flights: [ServerFlight], complete: Bool) {
        var remaining = suites
        var accepted: [CipherSuite] = []
        var flights: [ServerFlight] = []
        var complete = true
        while !remaining.isEmpty {
            let outcome = probe.run(spec(version, suites: remaining))
            guard case .hello(let flight) = outcome, let hello = flight.serverHello, hello.version == version else {
                if case .failed = outcome { complete = false }
                break
            }
            guard let index = remaining.firstIndex(of: hello.cipherSuite) else {
                complete = false  // the server chose a suite that was not offered
                break
            }
            accepted.append(hello.cipherSuite)
            flights.append(flight)
            remaining.remove(at: index)
        }
        return (accepted, flights, complete)
    }

    // MARK: groups

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

    // MARK: signature schemes, DH parameters, features

    /// TLS 1.2: the schemes the server signs its (EC)DHE parameters with. The ServerKeyExchange
    /// names the scheme, so all remaining schemes are offered and the one used is removed,
    /// until the server refuses (any certificate chain stays allowed).
    func enumerateSchemes(tls12 enumeration: SuiteEnumeration) -> (Part, [String]) {
        let signed = enumeration.accepted.filter {
            guard let info = $0.info else { return false }
            return info.hasForwardSecrecy && info.authentication != .anonymous
        }
        guard enumeration.version == .tlsv1_2, !signed.isEmpty else { return (.schemes(nil), []) }
        var remaining = ClientHelloSpec.defaultSignatureSchemes
        var accepted: [SignatureScheme] = []
        var failure: String?
        chain: while !remaining.isEmpty {
            var hello = ClientHelloSpec(version: .tlsv1_2, cipherSuites: signed, serverName: serverName)
            hello.signatureSchemes = remaining
            hello.certificateSignatureSchemes = ClientHelloSpec.defaultSignatureSchemes
            switch probe.run(hello) {
            case .hello(let flight):
                guard let scheme = flight.keyExchange?.signatureScheme else {
                    failure = "signature schemes (TLS 1.2): the ServerKeyExchange names no scheme"
                    break chain
                }
                guard let index = remaining.firstIndex(of: scheme) else {
                    // A server that ignores the client's list still shows what it signs with.
                    if !accepted.contains(scheme) { accepted.append(scheme) }
                    break chain
                }
                accepted.append(scheme)
                remaining.remove(at: index)
            case .refused:
                break chain
            case .failed(let reason):
                failure = "signature schemes (TLS 1.2): \(reason)"
                break chain
            }
        }
        return (.schemes(SchemeEnumeration(version: .tlsv1_2, accepted: accepted, complete: failure == nil)), failure.map { [$0] } ?? [])
    }

    /// Offers each candidate scheme on its own (side by side) and collects those `probe` says yes to.
    private func enumerateSchemes(_ version: ProtocolVersion, candidates: [SignatureScheme],
                                  probe: @escaping @Sendable (SignatureScheme) -> ProbeStatus) -> (Part, [String]) {
        let results = Parallel.map(candidates, width: width, probe)
        let failures = zip(candidates, results).compactMap { scheme, status -> String? in
            guard case .failed(let reason) = status else { return nil }
            return "signature scheme \(scheme.name) (\(version.name)): \(reason)"
        }
        let accepted = zip(candidates, results).filter { $0.1 == .yes }.map(\.0)
        return (.schemes(SchemeEnumeration(version: version, accepted: accepted, complete: failures.isEmpty)), failures)
    }

    /// TLS 1.3: CertificateVerify is encrypted, but a server that cannot sign with any scheme
    /// offered refuses before its ServerHello. So each scheme is offered alone (with every
    /// scheme allowed for the certificate chain), and a ServerHello means the server signs
    /// with it.
    func enumerateSchemesTLS13() -> (Part, [String]) {
        let candidates = ClientHelloSpec.defaultSignatureSchemes.filter { $0.info?.versions.contains(.tlsv1_3) == true }
        return enumerateSchemes(.tlsv1_3, candidates: candidates) { scheme in
            var hello = spec(.tlsv1_3, suites: Self.suites(for: .tlsv1_3))
            hello.signatureSchemes = [scheme]
            hello.certificateSignatureSchemes = ClientHelloSpec.defaultSignatureSchemes
            var outcome = probe.run(hello)
            // A HelloRetryRequest comes before the server picks its certificate: answer it with
            // a key share for the group it asks for, and look at the ServerHello then.
            if case .hello(let flight) = outcome, let retry = flight.serverHello, retry.isHelloRetryRequest {
                guard let group = retry.keyShareGroup, KeyShare.publicValue(for: group) != nil else {
                    return .failed(reason: "the server wants a key share for a group the scanner cannot offer")
                }
                hello.keyShareGroups = [group]
                outcome = probe.run(hello)
            }
            switch outcome {
            case .hello(let flight) where flight.serverHello?.isHelloRetryRequest == false: return .yes
            case .failed(let reason): return .failed(reason: reason)
            default: return .no
            }
        }
    }

    /// Each distinct DH prime the server used, with its size and, if it is one, the name of the
    /// well-known group (RFC 7919, RFC 3526, RFC 5114) it matches.
    func dhParameters(_ enumeration: SuiteEnumeration, flights: [ServerFlight]) -> [DHParameterFacts] {
        var seen = Set<[UInt8]>()
        var result: [DHParameterFacts] = []
        for exchange in flights.compactMap(\.keyExchange) {
            guard let prime = exchange.dhPrime, let bits = exchange.dhPrimeBits, seen.insert(prime).inserted else { continue }
            let name = (try? Digest.sha256Hex(prime)).flatMap { KnownDHGroups.byPrimeSHA256[$0] }
            result.append(DHParameterFacts(primeBits: bits, knownGroup: name))
        }
        return result.sorted { ($0.primeBits, $0.knownGroup ?? "") < ($1.primeBits, $1.knownGroup ?? "") }
    }

    func features(_ enumeration: SuiteEnumeration, accepted: [ProtocolVersion]) -> [FeatureSupport] {
        let hello = spec(enumeration.version, suites: enumeration.accepted)
        var compressed = hello
        compressed.compressionMethods = [1, 0]
        var fallback: ClientHelloSpec?
        if let highest = accepted.max(), let lower = accepted.filter({ $0 < highest && $0 != .sslv2 }).max() {
            fallback = spec(lower, suites: Self.suites(for: lower))
            fallback?.fallbackSCSV = true
        }
        let outcomes = Parallel.map([hello, compressed] + (fallback.map { [$0] } ?? []), width: width) { probe.run($0) }
        var features: [FeatureSupport] = []
        switch outcomes[0] {
        case .hello(let flight):
            let extensions = flight.serverHello?.extensions ?? []
            features.append(FeatureSupport(feature: "secure-renegotiation", status: extensions.contains(0xFF01) ? .yes : .no))
            features.append(FeatureSupport(feature: "extended-master-secret", status: extensions.contains(23) ? .yes : .no))
            features.append(FeatureSupport(feature: "encrypt-then-mac", status: extensions.contains(22) ? .yes : .no))
        case .refused:
            break
        case .failed(let reason):
            for feature in ["secure-renegotiation", "extended-master-secret", "encrypt-then-mac"] {
                features.append(FeatureSupport(feature: feature, status: .failed(reason: reason)))
            }
        }
        switch outcomes[1] {
        case .hello(let flight): features.append(FeatureSupport(feature: "compression", status: flight.serverHello?.compressionMethod == 1 ? .yes : .no))
        case .refused: features.append(FeatureSupport(feature: "compression", status: .no))
        case .failed(let reason): features.append(FeatureSupport(feature: "compression", status: .failed(reason: reason)))
        }
        if outcomes.count > 2 {
            switch outcomes[2] {
            case .refused(let alert): features.append(FeatureSupport(feature: "fallback-scsv", status: alert?.description == 86 ? .yes : .no))
            case .hello: features.append(FeatureSupport(feature: "fallback-scsv", status: .no))
            case .failed(let reason): features.append(FeatureSupport(feature: "fallback-scsv", status: .failed(reason: reason)))
            }
        }
        return features
    }
}

extension TLSScanner {
    /// Scans several endpoints side by side, results in the order given. The scanners should
    /// share one `ConnectionLimits`, which keeps the total and per-host connections bounded.
    public static func scan(_ scanners: [TLSScanner]) -> [TLSEndpointObservation] {
        let width = scanners.first?.probe.limits.global ?? 1
        return Parallel.map(scanners, width: width) { $0.scan() }
    }
}
