import CryptCheckModel

/// Whether one endpoint meets one GL-3001 profile, and what stops it.
///
/// A profile is judged by the guideline and LS-0003 only: the same endpoint gets the same
/// profile verdicts whatever ciphers list the run selects (`list` records which list the run's
/// findings used, nothing more).
package struct ProfileResult: Sendable, Hashable, Codable {
    package enum Status: String, Sendable, Codable {
        case meets, fails, indeterminate
    }

    package var subject: String
    package var list: String
    package var guideline: String
    package var profile: String
    package var name: String
    package var nameJa: String?
    package var status: Status
    /// What stops the endpoint from meeting the profile (遵守項目 failures), or left it undecided.
    package var reasons: [String]
    /// Should-level findings (推奨項目): things the profile does not recommend but does not
    /// prohibit, such as a suite in neither of GL-3001's suite classes. They never change `status`.
    package var advisories: [String]
    /// `reasons` and `advisories` as facts, one for each sentence, for a report in another
    /// language; empty in reports made before them.
    package var reasonDetails: [ProfileReason] = []
    package var advisoryDetails: [ProfileReason] = []
    /// The weakest evidence among the rules applied.
    package var evidence: EvidenceLevel
    /// True when any rule applied is derived checker logic.
    package var derived: Bool

    package init(
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
        case subject, list, guideline, profile, name, nameJa, status, reasons, advisories, reasonDetails, advisoryDetails, evidence,
            derived
    }

    /// Reports written before `advisories` existed decode with none.
    package init(from decoder: Decoder) throws {
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
        reasonDetails = try container.decodeIfPresent([ProfileReason].self, forKey: .reasonDetails) ?? []
        advisoryDetails = try container.decodeIfPresent([ProfileReason].self, forKey: .advisoryDetails) ?? []
        evidence = try container.decode(EvidenceLevel.self, forKey: .evidence)
        derived = try container.decode(Bool.self, forKey: .derived)
    }
}

extension Judge {
    /// Conformance of one endpoint to every profile of the guideline, strictest first.
    func profileResults(_ endpoint: TLSEndpointObservation, findings all: [Finding]) -> [ProfileResult] {
        guard let guideline = policy.guideline else { return [] }
        // A profile judges the configuration by GL-3001; the attacks are findings of their own.
        let findings = all.filter { $0.component != .attack }
        let accepted = Set(endpoint.versions.filter { $0.status == .yes }.map(\.version))
        let suites = endpoint.cipherSuites.filter { accepted.contains($0.version) }
            .flatMap { enumeration in enumeration.accepted.map { (enumeration.version, $0) } }
        let chosen = endpoint.cipherSuites.filter { accepted.contains($0.version) }
            .flatMap { enumeration in (enumeration.chosenThenFailed ?? []).map { (enumeration.version, $0.suite) } }
        let undecided = findings.filter { $0.verdict == .indeterminate }.map {
            ProfileReason(.undecided, item: $0.item + ($0.context.map { " [\($0)]" } ?? ""), detail: $0.message)
        }
        // Without a handshake nothing was observed: no profile is met or failed.
        let observed = endpoint.completedHandshake
        return guideline.profiles.map { profile in
            var outcome = ProfileOutcome(unknown: undecided)
            for rule in profile.rules where observed {
                apply(
                    rule, of: profile, guideline: guideline, to: endpoint, accepted: accepted, suites: suites,
                    findings: findings, into: &outcome)
                // A suite the server chose and then did not complete is neither accepted nor
                // refused: where the rule would fail it, the profile is undecided, never met.
                var chosenOutcome = ProfileOutcome(unknown: [])
                apply(
                    rule, of: profile, guideline: guideline, to: endpoint, accepted: accepted, suites: chosen,
                    findings: [], into: &chosenOutcome, suitesOnly: true)
                outcome.unknown += chosenOutcome.reasons.map { reason in
                    ProfileReason(.chosenThenFailed, item: reason.item, version: reason.version, detail: reason.english)
                }
            }
            let reasons = outcome.reasons, unknown = outcome.unknown
            let status: ProfileResult.Status = !reasons.isEmpty ? .fails : (unknown.isEmpty ? .meets : .indeterminate)
            let classes =
                profile.rules.contains { if case .suiteClasses = $0.kind { true } else { false } }
                ? guideline.suiteClasses(of: profile.id) : []
            let shown = uniqued(status == .indeterminate ? unknown : reasons), advisories = uniqued(outcome.advisories)
            var result = ProfileResult(
                subject: endpoint.endpoint, list: policy.list.header.revision, guideline: guideline.header.revision,
                profile: profile.id, name: profile.name, nameJa: profile.nameJa, status: status,
                reasons: shown.map(\.english), advisories: advisories.map(\.english),
                evidence: EvidenceLevel.weakest(of: profile.rules.map(\.evidence) + classes.map(\.evidence)),
                derived: profile.rules.contains { $0.derived } || classes.contains { $0.derived })
            result.reasonDetails = shown
            result.advisoryDetails = advisories
            return result
        }
    }

