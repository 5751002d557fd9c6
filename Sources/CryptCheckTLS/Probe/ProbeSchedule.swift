import CryptCheckModel

/// Runs an endpoint's probe families in the order their needs set: in each round, every family
/// whose needs are found runs side by side with the others of the round. What each found is
/// kept in its place in the list (`ScanFindings`), so the observation is the same however the
/// probes were timed.
enum ProbeSchedule {
    /// What `families` found, from `start`, until every family ran or the findings end the
    /// scan (the endpoint answered no handshake).
    /// `progress` is told when each family starts and ends.
    static func run(
        _ families: [ProbeFamily], on workers: WorkerPool, from start: TLSEndpointObservation,
        progress: (@Sendable (ScanFact, ScanProgressEvent.Kind) -> Void)? = nil
    ) -> ScanFindings {
        var findings = ScanFindings(start: start, families: families.count)
        var waiting = Array(families.indices)
        while !waiting.isEmpty && !findings.endsScan {
            let found = Set(ScanFact.allCases).subtracting(waiting.map { families[$0].finds })
            let ready = waiting.filter { families[$0].needs.isSubset(of: found) }
            precondition(!ready.isEmpty, "probe families that need each other: \(waiting.map { families[$0].finds })")
            waiting.removeAll { ready.contains($0) }
            let known = findings
            let results = workers.map(ready, width: ready.count) { index in
                progress?(families[index].finds, .started)
                defer { progress?(families[index].finds, .finished) }
                return families[index].probe(known)
            }
            for (index, result) in zip(ready, results) { findings.results[index] = result }
        }
        return findings
    }
}
