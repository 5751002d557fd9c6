import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Foundation

/// Versions and cipher suites: ClientHellos in chunks, enumerated by removing each choice.
extension TLSScanner {
    /// Every registry suite usable under `version` (GREASE and signalling values excluded).
    static func suites(for version: ProtocolVersion) -> [CipherSuite] {
        suitesByVersion[version] ?? CipherSuiteRegistry.all.filter { $0.versions.contains(version) }.map(\.suite)
    }

    /// `suites(for:)` of every version, filtered from the registry once: every version and suite
    /// probe of every endpoint asks for them.
    private static let suitesByVersion: [ProtocolVersion: [CipherSuite]] = Dictionary(
        uniqueKeysWithValues: ProtocolVersion.all.map { version in
            (version, CipherSuiteRegistry.all.filter { $0.versions.contains(version) }.map(\.suite))
        })

    func spec(_ version: ProtocolVersion, suites: [CipherSuite]) -> ClientHelloSpec {
        ClientHelloSpec(
            version: version, cipherSuites: suites, serverName: serverName,
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
    /// ServerHello of that version; failed if a probe failed (or the server hung up where it
    /// otherwise sends an alert, see `settle`) and none said yes.
    func support(_ version: ProtocolVersion) -> ProbeStatus {
        let hellos = Self.chunks(for: version).map { spec(version, suites: $0) }
        var outcomes = workers.map(hellos, width: width) { probe.run($0) }
        func says(_ outcome: HandshakeOutcome) -> Bool {
            if case .hello(let flight) = outcome { return flight.serverHello?.version == version }
            return false
        }
        if outcomes.contains(where: says) { return .yes }
        // Only silent hang-ups need a second look, so a server that refuses with alerts costs nothing more.
        outcomes = workers.map(Array(zip(hellos, outcomes)), width: width) { settle($0.0, after: $0.1) }
        if outcomes.contains(where: says) { return .yes }
        for case .failed(let reason, let code) in outcomes { return .failed(reason: reason, code: code) }
        return .no
    }

    /// Every suite the server accepts under `version`: each chunk is enumerated on its own
    /// (side by side); when several chunks contributed, the accepted suites are enumerated
    /// once more together, which puts them in the server's order across chunks.
    func enumerateSuites(_ version: ProtocolVersion) -> (SuiteEnumeration, [ServerFlight]) {
        let parts = workers.map(Self.chunks(for: version), width: width) { enumerate(version, offering: $0) }
        var accepted = parts.flatMap(\.accepted)
        let flights = parts.flatMap(\.flights)
        let chosenThenFailed = parts.flatMap(\.chosenThenFailed)
        var failure = parts.lazy.compactMap(\.failure).first
        if parts.filter({ !$0.accepted.isEmpty }).count > 1 {
            let merged = enumerate(version, offering: accepted)
            if merged.failure == nil && Set(merged.accepted) == Set(accepted) {
                accepted = merged.accepted
            } else {
                failure =
                    failure ?? merged.failure
                    ?? ProbeFailure(
                        .probeInconsistent,
                        "cipher suites (\(version.name)): the server accepted other suites when the chunks were offered together")
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
        return (
            SuiteEnumeration(
                version: version, accepted: accepted, preference: preference, complete: failure == nil,
                failure: failure?.message, failureCode: failure?.code, chosenThenFailed: chosenThenFailed), flights
        )
    }

    /// Offers `suites`, records the server's choice, removes it, and asks again. With server
    /// preference the choices come out in the server's order. (A HelloRetryRequest names the
    /// chosen suite as well as a ServerHello does.) Only a definite refusal ends the
    /// enumeration as complete; a step that failed (after its retries) leaves it incomplete,
    /// with the reason.
    ///
    /// A server that hangs up without an alert may not have refused the suites left: it hangs
    /// up as well when it picked one whose handshake it cannot complete (Dovecot choosing a DHE
    /// suite without DH parameters), and the suites it would have taken next are never asked
    /// for. So a silent end is asked again for each key exchange left on its own, and what
    /// those groups take counts too.
    ///
    /// A suite the server chooses and then does not complete the first flight for (see
    /// `ServerFlight.brokenFirstFlight`) is not accepted: it is kept apart, with what was seen,
    /// and the enumeration goes on without it.
    func enumerate(_ version: ProtocolVersion, offering suites: [CipherSuite], byKeyExchange: Bool = true) -> SuiteSteps {
        var result = SuiteSteps()
        var remaining = suites
        while !remaining.isEmpty {
            switch step(spec(version, suites: remaining)) {
            case .hello(let flight):
                // Another version in answer: none of these suites is taken under `version`.
                guard let hello = flight.serverHello, hello.version == version else { return result }
                guard let index = remaining.firstIndex(of: hello.cipherSuite) else {
                    result.failure = ProbeFailure(
                        .probeUnexpectedChoice,
                        "cipher suites (\(version.name)): the server chose \(hello.cipherSuite.hex), which was not offered")
                    return result
                }
                if let seen = flight.brokenFirstFlight {
                    result.chosenThenFailed.append(ChosenThenFailed(suite: hello.cipherSuite, seen: seen))
                } else {
                    result.accepted.append(hello.cipherSuite)
                    result.flights.append(flight)
                }
                remaining.remove(at: index)
            case .refused(nil) where byKeyExchange:
                let groups = Self.byKeyExchange(remaining)
                guard groups.count > 1 else { return result }
                for group in groups {
                    let part = enumerate(version, offering: group, byKeyExchange: false)
                    result.accepted += part.accepted
                    result.flights += part.flights
                    result.chosenThenFailed += part.chosenThenFailed
                    if let failure = part.failure {
                        result.failure = failure
                        return result
                    }
                }
                return result
            case .refused:
                return result
            case .failed(let reason, let code):
                result.failure = ProbeFailure(code, "cipher suites (\(version.name)): \(reason)")
                return result
            }
        }
        return result
    }

    /// What an enumeration found: the suites accepted (with the flight of each), the suites
    /// chosen and then not completed, and the step that failed, if one did.
    struct SuiteSteps {
        var accepted: [CipherSuite] = []
        var flights: [ServerFlight] = []
        var chosenThenFailed: [ChosenThenFailed] = []
        var failure: ProbeFailure?
    }

    /// `suites` grouped by key exchange, in the order each method first appears (suites the
    /// registry does not describe make a group of their own).
    static func byKeyExchange(_ suites: [CipherSuite]) -> [[CipherSuite]] {
        var groups: [[CipherSuite]] = []
        var index: [KeyExchangeMethod?: Int] = [:]
        for suite in suites {
            let key = suite.info?.keyExchange
            if let at = index[key] {
                groups[at].append(suite)
            } else {
                index[key] = groups.count
                groups.append([suite])
            }
        }
        return groups
    }
}