    /// Applies one rule: failures go to `reasons`, should-level findings to `advisories`.
    private func apply(
        _ rule: ProfileRule, of profile: TLSProfile, guideline: TLSGuideline,
        to endpoint: TLSEndpointObservation, accepted: Set<ProtocolVersion>,
        suites: [(ProtocolVersion, CipherSuite)], findings: [Finding], into outcome: inout ProfileOutcome,
        suitesOnly: Bool = false
    ) {
        // `suitesOnly`: only the rules about the given suites (for suites not accepted).
        if suitesOnly {
            switch rule.kind {
            case .forwardSecrecy, .aeadOnly, .suiteClasses: break
            default: return
            }
        }
        switch rule.kind {
        case .versionsRequired(let versions):
            for version in versions.sorted() {
                switch endpoint.versions.first(where: { $0.version == version })?.status {
                case .yes: break
                case .failed(let reason, _):
                    outcome.unknown.append(ProfileReason(.versionProbeFailed, version: version.name, detail: reason))
                case .no, nil: outcome.reasons.append(ProfileReason(.versionRequired, version: version.name))
                }
            }
        case .versionsAllowed(let versions):
            for version in accepted.subtracting(versions).sorted() {
                outcome.reasons.append(ProfileReason(.versionNotAllowed, version: version.name))
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
                    outcome.unknown.append(ProfileReason(.strengthUnknown, item: "\(finding.item)\(place)", detail: strength.sentence))
                } else if strength.strengthBits < floor || strength.status == .notAcceptable {
                    outcome.reasons.append(
                        ProfileReason(
                            .strengthBelow, item: "\(finding.item)\(place)", bits: StrengthJudgement.describe(strength.strengthBits),
                            floor: floor, until: strength.status == .notAcceptable ? strength.operationEnd : nil))
                }
            }
        case .forwardSecrecy:
            for (version, suite) in suites where suite.info?.hasForwardSecrecy == false {
                outcome.reasons.append(ProfileReason(.noForwardSecrecy, item: suite.name, version: version.name))
            }
        case .aeadOnly:
            for (version, suite) in suites where suite.info?.isAEAD == false {
                outcome.reasons.append(ProfileReason(.notAEAD, item: suite.name, version: version.name))
            }
        case .suiteClasses:
            let classes = guideline.suiteClasses(of: profile.id)
            for (version, suite) in suites {
                guard let info = suite.info else {
                    outcome.advisories.append(ProfileReason(.suiteUnknown, item: suite.name, version: version.name))
                    continue
                }
                let classification = SuiteClassification(info, under: version, entries: classes)
                if !classification.prohibitedBy.isEmpty {
                    let why = classification.prohibitedBy.map { "\($0.name) [\($0.evidence.rawValue)\($0.derived ? ", derived" : "")]" }
                    outcome.reasons.append(
                        ProfileReason(.suiteProhibited, item: suite.name, version: version.name, detail: why.joined(separator: "; ")))
                } else if classification.recommendedBy.isEmpty {
                    outcome.advisories.append(ProfileReason(.suiteNeither, item: suite.name, version: version.name))
                }
            }
        case .certificateHashesForbidden(let hashes):
            for chain in endpoint.certificateChains {
                for (position, certificate) in chain.certificates.enumerated()
                where !certificate.signatureIsIrrelevant(atChainPosition: position) {
                    if let hash = certificate.signature.hash, hashes.contains(hash) {
                        outcome.reasons.append(ProfileReason(.certificateHash, item: certificate.subject, detail: hash.displayName))
                    }
                }
            }
        case .certificateKeys(let requirements):
            for chain in endpoint.certificateChains {
                guard let leaf = chain.certificates.first else { continue }
                let key = leaf.publicKey
                guard let requirement = requirements.first(where: { $0.algorithm == key.algorithm }) else {
                    let allowed = requirements.map(\.algorithm.rawValue).joined(separator: ", ")
                    outcome.reasons.append(
                        ProfileReason(.certificateKeyAlgorithm, item: leaf.subject, detail: key.summary, allowed: allowed))
                    continue
                }
                if let minimum = requirement.minBits, let bits = key.bits, bits < minimum {
                    outcome.reasons.append(ProfileReason(.certificateKeySize, item: leaf.subject, detail: key.summary, floor: minimum))
                }
            }
        case .groupsRecommended(let groups):
            for group in endpoint.groups?.accepted ?? [] where !groups.contains(group) && !group.isGREASE {
                outcome.advisories.append(ProfileReason(.groupNotRecommended, item: group.name))
            }
        case .signatureHashesForbidden(let hashes):
            for enumeration in endpoint.signatureSchemes where accepted.contains(enumeration.version) {
                for scheme in enumeration.accepted {
                    if let hash = scheme.info?.hash, hashes.contains(hash) {
                        outcome.reasons.append(
                            ProfileReason(
                                .schemeHash, item: scheme.name(in: enumeration.version), version: enumeration.version.name,
                                detail: hash.displayName))
                    }
                }
            }
        }
    }
}

/// What the rules of one profile found so far.
private struct ProfileOutcome {
    var reasons: [ProfileReason] = []
    var advisories: [ProfileReason] = []
    var unknown: [ProfileReason]
}

/// The reasons with distinct sentences, the first of each kept.
private func uniqued(_ values: [ProfileReason]) -> [ProfileReason] {
    var seen = Set<String>()
    return values.filter { seen.insert($0.english).inserted }
}
