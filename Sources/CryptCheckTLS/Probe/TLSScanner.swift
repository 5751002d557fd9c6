import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Foundation

/// Scans one TLS endpoint with raw ClientHellos: every registry suite is offered, whatever the
/// linked OpenSSL supports. Independent probes run side by side within the connection limits
/// (8 per host by default); a probe that fails is recorded as failed, never read as "not
/// supported".
package struct TLSScanner: Sendable {
    package var probe: HandshakeProbe
    /// The server name sent in SNI by every probe: the name asked for, else the host when it is
    /// a name; never an IP address (RFC 6066 3). `nil`: no SNI is sent.
    package let serverName: String?
    /// Extra trust anchors (PEM) besides the system store.
    package var caFile: String?
    /// The time chains are verified at.
    package var verificationTime = Date()

    /// When a scan judged as of `day` (midnight UTC) verifies chains: now when `day` is today
    /// (UTC), else noon of that day, so a certificate valid on the day is valid at the time.
    package static func verificationTime(asOf day: Date, now: Date = Date()) -> Date {
        UTCCalendar.day(of: day) == UTCCalendar.day(of: now) ? now : day.addingTimeInterval(12 * 3600)
    }
    /// The most time the whole endpoint may take; when it runs out, the probes still to run
    /// fail ("time budget ran out") and the endpoint is incomplete with what was seen.
    package var budget: Duration = TLSScanner.defaultBudget
    /// Two minutes: a healthy server takes well under a second; one that answers every hello
    /// just inside the timeout would otherwise keep a scan busy for most of an hour.
    package static let defaultBudget: Duration = .seconds(120)
    /// Told when each probe family starts and ends (a progress line); `nil`: nobody listens.
    package var progress: ScanProgress?
    /// The plaintext protocol every connection is upgraded from (`StartTLSTransport` around
    /// the transport); `nil`: TLS from the first byte.
    package var starttls: StartTLSProtocol?
    /// The address (or name) to connect to instead of the host, which stays the endpoint's name
    /// and the default server name (`host:port{address}` in a targets file).
    package var connectHost: String?
    /// Whether the active attack checks run (Heartbleed, CCS injection, ROBOT, renegotiation);
    /// off (`--no-active`), they send nothing and are recorded as not run.
    package var activeChecks = true

    package init(
        host: String, port: Int, serverName: String? = nil, timeout: Duration = .seconds(5),
        limits: ConnectionLimits = ConnectionLimits(), family: AddressFamily = .any, retries: Int = 1
    ) {
        probe = HandshakeProbe(host: host, port: port, timeout: timeout, limits: limits)
        probe.family = family
        probe.retries = retries
        let name = serverName ?? host
        self.serverName = name.isEmpty || EndpointTarget.isIPLiteral(name) ? nil : name
    }

    /// How every probe connects: plain TCP unless another transport is injected.
    package var transport: any Transport {
        get { probe.transport }
        set { probe.transport = newValue }
    }

    /// The clock of the scan's deadlines, budget and retry pauses.
    package var clock: any ScanClock {
        get { probe.clock }
        set { probe.clock = newValue }
    }

    /// How many probes run at once: as many as the per-host limit lets connect.
    var width: Int { probe.limits.perHost }

    /// The run's probe threads, shared with every scanner of the same limits.
    var workers: WorkerPool { probe.limits.workers }

    /// The versions probed with raw ClientHellos (SSLv2 has its own record format and probe).
    package static let versions: [ProtocolVersion] = [.sslv3, .tlsv1_0, .tlsv1_1, .tlsv1_2, .tlsv1_3]

    package func scan() -> TLSEndpointObservation {
        var observation = TLSEndpointObservation(host: probe.host, port: probe.port, serverName: serverName)
        observation.starttls = starttls
        var resolved = self
        resolved.probe.budgetDeadline = probe.clock.now + budget
        if let starttls {
            resolved.probe.transport = StartTLSTransport(starttls, domain: serverName ?? probe.host, base: probe.transport)
        }
        do {
            // Resolve once, so that every probe talks to the same server.
            let addresses = try EndpointAddress.resolve(host: connectHost ?? probe.host, port: probe.port, family: probe.family)
            resolved.probe.address = firstReachable(addresses) ?? addresses[0]
            observation.address = resolved.probe.address?.numeric
        } catch {
            observation.outcome = TLSEndpointOutcome(kind: .unresolved, detail: "\(error)", code: ErrorCode.of(error))
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
        let name = endpointName
        let progress = progress.map { report in
            { @Sendable (fact: ScanFact, kind: ScanProgressEvent.Kind) in
                report(ScanProgressEvent(endpoint: name, family: fact.progressName, kind: kind))
            }
        }
        var observation = ProbeSchedule.run(families, on: workers, from: start, progress: progress).observation
        if let deadline = probe.budgetDeadline, probe.clock.now >= deadline {
            observation.record([
                ProbeFailure(
                    .connectionBudgetExhausted,
                    "the endpoint's time budget (\(budget)) ran out: probes after it were not made, and what was seen is reported")
            ])
        }
        return observation
    }

    /// The probe families of an endpoint and what each needs found first: versions (all at
    /// once); then the suites of each accepted version, and beside them the TLS 1.3 schemes,
    /// which need only the version; then groups, TLS 1.2 schemes, chains, features and the
    /// active attack checks, which need the suites; then the DH parameters of every flight, the
    /// fingerprints, the session features and the certificate hygiene (which needs only the
    /// suites); client-initiated renegotiation last. The
    /// observation lists what they found in this order.
    var families: [ProbeFamily] {
        [
            ProbeFamily(finds: .versions, needs: []) { _ in (versions(), []) },
            ProbeFamily(finds: .suites, needs: [.versions]) { found in
                // Each enumeration is a sequence; the versions run side by side.
                let enumerations = workers.map(found.acceptedVersions.filter { $0 != .sslv2 }, width: width) { enumerateSuites($0) }
                return (.suites(enumerations.map(\.0), enumerations.flatMap(\.1)), [])
            },
            ProbeFamily(finds: .groups, needs: [.versions, .suites]) { found in
                enumerateGroups(tls13: found.acceptedVersions.contains(.tlsv1_3), legacy: found.legacySuites, flights: found.suiteFlights)
            },
            ProbeFamily(finds: .signatureSchemes, needs: [.suites]) { found in
                found.legacySuites.last.map { enumerateSchemes(tls12: $0) } ?? (.schemes(nil), [])
            },
            ProbeFamily(finds: .signatureSchemes, needs: [.versions]) { found in
                found.acceptedVersions.contains(.tlsv1_3) ? enumerateSchemesTLS13() : (.schemes(nil), [])
            },
            ProbeFamily(finds: .chains, needs: [.suites]) { found in
                found.legacySuites.last.map { chains($0) } ?? (.chains([]), [])
            },
            ProbeFamily(finds: .chains, needs: [.versions, .suites]) { found in
                found.acceptedVersions.contains(.tlsv1_3) ? tls13Chains(found.tls13Suites) : (.chains([]), [])
            },
            ProbeFamily(finds: .features, needs: [.versions, .suites]) { found in
                (.features(features(found.legacySuites, accepted: found.acceptedVersions)), [])
            },
            ProbeFamily(finds: .dhParameters, needs: [.suites, .groups]) { found in
                let parameters = found.legacySuites.last.map { dhParameters($0, flights: found.suiteFlights + found.groupFlights) }
                return (.dhParameters(parameters ?? []), [])
            },
            ProbeFamily(finds: .attacks, needs: [.suites]) { found in
                (.attacks(activeAttacks(found.legacySuites)), [])
            },
            ProbeFamily(finds: .hygiene, needs: [.suites, .groups]) { hygiene($0) },
            ProbeFamily(finds: .session, needs: [.versions, .suites, .features]) { (.session(sessionFeatures($0)), []) },
            ProbeFamily(finds: .certificateHygiene, needs: [.versions, .suites]) { certificateHygiene($0) },
            // Last, alone: what every other family finds is found first (see `lastActiveAttacks`).
            ProbeFamily(finds: .attacks, needs: Set(ScanFact.allCases).subtracting([.attacks])) { found in
                (.attacks(lastActiveAttacks(found.legacySuites)), [])
            },
        ]
    }

    /// Every version, side by side, and SSLv2's cipher kinds; with no ServerHello at all, what
    /// the endpoint does instead (and then nothing more is observed).
    private func versions() -> Part {
        let results = workers.map([.sslv2] + Self.versions, width: width) { version -> (VersionSupport, [SSLv2CipherKind]) in
            if version == .sslv2 {
                let (status, kinds) = probe.runSSLv2()
                return (VersionSupport(version: .sslv2, status: status), kinds)
            }
            return (VersionSupport(version: version, status: support(version)), [])
        }
        let accepted = results.contains { $0.0.status == .yes }
        return .versions(results.map(\.0), results.flatMap(\.1), accepted ? TLSEndpointOutcome(kind: .handshake) : diagnose())
    }

    /// What one probe family found.
    enum Part: Sendable {
        /// The versions, SSLv2's cipher kinds, and whether the endpoint answered with a handshake.
        case versions([VersionSupport], [SSLv2CipherKind], TLSEndpointOutcome)
        /// The suites of each accepted version, and the flights of their enumeration.
        case suites([SuiteEnumeration], [ServerFlight])
        /// The groups, and the flights of group probes that carry DH parameters.
        case groups(GroupEnumeration?, [ServerFlight])
        case schemes(SchemeEnumeration?)
        case chains([CertificateChain])
        case features([FeatureSupport])
        case dhParameters([DHParameterFacts])
        case attacks([AttackProbeResult])
        case hygiene(HygieneObservation)
        /// The session features, after the protocol features.
        case session([FeatureSupport])
        case certificateHygiene(CertificateHygieneObservation)
    }
}

extension TLSScanner {
    /// Scans several endpoints side by side, started host by host (`startOrder`), results in
    /// the order given. The scanners should share one `ConnectionLimits`, which keeps the total
    /// and per-host connections bounded and gives every endpoint's probes the same threads.
    package static func scan(_ scanners: [TLSScanner]) -> [TLSEndpointObservation] {
        guard let limits = scanners.first?.probe.limits else { return [] }
        let order = startOrder(scanners)
        let observations = limits.workers.map(order, width: limits.global) { scanners[$0].scan() }
        var byIndex = [TLSEndpointObservation?](repeating: nil, count: scanners.count)
        for (index, observation) in zip(order, observations) { byIndex[index] = observation }
        return byIndex.compactMap { $0 }
    }
}
