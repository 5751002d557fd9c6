import CryptCheckModel

/// What the probe families of one endpoint found so far, each in its place in the schedule, so
/// that the observation is assembled in the families' order however they were timed.
struct ScanFindings: Sendable {
    /// The observation before any probe (endpoint, address).
    let start: TLSEndpointObservation
    /// What each family found and why part of it may be missing, by the family's place; `nil`
    /// until it ran.
    var results: [(part: TLSScanner.Part, failures: [ProbeFailure])?]

    init(start: TLSEndpointObservation, families: Int) {
        self.start = start
        results = Array(repeating: nil, count: families)
    }

    /// The observation with everything found so far.
    var observation: TLSEndpointObservation { assembled.observation }
    /// The versions the server accepted (SSLv2 included).
    var acceptedVersions: [ProtocolVersion] { observation.versions.filter { $0.status == .yes }.map(\.version) }
    /// The suite enumerations before TLS 1.3, lowest version first.
    var legacySuites: [SuiteEnumeration] { observation.cipherSuites.filter { $0.version < .tlsv1_3 } }
    /// The TLS 1.3 suite enumeration, if the server speaks TLS 1.3.
    var tls13Suites: SuiteEnumeration? { observation.cipherSuites.first { $0.version == .tlsv1_3 } }
    /// The flights of the suite enumerations (certificates, key exchanges).
    var suiteFlights: [ServerFlight] { assembled.suiteFlights }
    /// The flights of group probes that carry DH parameters.
    var groupFlights: [ServerFlight] { assembled.groupFlights }
    /// Whether nothing more is to be probed: the endpoint answered no hello with a handshake.
    var endsScan: Bool { observation.outcome.map { $0.kind != .handshake } ?? false }

    private var assembled: (observation: TLSEndpointObservation, suiteFlights: [ServerFlight], groupFlights: [ServerFlight]) {
        var observation = start
        var suiteFlights: [ServerFlight] = []
        var groupFlights: [ServerFlight] = []
        for case (let part, let failures)? in results {
            observation.record(failures)
            switch part {
            case .versions(let versions, let kinds, let outcome):
                observation.versions = versions
                observation.sslv2CipherKinds = kinds
                observation.outcome = outcome
            case .suites(let enumerations, let flights):
                observation.cipherSuites = enumerations
                suiteFlights = flights
            case .groups(let groups, let flights):
                observation.groups = groups
                groupFlights = flights
            case .schemes(let schemes):
                if let schemes { observation.signatureSchemes.append(schemes) }
            case .chains(let chains):
                // A chain seen with another certificate type or version is kept once.
                for chain in chains {
                    let leaf = chain.certificates.first?.sha256Fingerprint ?? ""
                    if !observation.certificateChains.contains(where: { ($0.certificates.first?.sha256Fingerprint ?? "") == leaf }) {
                        observation.certificateChains.append(chain)
                    }
                }
            case .features(let features): observation.features = features
            case .dhParameters(let parameters): observation.dhParameters = parameters
            // Client-initiated renegotiation comes from a family of its own, last: merged in the
            // order of `ActiveAttack.all`.
            case .attacks(let attacks):
                observation.attacks = ((observation.attacks ?? []) + attacks).sorted {
                    (ActiveAttack.all.firstIndex(of: $0.attack) ?? .max) < (ActiveAttack.all.firstIndex(of: $1.attack) ?? .max)
                }
            case .hygiene(let hygiene): observation.hygiene = hygiene
            case .session(let features): observation.features += features
            case .certificateHygiene(let hygiene): observation.certificateHygiene = hygiene
            }
        }
        return (observation, suiteFlights, groupFlights)
    }
}
