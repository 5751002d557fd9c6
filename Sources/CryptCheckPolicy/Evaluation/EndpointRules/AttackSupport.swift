import CryptCheckModel

/// A published attack the passive rules recognise from what a scan saw: its name (the finding's
/// item), where it is described, and how much a server exposed to it matters before the list
/// status of the primitives is counted.
struct PassiveAttack: Sendable {
    let name: String
    /// The CVE or paper, as a citation's revision.
    let reference: String
    /// Where it is described.
    let source: String
    let severity: Severity

    static let sweet32 = PassiveAttack(
        name: "SWEET32", reference: "CVE-2016-2183, CVE-2016-6329 (Bhargavan and Leurent, CCS 2016)",
        source: "https://sweet32.info/", severity: .medium)
    static let rc4 = PassiveAttack(
        name: "RC4 biases", reference: "RFC 7465; CVE-2013-2566, CVE-2015-2808 (AlFardan et al., USENIX Security 2013)",
        source: "https://www.rfc-editor.org/rfc/rfc7465", severity: .high)
    static let freak = PassiveAttack(
        name: "FREAK", reference: "CVE-2015-0204 (Beurdouche et al., IEEE S&P 2015)", source: "https://mitls.org/pages/attacks/SMACK",
        severity: .critical)
    static let logjam = PassiveAttack(
        name: "Logjam", reference: "CVE-2015-4000 (Adrian et al., CCS 2015)", source: "https://weakdh.org/", severity: .high)
    static let drown = PassiveAttack(
        name: "DROWN", reference: "CVE-2016-0800 (Aviram et al., USENIX Security 2016)", source: "https://drownattack.com/",
        severity: .critical)
    static let poodle = PassiveAttack(
        name: "POODLE (SSLv3)", reference: "CVE-2014-3566 (Möller, Duong and Kotowicz, 2014); RFC 7568",
        source: "https://www.rfc-editor.org/rfc/rfc7568", severity: .high)
    static let beast = PassiveAttack(
        name: "BEAST", reference: "CVE-2011-3389 (Duong and Rizzo, 2011); RFC 7457 2.2", source: "https://www.rfc-editor.org/rfc/rfc7457",
        severity: .medium)
    static let lucky13 = PassiveAttack(
        name: "LUCKY13", reference: "CVE-2013-0169 (AlFardan and Paterson, IEEE S&P 2013); RFC 7457 2.6",
        source: "https://www.rfc-editor.org/rfc/rfc7457", severity: .low)
    static let crime = PassiveAttack(
        name: "CRIME", reference: "CVE-2012-4929 (Rizzo and Duong, 2012); RFC 7457 2.6", source: "https://www.rfc-editor.org/rfc/rfc7457",
        severity: .high)

    /// The attack as the basis of a finding: checker logic over what the scan saw.
    var citation: Citation {
        Citation(listID: name, revision: reference, evidence: .confirmed, derived: true, source: source)
    }
}

/// Whether the facts an attack needs were all observed.
enum AttackState {
    /// The prerequisite was seen; `reason` says where.
    case vulnerable(reason: String)
    /// The prerequisite was observed absent; `reason` is the evidence.
    case absent(reason: String)
    /// What was needed was not observed; `reason` says what.
    case unknown(reason: String, code: ErrorCode?)
    /// The prerequisite was seen, but whether the attack works depends on the implementation,
    /// which a scan cannot observe (LUCKY13: is the padding check constant-time?); `reason` says
    /// where. A violation when a suite that gives it its prerequisite is one anyway; otherwise
    /// indeterminate: neither "vulnerable" (not shown) nor "not vulnerable" (not observed).
    case exposed(reason: String, unobservable: String)
}

/// One accepted suite that gives an attack its prerequisite.
struct SuiteHit {
    let version: ProtocolVersion
    let suite: CipherSuite
    let info: CipherSuiteInfo
}

extension Judge {
    /// A finding for `attack` at one endpoint. Vulnerable: a violation, at least as severe as
    /// the attack and as the findings of the suites that give it its prerequisite (`hits`), so
    /// that it is never weaker than a suite's own finding; absent: a pass with the evidence;
    /// unknown: indeterminate, with what was not observed. `primitives` are the primitives the
    /// attack breaks, each with its list status.
    func attackFinding(
        _ attack: PassiveAttack, subject: String, state: AttackState, primitives: [PrimitiveJudgement], hits: [SuiteHit] = [],
        remedy: Remedy
    ) -> Finding {
        let judged = primitives.filter { $0.status != .notApplicable }
        let worst = judged.max { $0.status < $1.status }
        let evidence = EvidenceLevel.weakest(of: [attack.citation.evidence] + primitives.map(\.citation.evidence))
        let verdict: Verdict
        let severity: Severity
        let text: String
        var fix: Remedy?
        var code: ErrorCode?
        let suiteFindings = hits.map { suiteFinding($0.suite, version: $0.version, subject: subject) }
        var state = state
        if case .exposed(let reason, _) = state, suiteFindings.contains(where: { $0.verdict == .violation }) {
            state = .vulnerable(reason: reason)
        }
        switch state {
        case .exposed(let reason, let unobservable):
            verdict = .indeterminate
            severity = max(attack.severity, .low)
            text = "\(attack.name): not decided: \(reason); \(unobservable)" + Self.statusNote(judged)
            fix = remedy
            code = .attackNotObservable
        case .vulnerable(let reason):
            let suiteSeverity = suiteFindings.map(\.severity).max() ?? .info
            verdict = .violation
            severity = max(attack.severity, suiteSeverity)
            text = "\(attack.name): vulnerable: \(reason)" + Self.statusNote(judged)
            fix = remedy
        case .absent(let reason):
            verdict = .pass
            severity = .info
            text = "\(attack.name): not vulnerable: \(reason)"
        case .unknown(let reason, let errorCode):
            verdict = .indeterminate
            severity = .medium
            text = "\(attack.name): not decided: \(reason)"
            fix = Remedy(.rerunScan, "Re-run the scan so that this can be observed.")
            code = errorCode
        }
        let finding = Finding(
            subject: subject, component: .attack, item: attack.name, list: policy.list.header.revision,
            listStatus: worst?.status ?? .notApplicable, decidingPrimitive: worst?.primitive, primitives: primitives,
            basis: attack.citation, verdict: verdict, severity: severity, evidence: evidence, derived: true, message: text,
            remediation: fix?.text, remediationCode: fix?.code, errorCode: code)
        return finding
    }

