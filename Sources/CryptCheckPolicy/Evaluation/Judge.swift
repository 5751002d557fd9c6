import CryptCheckModel

/// Judges primitives and key sizes against a policy, and combines judgements into findings.
struct Judge {
    let policy: Policy
    /// Findings made for files, by facts (see `FindingCache`).
    let cache = FindingCache()

    private var list: CiphersList { policy.list }

    private func citation(for entry: ListEntry) -> Citation {
        Citation(
            listID: list.header.id, revision: list.header.revision, category: entry.category.rawValue,
            technique: entry.technique, tier: entry.tier, notes: list.notes(of: entry).map(\.text),
            evidence: entry.evidence, source: entry.source, question: entry.question)
    }

    private var notOnListCitation: Citation {
        Citation(
            listID: list.header.id, revision: list.header.revision, evidence: list.header.evidence,
            source: list.header.source)
    }

    /// The list status of one primitive in a role. `keyBits` checks an entry's key-size
    /// condition; `curve` checks the list's curve coverage for ECDH/ECDSA.
    func primitive(_ primitive: Primitive, role: PrimitiveRole, keyBits: Int? = nil, curve: String? = nil) -> PrimitiveJudgement {
        let kind = primitive.info?.kind
        if kind == .keyDerivation {
            var citation = notOnListCitation
            citation.derived = true
            return PrimitiveJudgement(
                role: role, primitive: primitive, status: .notApplicable, citation: citation,
                detail: "the list has no key-derivation category")
        }
        guard let entry = list.entriesByPrimitive[primitive] else {
            // An absence the file makes explicit rests on its own evidence, not the header's.
            if let absence = list.absence(of: primitive) {
                let citation = Citation(
                    listID: list.header.id, revision: list.header.revision, evidence: absence.evidence,
                    source: absence.source, question: absence.question)
                return PrimitiveJudgement(
                    role: role, primitive: primitive, status: .notListed, citation: citation,
                    detail: "\(absence.technique) is taken to be dropped from this edition "
                        + "(\(absence.evidence.rawValue))")
            }
            let detail = kind == PrimitiveKind.none ? primitive.displayName : nil
            return PrimitiveJudgement(
                role: role, primitive: primitive, status: .notListed, citation: notOnListCitation,
                detail: detail)
        }
        var judgement = PrimitiveJudgement(
            role: role, primitive: primitive, status: ListStatus(entry.tier),
            citation: citation(for: entry))
        if let minimum = entry.minKeyBits, let keyBits, keyBits < minimum {
            judgement.status = .notListed
            judgement.detail = "the list covers only \(minimum)-bit keys; this one has \(keyBits) bits"
        }
        if let curve, primitive == "ecdh" || primitive == "ecdsa" {
            let name = EllipticCurve.named(curve)?.displayName ?? curve
            if let coverage = list.coverage(ofCurve: curve) {
                judgement.citation.evidence = max(judgement.citation.evidence, coverage.evidence)
                judgement.citation.derived = judgement.citation.derived || coverage.derived
                judgement.detail = "curve \(name): \(coverage.note)"
            } else {
                judgement.status = .notListed
                judgement.citation.derived = true
                judgement.citation.evidence = max(judgement.citation.evidence, list.curveCoverageEvidence)
                judgement.detail = "curve \(name) is not among the curves the list's \(entry.technique) entry covers"
            }
        }
        return judgement
    }

    /// The strength of a key of `size` bits in `family` (or of a named curve), judged by its
    /// standing for the policy's end of operation and `use`; `nil` when no LS-0003 document is
    /// selected.
    func strength(
        _ family: StrengthFamily, size: Int, curve: String? = nil,
        use: StrengthUse = .newProtection
    ) -> StrengthJudgement? {
        guard let requirements = policy.strength, let table = requirements.family(family) else { return nil }
        var bits = table.strength(ofSize: size)
        var evidence = table.evidence
        var derived = false
        if let curve, let explicit = requirements.curveStrengths.first(where: { $0.curve == curve }) {
            bits = explicit.strength
            evidence = max(evidence, explicit.evidence)
            derived = explicit.derived
        }
        let end = policy.judgedOperationEnd
        let (status, deadline) = requirements.status(of: bits, operationEnd: end, use: use)
        let period = requirements.period(for: bits)
        if let period { evidence = max(evidence, period.evidence) }
        let citation = Citation(
            listID: requirements.header.id, revision: requirements.header.revision,
            category: family.rawValue, notes: period.map { [$0.note] } ?? [], evidence: evidence,
            derived: derived, source: requirements.header.source)
        return StrengthJudgement(
            family: family, size: size, strengthBits: bits,
            requiredBits: policy.requiredStrength ?? bits, asOf: policy.asOfText,
            operationEnd: policy.operationEndText, use: use, status: status,
            deadline: deadline.map(Policy.dayText),
            targetBits: policy.targetStrength,
            citation: citation)
    }

