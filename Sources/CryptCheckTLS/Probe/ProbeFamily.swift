/// What a family of probes finds about an endpoint, and so what another family may need
/// found before it can run.
enum ScanFact: Sendable, Hashable, CaseIterable {
    case versions, suites, groups, signatureSchemes, chains, features, dhParameters, attacks, hygiene, session, certificateHygiene
}

/// One family of probes of an endpoint (versions, suites, groups, ...): what it finds, what it
/// needs found first, and how it probes given what was found. `ProbeSchedule` orders the
/// families by their needs.
struct ProbeFamily: Sendable {
    /// What this family finds; several families may find parts of the same fact.
    let finds: ScanFact
    /// What must be found, by every family that finds it, before this family runs.
    let needs: Set<ScanFact>
    /// Runs the family's probes on what was found so far.
    let probe: @Sendable (ScanFindings) -> (TLSScanner.Part, [ProbeFailure])
}
