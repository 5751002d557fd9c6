import CryptCheckModel

/// Whether one endpoint meets one GL-3001 profile, and what stops it.
public struct ProfileResult: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Codable {
        case meets, fails, indeterminate
    }

    public var subject: String
    public var list: String
    public var guideline: String
    public var profile: String
    public var name: String
    public var nameJa: String?
    public var status: Status
    /// What stops the endpoint from meeting the profile (or left it undecided).
    public var reasons: [String]
    /// The weakest evidence among the rules applied.
    public var evidence: EvidenceLevel
    /// True when any rule applied is derived checker logic.
    public var derived: Bool
}

extension Judge {
    /// Conformance of one endpoint to every profile of the guideline, strictest first.
    func profileResults(_ endpoint: TLSEndpointObservation, findings: [Finding]) -> [ProfileResult] {
        guard let guideline = policy.guideline else { return [] }
        let accepted = Set(endpoint.versions.filter { $0.status == .yes }.map(\.version))
        let suites = endpoint.cipherSuites.filter { accepted.contains($0.version) }
            .flatMap { enumeration in enumeration.accepted.map { (enumeration.version, $0) } }
        let undecided = findings.filter { $0.verdict == .indeterminate }.map(\.message)
        // Without a handshake nothing was observed: no profile is met or failed.
        let observed = endpoint.completedHandshake
        return guideline.profiles.map { profile in
            var reasons: [String] = []
            var unknown = undecided
            for rule in profile.rules where observed {
                switch rule.kind {
                case .versionsRequired(let versions):
                    for version in versions.sorted() {
                        switch endpoint.versions.first(where: { $0.version == version })?.status {
                        case .yes: break
                        case .failed(let reason): unknown.append("\(version.name) probe failed: \(reason)")
                        case .no, nil: reasons.append("\(version.name) is required but not accepted")
                        }
                    }
                case .versionsAllowed(let versions):
                    for version in accepted.subtracting(versions).sorted() {
                        reasons.append("\(version.name) is accepted but not allowed")
                    }
                case .minStrength(let bits):
                    let floor = max(bits, policy.requiredStrength ?? 0)
                    for finding in findings {
                        if let strength = finding.strength, strength.strengthBits < floor {
                            let place = finding.context.map { " [\($0)]" } ?? ""
                            reasons.append("\(finding.item)\(place): \(StrengthJudgement.describe(strength.strengthBits))-bit strength < \(floor)")
                        }
                    }
                case .forwardSecrecy:
                    for (version, suite) in suites where suite.info?.hasForwardSecrecy == false {
                        reasons.append("\(suite.name) under \(version.name) has no forward secrecy")
                    }
                case .aeadOnly:
                    for (version, suite) in suites where suite.info?.isAEAD == false {
                        reasons.append("\(suite.name) under \(version.name) is not AEAD")
                    }
                case .suiteTiers(let tiers):
                    for finding in findings where finding.component == "cipher-suite" && finding.verdict != .indeterminate
                        && !tiers.contains(finding.listStatus) {
                        reasons.append("\(finding.item) under \(finding.context ?? "?") is \(finding.listStatus.rawValue)")
                    }
                case .certificateHashesForbidden(let hashes):
                    for chain in endpoint.certificateChains {
                        for (position, certificate) in chain.certificates.enumerated()
                        where !certificate.signatureIsIrrelevant(atChainPosition: position) {
                            if let hash = certificate.signature.hash, hashes.contains(hash) {
                                reasons.append("certificate '\(certificate.subject)' is signed with \(hash.displayName)")
                            }
                        }
                    }
                }
            }
            let status: ProfileResult.Status = !reasons.isEmpty ? .fails : (unknown.isEmpty ? .meets : .indeterminate)
            return ProfileResult(
                subject: endpoint.endpoint, list: policy.list.header.revision, guideline: guideline.header.revision,
                profile: profile.id, name: profile.name, nameJa: profile.nameJa, status: status,
                reasons: uniqued(status == .indeterminate ? unknown : reasons),
                evidence: EvidenceLevel.weakest(of: profile.rules.map(\.evidence)),
                derived: profile.rules.contains { $0.derived })
        }
    }
}

private func uniqued(_ values: [String]) -> [String] {
    var seen = Set<String>()
    return values.filter { seen.insert($0).inserted }
}