    /// "; 3-key Triple DES: Monitored (unconfirmed)": each broken primitive's list status and how
    /// well that status is confirmed.
    private static func statusNote(_ primitives: [PrimitiveJudgement]) -> String {
        var seen = Set<Primitive>()
        let parts = primitives.filter { seen.insert($0.primitive).inserted }.map { judgement in
            "\(judgement.citation.technique ?? judgement.primitive.displayName): \(judgement.status.rawValue) (\(judgement.citation.evidence.rawValue))"
        }
        return parts.isEmpty ? "" : "; " + parts.joined(separator: ", ")
    }

    /// Whether a suite that `matches` is accepted under any of `versions` (or, with
    /// `sslv2Matches`, an SSLv2 cipher kind that matches): vulnerable when one is (the state is
    /// then `nil`: the caller words it from the hits); absent only when every version there was
    /// probed and each accepted one's suites were enumerated completely; unknown otherwise.
    /// `unknown` is what was not observed, also when hits were found.
    func suiteAttackState(
        _ endpoint: TLSEndpointObservation, versions: [ProtocolVersion], matches: (CipherSuiteInfo) -> Bool,
        sslv2Matches: ((SSLv2CipherKindInfo) -> Bool)? = nil
    ) -> (state: AttackState?, hits: [SuiteHit], kinds: [SSLv2CipherKindInfo], unknown: AttackState?) {
        var hits: [SuiteHit] = []
        var kinds: [SSLv2CipherKindInfo] = []
        var unknown: AttackState?
        var refused: [String] = []
        var enumerated: [String] = []
        let probed = (sslv2Matches == nil ? [] : [ProtocolVersion.sslv2]) + versions
        for version in probed {
            guard let support = endpoint.versions.first(where: { $0.version == version }) else {
                unknown = unknown ?? .unknown(reason: "\(version.name) was not probed", code: nil)
                continue
            }
            switch support.status {
            case .no: refused.append(version.name)
            case .failed(_, let code):
                unknown = unknown ?? .unknown(reason: "whether \(version.name) is accepted was not observed", code: code)
            case .yes where version == .sslv2:
                // The SSLv2 probe offers every kind; the server answers with all it has in common.
                kinds += endpoint.sslv2CipherKinds.compactMap(\.info).filter { sslv2Matches?($0) ?? false }
                enumerated.append(version.name)
            case .yes:
                guard let enumeration = endpoint.cipherSuites.first(where: { $0.version == version }) else {
                    unknown = unknown ?? .unknown(reason: "the suites accepted under \(version.name) were not enumerated", code: nil)
                    continue
                }
                for suite in enumeration.accepted {
                    if let info = suite.info, matches(info) { hits.append(SuiteHit(version: version, suite: suite, info: info)) }
                }
                if enumeration.complete {
                    enumerated.append(version.name)
                } else {
                    unknown =
                        unknown ?? .unknown(reason: "suite enumeration under \(version.name) is incomplete", code: enumeration.failureCode)
                }
            }
        }
        if !hits.isEmpty || !kinds.isEmpty { return (nil, hits, kinds, unknown) }
        if let unknown { return (unknown, [], [], unknown) }
        let evidence = [
            enumerated.isEmpty ? nil : "every suite accepted under \(enumerated.joined(separator: ", ")) was enumerated",
            refused.isEmpty ? nil : "\(refused.joined(separator: ", ")) refused",
        ].compactMap { $0 }.joined(separator: "; ")
        return (.absent(reason: "no such suite is accepted (\(evidence))"), [], [], nil)
    }

    /// "TLS_RSA_WITH_3DES_EDE_CBC_SHA (0x000A) under TLSv1.2, TLSv1.0", one entry per suite.
    static func hitList(_ hits: [SuiteHit], kinds: [SSLv2CipherKindInfo] = []) -> String {
        var order: [CipherSuite] = []
        var versions: [CipherSuite: [String]] = [:]
        for hit in hits {
            if versions[hit.suite] == nil { order.append(hit.suite) }
            versions[hit.suite, default: []].append(hit.version.name)
        }
        let suites = order.map { suite in
            let name = suite.info.map { suiteItem($0, suite) } ?? suite.name
            return "\(name) under \(versions[suite, default: []].joined(separator: ", "))"
        }
        return (suites + kinds.map { "\($0.name) (\($0.hex)) under SSLv2" }).joined(separator: "; ")
    }

    /// The judgements of the primitives of `hits` in the roles an attack breaks, each once.
    func brokenPrimitives(_ hits: [SuiteHit], roles: Set<PrimitiveRole>) -> [PrimitiveJudgement] {
        var seen = Set<String>()
        var result: [PrimitiveJudgement] = []
        for hit in hits {
            for judgement in suitePrimitives(hit.info) where roles.contains(judgement.role) {
                let key = "\(judgement.role.rawValue) \(judgement.primitive.rawValue) \(judgement.status.rawValue)"
                if seen.insert(key).inserted { result.append(judgement) }
            }
        }
        return result
    }
}
