import CryptCheckFiles
import CryptCheckModel
import CryptCheckOpenSSL
import Foundation

/// Scans one TLS endpoint with raw ClientHellos: every registry suite is offered, whatever the
/// linked OpenSSL supports. Each step is one handshake at a time (polite to the server); a
/// probe that fails is recorded as failed, never read as "not supported".
public struct TLSScanner: Sendable {
    public let probe: HandshakeProbe
    public let serverName: String?
    /// Extra trust anchors (PEM) besides the system store.
    public var caFile: String?
    /// The time chains are verified at.
    public var verificationTime = Date()

    public init(host: String, port: Int, serverName: String? = nil, timeout: Duration = .seconds(5)) {
        probe = HandshakeProbe(host: host, port: port, timeout: timeout)
        self.serverName = serverName ?? host
    }

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
        do {
            let result = try ChainVerifier.verify(chain: ders, caFile: caFile, at: verificationTime)
            chain.trusted = result.trusted
            chain.trustFailure = result.reason
            if let leaf = ders.first { chain.hostnameMatches = try ChainVerifier.matches(leaf: leaf, host: serverName ?? probe.host) }
        } catch {
            failures.append("certificate chain could not be verified: \(error)")
        }
        return chain
    }

    /// The versions probed with raw ClientHellos (SSLv2 has its own record format and probe).
    public static let versions: [ProtocolVersion] = [.sslv3, .tlsv1_0, .tlsv1_1, .tlsv1_2, .tlsv1_3]

    public func scan() -> TLSEndpointObservation {
        var observation = TLSEndpointObservation(host: probe.host, port: probe.port, serverName: serverName)
        var failures: [String] = []
        observation.versions.append(VersionSupport(version: .sslv2, status: probe.runSSLv2()))
        for version in Self.versions {
            switch probe.run(spec(version, suites: Self.suites(for: version))) {
            case .hello(let flight):
                observation.versions.append(VersionSupport(version: version,
                                                           status: flight.serverHello?.version == version ? .yes : .no))
            case .refused:
                observation.versions.append(VersionSupport(version: version, status: .no))
            case .failed(let reason):
                observation.versions.append(VersionSupport(version: version, status: .failed(reason: reason)))
            }
        }
        let accepted = observation.versions.filter { $0.status == .yes }.map(\.version)
        var flights: [ServerFlight] = []
        for version in accepted {
            let (enumeration, seen) = enumerateSuites(version)
            observation.cipherSuites.append(enumeration)
            flights += seen
        }
        let legacy = observation.cipherSuites.filter { $0.version < .tlsv1_3 }
        observation.groups = enumerateGroups(tls13: accepted.contains(.tlsv1_3), legacy: legacy, failures: &failures)
        if let best = legacy.last {
            observation.signatureSchemes = enumerateSchemes(best, failures: &failures)
            observation.dhParameters = dhParameters(best, flights: flights)
            observation.certificateChains = chains(best, failures: &failures)
            observation.features = features(best, accepted: accepted)
        }
        if observation.certificateChains.isEmpty, accepted.contains(.tlsv1_3) {
            // TLS 1.3 encrypts the Certificate message: only a full handshake shows the chain.
            if let chain = tls13Chain(failures: &failures) { observation.certificateChains.append(chain) }
        }
        observation.failures = failures
        return observation
    }

    /// The chain a TLS 1.3 server sends, through a complete OpenSSL handshake on our socket.
    func tls13Chain(failures: inout [String]) -> CertificateChain? {
        let deadline = ContinuousClock.now + probe.timeout
        do {
            let connection = try TCPConnection(host: probe.host, port: probe.port, deadline: deadline)
            var received = 0
            let result = try FullHandshake.run(
                version: ProtocolVersion.tlsv1_3.rawValue, serverName: serverName,
                send: { try connection.send($0, deadline: deadline) },
                receive: {
                    let bytes = try connection.receive(deadline: deadline)
                    received += bytes.count
                    guard received <= HandshakeProbe.readLimit else { throw ConnectionError("the server sent too much") }
                    return bytes
                })
            return chain(result.certificates, failures: &failures)
        } catch {
            failures.append("TLS 1.3 certificate chain: \(error)")
            return nil
        }
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

    /// Offers all remaining suites, records the server's choice, removes it, and asks again.
    /// With server preference the choices come out in the server's order.
    func enumerateSuites(_ version: ProtocolVersion) -> (SuiteEnumeration, [ServerFlight]) {
        var remaining = Self.suites(for: version)
        var accepted: [CipherSuite] = []
        var flights: [ServerFlight] = []
        var complete = true
        while !remaining.isEmpty {
            let outcome = probe.run(spec(version, suites: remaining))
            guard case .hello(let flight) = outcome, let hello = flight.serverHello,
                  hello.version == version, !hello.isHelloRetryRequest
            else {
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
        var preference = PreferenceOrder.unknown
        if accepted.count >= 2 {
            // Offer the first two in reverse: a server-preferring server still picks the first.
            if case .hello(let flight) = probe.run(spec(version, suites: [accepted[1], accepted[0]])) {
                preference = flight.serverHello?.cipherSuite == accepted[0] ? .server : .client
            }
        }
        if preference == .client {
            accepted.sort { (Self.suites(for: version).firstIndex(of: $0) ?? 0) < (Self.suites(for: version).firstIndex(of: $1) ?? 0) }
        }
        return (SuiteEnumeration(version: version, accepted: accepted, preference: preference, complete: complete), flights)
    }

    // MARK: groups

    static let groupCandidates: [NamedGroup] = NamedGroupRegistry.all
        .filter { $0.isStandard && $0.kind != .explicitCurves }.map(\.group)

    /// TLS 1.3: an empty key_share makes the server name its group in a HelloRetryRequest.
    /// TLS 1.2: the curve of the ECDHE ServerKeyExchange when only one group is offered.
    func enumerateGroups(tls13: Bool, legacy: [SuiteEnumeration], failures: inout [String]) -> GroupEnumeration? {
        var accepted: [NamedGroup] = []
        var complete = true
        let ecdhe = legacy.last.map { enumeration in
            (enumeration.version, enumeration.accepted.filter { $0.info?.keyExchange == .ecdhe })
        }
        for group in Self.groupCandidates {
            if tls13, group.info?.versions.contains(.tlsv1_3) == true {
                var hello = ClientHelloSpec(version: .tlsv1_3, cipherSuites: Self.suites(for: .tlsv1_3), serverName: serverName,
                                            groups: [group], keyShareGroups: [])
                hello.keyShareGroups = []
                switch probe.run(hello) {
                case .hello(let flight) where flight.serverHello?.keyShareGroup == group:
                    accepted.append(group)
                    continue
                case .failed(let reason):
                    complete = false
                    failures.append("group \(group.name) (TLS 1.3): \(reason)")
                default:
                    break
                }
            }
            if let (version, suites) = ecdhe, !suites.isEmpty, group.info?.kind == .ellipticCurve,
               group.info?.versions.contains(version) == true {
                let hello = ClientHelloSpec(version: version, cipherSuites: suites, serverName: serverName, groups: [group])
                switch probe.run(hello) {
                case .hello(let flight) where flight.keyExchange?.ecdheGroup == group:
                    accepted.append(group)
                case .failed(let reason):
                    complete = false
                    failures.append("group \(group.name) (\(version.name)): \(reason)")
                default:
                    break
                }
            }
        }
        guard tls13 || ecdhe?.1.isEmpty == false else { return accepted.isEmpty ? nil : GroupEnumeration(accepted: accepted) }
        return GroupEnumeration(accepted: accepted, complete: complete)
    }

    // MARK: TLS 1.2 signature schemes, DH parameters, certificates, features

    /// The schemes the server signs its (EC)DHE parameters with, one offered at a time.
    func enumerateSchemes(_ enumeration: SuiteEnumeration, failures: inout [String]) -> SchemeEnumeration? {
        let signed = enumeration.accepted.filter {
            guard let info = $0.info else { return false }
            return info.hasForwardSecrecy && info.authentication != .anonymous
        }
        guard enumeration.version == .tlsv1_2, !signed.isEmpty else { return nil }
        var accepted: [SignatureScheme] = []
        var complete = true
        for scheme in ClientHelloSpec.defaultSignatureSchemes {
            var hello = ClientHelloSpec(version: .tlsv1_2, cipherSuites: signed, serverName: serverName)
            hello.signatureSchemes = [scheme]
            switch probe.run(hello) {
            case .hello(let flight) where flight.keyExchange?.signatureScheme == scheme:
                accepted.append(scheme)
            case .failed(let reason):
                complete = false
                failures.append("signature scheme \(scheme.name): \(reason)")
            default:
                break
            }
        }
        return SchemeEnumeration(accepted: accepted, complete: complete)
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

    /// One chain per certificate type: RSA-authenticated and ECDSA-authenticated suites apart.
    func chains(_ enumeration: SuiteEnumeration, failures: inout [String]) -> [CertificateChain] {
        var chains: [CertificateChain] = []
        var seen = Set<[UInt8]>()
        for kind in [AuthenticationMethod.ecdsa, .rsa, .dsa] {
            let suites = enumeration.accepted.filter { $0.info?.authentication == kind }
            guard !suites.isEmpty else { continue }
            guard case .hello(let flight) = probe.run(spec(enumeration.version, suites: suites)),
                  let leaf = flight.certificates.first, seen.insert(leaf).inserted
            else { continue }
            chains.append(chain(flight.certificates, failures: &failures))
        }
        return chains
    }

    func features(_ enumeration: SuiteEnumeration, accepted: [ProtocolVersion]) -> [FeatureSupport] {
        var features: [FeatureSupport] = []
        let hello = spec(enumeration.version, suites: enumeration.accepted)
        switch probe.run(hello) {
        case .hello(let flight):
            let extensions = flight.serverHello?.extensions ?? []
            features.append(FeatureSupport(feature: "secure-renegotiation", status: extensions.contains(0xFF01) ? .yes : .no))
            features.append(FeatureSupport(feature: "extended-master-secret", status: extensions.contains(23) ? .yes : .no))
            features.append(FeatureSupport(feature: "encrypt-then-mac", status: extensions.contains(22) ? .yes : .no))
        case .refused:
            break
        case .failed(let reason):
            features.append(FeatureSupport(feature: "secure-renegotiation", status: .failed(reason: reason)))
        }
        var compressed = hello
        compressed.compressionMethods = [1, 0]
        if case .hello(let flight) = probe.run(compressed) {
            features.append(FeatureSupport(feature: "compression", status: flight.serverHello?.compressionMethod == 1 ? .yes : .no))
        }
        if let highest = accepted.max(), let lower = accepted.filter({ $0 < highest }).max() {
            var fallback = spec(lower, suites: Self.suites(for: lower))
            fallback.fallbackSCSV = true
            switch probe.run(fallback) {
            case .refused(let alert): features.append(FeatureSupport(feature: "fallback-scsv", status: alert?.description == 86 ? .yes : .no))
            case .hello: features.append(FeatureSupport(feature: "fallback-scsv", status: .no))
            case .failed(let reason): features.append(FeatureSupport(feature: "fallback-scsv", status: .failed(reason: reason)))
            }
        }
        return features
    }
}