    /// Combines judgements into a finding. `critical` names a property (anonymous, NULL,
    /// export) that makes any violation critical.
    func finding(
        subject: String, component: FindingComponent, item: String, context: String?,
        primitives: [PrimitiveJudgement], strength: StrengthJudgement?, critical: String? = nil,
        remedy: Remedy? = nil
    ) -> Finding {
        let judged = primitives.filter { $0.status != .notApplicable }
        let worst = judged.max { $0.status < $1.status }
        let status = worst?.status ?? .notApplicable
        var reasons: [String] = []
        var severity = Severity.info
        for judgement in judged where judgement.status == .notListed || judgement.status == .monitored {
            let name = judgement.primitive.displayName
            if judgement.status == .notListed {
                reasons.append(
                    "\(name) (\(judgement.role)) is not on \(list.header.revision)"
                        + (judgement.detail.map { ": \($0)" } ?? ""))
                severity = max(severity, .high)
            } else {
                reasons.append("\(name) (\(judgement.role)) is on the Monitored list: compatibility use only")
                severity = max(severity, .medium)
            }
        }
        if let strength, strength.status == .notAcceptable {
            // A listed technique used with a key length LS-0003 does not accept does not count as
            // listed (cryptrec.md 8.5): say so before the strength of a key (one primitive).
            let label =
                switch judged.count == 1 ? judged[0].status : nil {
                case .recommended?: "e-Government Recommended technique, key length not acceptable under LS-0003: "
                case .candidate?: "Candidate Recommended technique, key length not acceptable under LS-0003: "
                case .monitored?: "Monitored technique, key length not acceptable under LS-0003: "
                default: ""
                }
            reasons.append(label + strength.sentence)
            severity = max(severity, strength.strengthBits < 80 ? .critical : .high)
        }
        if let critical, !reasons.isEmpty {
            reasons.insert(critical, at: 0)
            severity = .critical
        }
        let citations = primitives.map(\.citation) + (strength.map { [$0.citation] } ?? [])
        let evidence = EvidenceLevel.weakest(of: citations.map(\.evidence))
        let derived = citations.contains { $0.derived }
        let verdict: Verdict
        var message: String
        if !reasons.isEmpty {
            verdict = .violation
            message = reasons.joined(separator: "; ")
        } else if judged.isEmpty && strength == nil {
            verdict = .notApplicable
            severity = .info
            message = "no listed category applies"
        } else if let strength, strength.status == .beyondTable {
            // LS-0003 says nothing that far: never a pass on what the table does not cover.
            verdict = .indeterminate
            severity = .medium
            message = strength.sentence
        } else {
            verdict = .pass
            if status == .candidate {
                severity = .low
                let names = judged.filter { $0.status == .candidate }.map(\.primitive.displayName)
                message = "on the lists; \(names.joined(separator: ", ")) only on the Candidate list (e-Government Recommended preferred)"
            } else {
                message = "all primitives on the e-Government Recommended list"
            }
            if let strength {
                message += "; " + strength.sentence
                // A level in its migration period, or tolerated only for existing data, is a condition.
                if strength.status != .acceptable { severity = max(severity, .low) }
            }
            // A pass that rests on an unconfirmed or derived fact says which one.
            let caveats = judged.filter { $0.citation.evidence == .unconfirmed || $0.citation.derived }
                .compactMap { judgement in
                    judgement.detail ?? judgement.citation.question.map { "\(judgement.primitive.displayName): \($0)" }
                }
            if !caveats.isEmpty { message += " (" + caveats.joined(separator: "; ") + ")" }
        }
        let deciding: Primitive? =
            if let strength, !strength.meets, status < .monitored {
                primitives.first?.primitive
            } else {
                worst?.primitive
            }
        let fix = verdict == .violation ? remedy ?? self.remedy(strength: strength) : nil
        return Finding(
            subject: subject, component: component, item: item, context: context, list: list.header.revision,
            listStatus: status, decidingPrimitive: deciding, primitives: primitives, strength: strength,
            verdict: verdict, severity: severity, evidence: evidence, derived: derived, message: message,
            remediation: fix?.text, remediationCode: fix?.code)
    }

    /// A finding for something that could not be observed: never a pass.
    func indeterminate(
        subject: String, component: FindingComponent, item: String, context: String? = nil,
        reason: String, errorCode: ErrorCode? = nil
    ) -> Finding {
        Finding(
            subject: subject, component: component, item: item, context: context, list: list.header.revision,
            listStatus: .notApplicable, verdict: .indeterminate, severity: .medium, evidence: .confirmed,
            derived: false, message: reason, remediation: "Re-run the scan so that this can be observed.",
            remediationCode: .rerunScan, errorCode: errorCode)
    }

    private func remedy(strength: StrengthJudgement?) -> Remedy {
        // Aim at the level that needs no migration before the end of operation; past LS-0003's
        // table, at its strongest level.
        guard let strength, !strength.meets,
            let target = strength.targetBits ?? policy.strength?.periods.last?.strength, target > strength.strengthBits,
            case let family = strength.family,
            let table = policy.strength?.family(family),
            let row = table.rows.first(where: { $0.strength >= target })
        else {
            return Remedy(.replaceTechnique, "Replace it with techniques on the e-Government Recommended list of \(list.header.revision).")
        }
        let what =
            switch family {
            case .rsa: "\(row.size)-bit RSA keys"
            case .ffc: "\(row.size)-bit DH/DSA moduli"
            case .ecc: "curves of at least \(row.size) bits (e.g. P-256)"
            case .symmetric: "\(row.size)-bit cipher keys"
            case .hash: "hashes with at least \(row.size)-bit output (SHA-256 or stronger)"
            // A list names only the known families (`ListLoader`).
            default: "\(row.size)-bit \(family) keys"
            }
        return Remedy(
            .regenerateKey,
            "Use \(what) for \(target)-bit strength (acceptable without migration through the end of operation, "
                + "\(strength.operationEnd)), and techniques on the e-Government Recommended list.")
    }
}
