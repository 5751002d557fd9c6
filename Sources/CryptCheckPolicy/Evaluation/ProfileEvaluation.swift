import CryptCheckModel

/// Whether one endpoint meets one GL-3001 profile, and what stops it.
///
/// A profile is judged by the guideline and LS-0003 only: the same endpoint gets the same
/// profile verdicts whatever ciphers list the run selects (`list` records which list the run's
/// findings used, nothing more).
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
    /// What stops the endpoint from meeting the profile (遵守項目 failures), or left it undecided.
    public var reasons: [String]
    /// Should-level findings (推奨項目): things the profile does not recommend but does not
    /// prohibit, such as a suite in neither of GL-3001's suite classes. They never change `status`.
    public var advisories: [String]
    /// The weakest evidence among the rules applied.
    public var evidence: EvidenceLevel
    /// True when any rule applied is derived checker logic.
    public var derived: Bool

    public init(
        subject: String, list: String, guideline: String, profile: String, name: String, nameJa: String?,
        status: Status, reasons: [String], advisories: [String] = [], evidence: EvidenceLevel, derived: Bool
    ) {
        self.subject = subject
        self.list = list
        self.guideline = guideline
        self.profile = profile
        self.name = name
        self.nameJa = nameJa
        self.status = status
        self.reasons = reasons
        self.advisories = advisories
        self.evidence = evidence
        self.derived = derived
    }

    private enum CodingKeys: String, CodingKey {
        case subject, list, guideline, profile, name, nameJa, status, reasons, advisories, evidence, derived
    }

    /// Reports written before `advisories` existed decode with none.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        subject = try container.decode(String.self, forKey: .subject)
        list = try container.decode(String.self, forKey: .list)
        guideline = try container.decode(String.self, forKey: .guideline)
        profile = try container.decode(String.self, forKey: .profile)
        name = try container.decode(String.self, forKey: .name)
        nameJa = try container.decodeIfPresent(String.self, forKey: .nameJa)
        status = try container.decode(Status.self, forKey: .status)
        reasons = try container.decode([String].self, forKey: .reasons)
        advisories = try container.decodeIfPresent([String].self, forKey: .advisories) ?? []
        evidence = try container.decode(EvidenceLevel.self, forKey: .evidence)
        derived = try container.decode(Bool.self, forKey: .derived)
    }
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
            var outcome = ProfileOutcome(unknown: undecided)
            for rule in profile.rules where observed {
                apply(
                    rule, of: profile, guideline: guideline, to: endpoint, accepted: accepted, suites: suites,
                    findings: findings, into: &outcome)
            }
            let reasons = outcome.reasons, unknown = outcome.unknown
            let status: ProfileResult.Status = !reasons.isEmpty ? .fails : (unknown.isEmpty ? .meets : .indeterminate)
            let classes =
                profile.rules.contains { if case .suiteClasses = $0.kind { true } else { false } }
                ? guideline.suiteClasses(of: profile.id) : []
            return ProfileResult(
                subject: endpoint.endpoint, list: policy.list.header.revision, guideline: guideline.header.revision,
                profile: profile.id, name: profile.name, nameJa: profile.nameJa, status: status,
                reasons: uniqued(status == .indeterminate ? unknown : reasons),
                advisories: uniqued(outcome.advisories),
                evidence: EvidenceLevel.weakest(of: profile.rules.map(\.evidence) + classes.map(\.evidence)),
                derived: profile.rules.contains { $0.derived } || classes.contains { $0.derived })
        }
    }

    /// Applies one rule: failures go to `reasons`, should-level findings to `advisories`.
    private func apply(
        _ rule: ProfileRule, of profile: TLSProfile, guideline: TLSGuideline,
        to endpoint: TLSEndpointObservation, accepted: Set<ProtocolVersion>,
        suites: [(ProtocolVersion, CipherSuite)], findings: [Finding], into outcome: inout ProfileOutcome
    ) {
        switch rule.kind {
        case .versionsRequired(let versions):
            for version in versions.sorted() {
                switch endpoint.versions.first(where: { $0.version == version })?.status {
                case .yes: break
                case .failed(let reason, _): outcome.unknown.append("\(version.name) probe failed: \(reason)")
                case .no, nil: outcome.reasons.append("\(version.name) is required but not accepted")
                }
            }
        case .versionsAllowed(let versions):
            for version in accepted.subtracting(versions).sorted() {
                outcome.reasons.append("\(version.name) is accepted but not allowed")
            }
        case .minStrength(let bits):
            // The profile's own floor, raised to what LS-0003 accepts through the end of operation;
            // a level LS-0003 does not accept fails whatever the floor, and one beyond its table is
            // undecided (never a pass on what the table does not cover).
            let floor = max(bits, policy.requiredStrength ?? 0)
            for finding in findings {
                guard let strength = finding.strength else { continue }
                let place = finding.context.map { " [\($0)]" } ?? ""
                if strength.status == .beyondTable {
                    outcome.unknown.append("\(finding.item)\(place): \(strength.sentence)")
                } else if strength.strengthBits < floor || strength.status == .notAcceptable {
                    outcome.reasons.append(
                        "\(finding.item)\(place): \(StrengthJudgement.describe(strength.strengthBits))-bit strength < \(floor)"
                            + (strength.status == .notAcceptable
                                ? " (LS-0003: not usable for operation until \(strength.operationEnd))" : ""))
                }
            }
        case .forwardSecrecy:
            for (version, suite) in suites where suite.info?.hasForwardSecrecy == false {
                outcome.reasons.append("\(suite.name) under \(version.name) has no forward secrecy")
            }
        case .aeadOnly:
            for (version, suite) in suites where suite.info?.isAEAD == false {
                outcome.reasons.append("\(suite.name) under \(version.name) is not AEAD")
            }
        case .suiteClasses:
            let classes = guideline.suiteClasses(of: profile.id)
            for (version, suite) in suites {
                guard let info = suite.info else {
                    outcome.advisories.append("\(suite.name) under \(version.name) is not in the registry: its class is unknown")
                    continue
                }
                let classification = SuiteClassification(info, under: version, entries: classes)
                if !classification.prohibitedBy.isEmpty {
                    let why = classification.prohibitedBy.map { "\($0.name) [\($0.evidence.rawValue)\($0.derived ? ", derived" : "")]" }
                    outcome.reasons.append("\(suite.name) under \(version.name) is prohibited: " + why.joined(separator: "; "))
                } else if classification.recommendedBy.isEmpty {
                    outcome.advisories.append(
                        "\(suite.name) under \(version.name) is neither recommended nor prohibited "
                            + "(should-level)")
                }
            }
        case .certificateHashesForbidden(let hashes):
            for chain in endpoint.certificateChains {
                for (position, certificate) in chain.certificates.enumerated()
                where !certificate.signatureIsIrrelevant(atChainPosition: position) {
                    if let hash = certificate.signature.hash, hashes.contains(hash) {
                        outcome.reasons.append("certificate '\(certificate.subject)' is signed with \(hash.displayName)")
                    }
                }
            }
        case .certificateKeys(let requirements):
            for chain in endpoint.certificateChains {
                guard let leaf = chain.certificates.first else { continue }
                let key = leaf.publicKey
                guard let requirement = requirements.first(where: { $0.algorithm == key.algorithm }) else {
                    let allowed = requirements.map(\.algorithm.rawValue).joined(separator: ", ")
                    outcome.reasons.append("server certificate '\(leaf.subject)' has a \(key.summary) key (allowed: \(allowed))")
                    continue
                }
                if let minimum = requirement.minBits, let bits = key.bits, bits < minimum {
                    outcome.reasons.append("server certificate '\(leaf.subject)' has a \(key.summary) key, below \(minimum) bits")
                }
            }
        case .groupsRecommended(let groups):
            for group in endpoint.groups?.accepted ?? [] where !groups.contains(group) && !group.isGREASE {
                outcome.advisories.append("group \(group.name) is not among the recommended groups")
            }
        case .signatureHashesForbidden(let hashes):
            for enumeration in endpoint.signatureSchemes where accepted.contains(enumeration.version) {
                for scheme in enumeration.accepted {
                    if let hash = scheme.info?.hash, hashes.contains(hash) {
                        outcome.reasons.append(
                            "signature scheme \(scheme.name(in: enumeration.version)) under "
                                + "\(enumeration.version.name) uses \(hash.displayName)")
                    }
                }
            }
        }
    }
}

/// What the rules of one profile found so far.
private struct ProfileOutcome {
    var reasons: [String] = []
    var advisories: [String] = []
    var unknown: [String]
}

private func uniqued(_ values: [String]) -> [String] {
    var seen = Set<String>()
    return values.filter { seen.insert($0).inserted }
}
