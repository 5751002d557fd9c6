import CryptCheckModel
import CryptCheckPolicy

/// Renders findings for a person reading a terminal or a log: per subject, per component, one
/// line per finding with its verdict, list status and severity, and why. Built from three parts
/// (header, subject blocks, summary) so a scan can write subjects as it goes.
package enum EvaluationTextRenderer {
    static let componentOrder: [FindingComponent] = [
        .target, .endpoint, .file, .probe, .protocolVersion, .cipherSuite, .group, .dhParameters, .signatureScheme,
        .sshKeyExchange, .sshGroupExchange, .sshHostKeyAlgorithm, .sshHostKey, .sshCertificateKey, .sshCertificateCAKey,
        .sshCertificateSignature, .sshCertificateValidity, .sshCipher, .sshMAC, .sshCompression,
        .certificate, .certificateTrust, .certificateHostname, .certificateKey, .certificateSignature,
        .certificateValidity,
    ]

    /// What the evaluation is judged against, when, and for which end of operation.
    package static func header(lists: [ListReference], asOf: String, operationEnd: OperationEnd, language: ReportLanguage = .en) -> String {
        let words = TextWords(language)
        var out = words.pick("cryptcheck 評価（判定基準日 \(asOf)）\n", "cryptcheck evaluation as of \(asOf)\n")
        out +=
            operationEnd.given
            ? words.pick(
                "運用終了予定: \(operationEnd.date)（LS-0003 の強度はこの日までの運用として判定）\n",
                "End of operation: \(operationEnd.date) (LS-0003 strength is judged for operation until then)\n")
            : words.pick(
                "運用終了予定: 未指定。判定基準日 \(operationEnd.date) を仮定（--operation-end YYYY で指定すること。運用が長いほど強い鍵が必要になる）\n",
                "End of operation: not given; assumed \(operationEnd.date), the as-of day (give --operation-end YYYY: a system that runs longer may need stronger keys)\n"
            )
        out += words.pick("判定基準:\n", "Judged against:\n")
        for list in lists {
            out +=
                "  \(list.revision)  \(list.title) "
                + words.pick(
                    "（\(list.published)、根拠の水準: \(words.evidence(list.evidence))）\n",
                    "(\(list.published); evidence: \(list.evidence.rawValue))\n")
        }
        return out
    }

    /// The whole report: the evaluation with, per endpoint, what was observed (versions
    /// accepted or not, features), and the overall verdict at the end.
    package static func render(_ report: Report, language: ReportLanguage = .en) -> String {
        var out = header(lists: report.lists, asOf: report.asOf, operationEnd: report.operationEnd, language: language)
        // Endpoints that never spoke TLS come first: nothing below covers them.
        for endpoint in report.evidence.endpoints { out += notObserved(endpoint, language: language) }
        let profiles = Dictionary(grouping: report.profiles, by: \.subject)
        let endpoints = Dictionary(report.evidence.endpoints.map { ($0.endpoint, $0) }, uniquingKeysWith: { first, _ in first })
        let ssh = sshEndpoints(report)
        for (subject, findings) in report.findingsBySubject {
            out += block(
                subject, findings: findings, profiles: profiles[subject] ?? [], endpoint: endpoints[subject], ssh: ssh[subject],
                language: language)
        }
        return out
            + closing(
                summary: report.summary, verdict: report.verdict, transitionDate: report.transition?.date,
                tail: tail(report, language: language), language: language)
    }

    /// The report's SSH endpoints by subject (`ssh://host:port`).
    static func sshEndpoints(_ report: Report) -> [String: SSHEndpointObservation] {
        Dictionary((report.evidence.sshEndpoints ?? []).map { ($0.subject, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The line for an endpoint that never spoke TLS (nothing below covers it), or nothing.
    static func notObserved(_ endpoint: EndpointEvidence, language: ReportLanguage = .en) -> String {
        guard let outcome = endpoint.outcome, !outcome.isHandshake else { return "" }
        let words = TextWords(language)
        return EscapedText.terminalSafe(
            words.pick("未観測  \(endpoint.endpoint): TLS ハンドシェイクなし: ", "NOT OBSERVED  \(endpoint.endpoint): no TLS handshake: ")
                + outcome.summary) + "\n"
    }

    /// The closing counts, `tail` (what changes before the end of operation, where the rules
    /// part), and the overall verdict.
    static func closing(
        summary counts: EvaluationSummary, verdict: OverallVerdict, transitionDate: String?, tail: String,
        language: ReportLanguage = .en
    ) -> String {
        var out = "\n" + summary(counts, language: language) + tail
        let words = TextWords(language)
        if words.ja {
            // The report's sentences, so that the terminal and the report say the same.
            let reasons = verdict.reasons.filter { $0.kind != .weakEvidence }.map(words.report.reason)
            return out + "総合判定: \(words.status(verdict.status))" + (reasons.isEmpty ? "" : " — " + reasons.joined()) + "\n"
        }
        let reasons: [String] = verdict.reasons.compactMap { reason in
            switch reason.kind {
            case .violations: "\(reason.count) violations of medium severity or worse"
            case .minorViolations: "\(reason.count) minor violations"
            case .candidatePrimitives: "\(reason.count) on candidate-tier primitives"
            case .incomplete: "\(reason.count) not observed (cannot be called conformant)"
            case .transition: "\(reason.count) pass now but fail if the system ran until \(transitionDate ?? "")"
            case .migrationPeriod: "\(reason.count) in LS-0003's migration period (migration to be completed by its deadline)"
            case .processingOnly: "\(reason.count) tolerated only for processing existing data"
            case .operationEndAssumed:
                "\(reason.count) acceptable only if the system's operation ends by \(reason.date ?? "?") (no --operation-end given)"
            case .weakEvidence: nil
            case .nothingObserved: "nothing was observed: no endpoint, file or target was judged"
            }
        }
        out += "Overall: \(words.status(verdict.status))" + (reasons.isEmpty ? "" : " — " + reasons.joined(separator: "; ")) + "\n"
        return out
    }

    /// What a report's text shows after the counts: the LS-0003 deadlines inside the operating
    /// period, the suites the ciphers list and GL-3001 judge differently, and the `--projection`
    /// day's changes (the first twenty of each long list, with how many there are in all).
    package struct Tail: Sendable {
        package var operationEnd: String
        package var deadlines: [StrengthDeadline]
        package var differences: [RuleDifference]
        package var differenceCount: Int
        /// The projection day, its first changes and how many there are.
        package var transition: (date: String, changes: [TransitionChange], count: Int)?

        package init(
            operationEnd: String, deadlines: [StrengthDeadline], differences: [RuleDifference], differenceCount: Int,
            transition: (date: String, changes: [TransitionChange], count: Int)?
        ) {
            self.operationEnd = operationEnd
            self.deadlines = deadlines
            self.differences = differences
            self.differenceCount = differenceCount
            self.transition = transition
        }

        /// How many of a long list the text shows.
        package static let shown = 20
    }

    static func tail(_ report: Report, language: ReportLanguage = .en) -> String {
        tail(
            Tail(
                operationEnd: report.operationEnd.date, deadlines: report.deadlines,
                differences: Array(report.ruleDifferences.prefix(Tail.shown)), differenceCount: report.ruleDifferences.count,
                transition: report.transition.map { ($0.date, Array($0.changes.prefix(Tail.shown)), $0.changes.count) }),
            language: language)
    }

    package static func tail(_ tail: Tail, language: ReportLanguage = .en) -> String {
        let words = TextWords(language)
        func more(_ count: Int) -> String {
            words.pick("  … ほか \(count) 件（--format json を参照）\n", "  … \(count) more (see --format json)\n")
        }
        var out = ""
        if !tail.deadlines.isEmpty {
            out += words.pick(
                "\n運用終了予定（\(tail.operationEnd)）までに LS-0003 で変わるもの:\n",
                "\nBefore the end of operation (\(tail.operationEnd)), LS-0003 changes:\n")
            for deadline in tail.deadlines {
                let before = words.strengthStatus(deadline.before), after = words.strengthStatus(deadline.after)
                out +=
                    words.ja
                    ? "  \(deadline.date)  \(deadline.strengthBits) ビット（\(words.report.use(deadline.use))）: \(before) -> \(after)"
                        + " [\(words.evidence(deadline.evidence))]; 所見 \(deadline.affected) 件"
                        + (deadline.examples.isEmpty ? "" : "、例: " + deadline.examples.joined(separator: ", ")) + "\n"
                    : "  \(deadline.date)  \(deadline.strengthBits)-bit (\(deadline.use == .newProtection ? "new protection" : "existing data")): "
                        + "\(before) -> \(after) [\(deadline.evidence.rawValue)]; \(deadline.affected) finding\(deadline.affected == 1 ? "" : "s")"
                        + (deadline.examples.isEmpty ? "" : ", e.g. " + deadline.examples.joined(separator: ", ")) + "\n"
            }
        }
        if tail.differenceCount > 0 {
            out += words.pick(
                "\n暗号リストと GL-3001 で判定が異なる暗号スイート（総合判定は暗号リストと LS-0003 に、プロファイルの判定はリストによらず GL-3001 の分類に従う）:\n",
                "\nThe ciphers list and GL-3001 judge these suites differently (the overall verdict follows the list and LS-0003;"
                    + " profile verdicts follow GL-3001's own suite classes, whatever the list):\n")
            for difference in tail.differences.prefix(Tail.shown) {
                out +=
                    words.ja
                    ? "  \(words.report.difference(difference, profileName: difference.profile))\n"
                    : "  \(difference.subject) \(difference.item) [\(difference.context)]: \(difference.listVerdict.rawValue) by"
                        + " \(difference.list) (\(difference.listStatus.rawValue)); \(difference.guidelineClass.rawValue) in"
                        + " \(difference.guideline) \(difference.profile)\n"
            }
            if tail.differenceCount > Tail.shown { out += more(tail.differenceCount - Tail.shown) }
        }
        if let transition = tail.transition {
            out += words.pick(
                "\n\(transition.date) まで運用した場合に強度の区分が変わるもの: \(transition.count) 件\n",
                "\nIf the system ran until \(transition.date): \(transition.count) strength standing\(transition.count == 1 ? "" : "s") change\n"
            )
            for change in transition.changes.prefix(Tail.shown) {
                out +=
                    "  \(example(subject: change.subject, item: change.item, context: change.context)): "
                    + "\(change.statusNow.map(words.strengthStatus) ?? "?") -> \(change.statusThen.map(words.strengthStatus) ?? "?")\n"
            }
            if transition.count > Tail.shown { out += more(transition.count - Tail.shown) }
        }
        return EscapedText.terminalSafeLines(out)
    }

    /// What was observed at an endpoint besides the judged items.
    static func overview(_ endpoint: EndpointEvidence, language: ReportLanguage = .en) -> String {
        let words = TextWords(language)
        var out = ""
        if let outcome = endpoint.outcome, !outcome.isHandshake {
            out += EscapedText.terminalSafe(words.pick("  TLS ハンドシェイクなし: ", "  NO TLS HANDSHAKE: ") + outcome.summary) + "\n"
        }
        if let address = endpoint.address {
            out +=
                EscapedText.terminalSafe(
                    words.pick("  アドレス \(address)", "  address \(address)")
                        + (endpoint.serverName.map { words.pick("、SNI \($0)", ", SNI \($0)") } ?? words.pick("、SNI なし", ", no SNI"))) + "\n"
        }
        out +=
            words.pick("  バージョン: ", "  versions: ") + endpoint.versions.map { "\($0.version) \($0.status)" }.joined(separator: ", ")
            + "\n"
        if !endpoint.features.isEmpty {
            out +=
                words.pick("  機能: ", "  features: ")
                + endpoint.features.map { "\($0.feature) \($0.status)" + ($0.detail.map { " (\($0))" } ?? "") }.joined(separator: ", ")
                + "\n"
        }
        return out
    }

    /// One subject (an endpoint, or a file with its inventory): findings per list and component.
    package static func block(
        _ subject: String, findings: [Finding], profiles: [ProfileResult] = [],
        file: FileObservation? = nil, endpoint: EndpointEvidence? = nil, ssh: SSHEndpointObservation? = nil,
        language: ReportLanguage = .en
    ) -> String {
        let words = TextWords(language)
        var out = "\n\(EscapedText.terminalSafe(subject))" + (file?.sha256.map { "  (SHA-256 \($0.prefix(16))...)" } ?? "") + "\n"
        if let file { out += FileInventoryTextRenderer.render(file, language: language) }
        if let endpoint { out += overview(endpoint, language: language) }
        if let ssh { out += SSHEndpointTextRenderer.render(ssh, language: language) }
        // Grouped in one pass (list, then component, then context, each in order of first
        // appearance): a bundle of thousands of certificates must not cost a scan per group.
        // A file's handful of findings is grouped by a linear search, cheaper than hashing.
        var groups: [FindingGroup] = []
        var byKey: [FindingGroup.Key: Int] = [:]
        let hashed = findings.count > 16
        for (index, finding) in findings.enumerated() {
            let key = FindingGroup.Key(list: finding.list, component: finding.component, context: finding.context ?? "")
            let found = hashed ? byKey[key] : groups.lastIndex { $0.key == key }
            if let found {
                groups[found].indices.append(index)
            } else {
                if hashed { byKey[key] = groups.count }
                groups.append(FindingGroup(key: key, indices: [index]))
            }
        }
        var lists: [String] = []
        for group in groups where !lists.contains(group.key.list) { lists.append(group.key.list) }
        for list in lists {
            if lists.count > 1 { out += "  === \(list) ===\n" }
            var components: [FindingComponent] = []
            for group in groups where group.key.list == list && !components.contains(group.key.component) {
                components.append(group.key.component)
            }
            components.sort {
                (componentOrder.firstIndex(of: $0) ?? 99, $0.rawValue) < (componentOrder.firstIndex(of: $1) ?? 99, $1.rawValue)
            }
            for component in components {
                out += "  \(words.component(component))\n"
                for group in groups where group.key.list == list && group.key.component == component {
                    if !group.key.context.isEmpty { out += "    [\(EscapedText.terminalSafe(group.key.context))]\n" }
                    for index in group.indices { out += Self.lines(findings[index], words: words) }
                }
            }
            let listProfiles = profiles.filter { $0.list == list }
            if !listProfiles.isEmpty { out += renderProfiles(listProfiles, words: words) }
        }
        return out
    }

    /// The lines of one finding.
    private static func lines(_ finding: Finding, words: TextWords) -> String {
        let verdict = words.verdict(finding.verdict)
        // A listed technique with a key length LS-0003 does not accept does not count as listed
        // (cryptrec.md 8.5): its status is starred and the message says why.
        let keyLengthFails =
            finding.strength?.status == .notAcceptable && finding.listStatus < .notListed
            && finding.listStatus != .notApplicable
        let status = words.listStatus(finding.listStatus) + (keyLengthFails ? "*" : "")
        var out =
            "    \(pad(verdict, 14)) \(pad(status, 14)) \(pad(words.severity(finding.severity), 8)) \(EscapedText.terminalSafe(finding.item))"
        if let strength = finding.strength {
            out +=
                "  [\(StrengthJudgement.describe(strength.strengthBits))/\(strength.requiredBits) \(words.bits)"
                + (strength.status == .acceptable ? "]" : ", \(words.strengthStatus(strength.status))]")
        }
        if finding.declared == true { out += words.pick("  [申告、未観測]", "  [declared, not observed]") }
        out += "\n"
        if finding.verdict != .pass || finding.evidence != .confirmed || finding.derived {
            if words.ja {
                // The report's sentence, from the finding's fields; what is undecided or not
                // applicable says why (its reason in Japanese, what came from outside the rules
                // as the original text).
                let star = keyLengthFails ? "* " : ""  // the sentence says the key length fails
                out += "        \(star)\(EscapedText.terminalSafe(words.report.judgement(finding)))\n"
                if finding.verdict == .notApplicable && (finding.basis != nil || finding.strength != nil) {
                    out += "        \(EscapedText.terminalSafe(JapaneseReason.render(finding.message, code: finding.errorCode)))\n"
                }
            } else {
                let star =
                    keyLengthFails && !finding.message.contains("key length not acceptable under LS-0003")
                    ? "* listed, but the key length is not acceptable under LS-0003: " : ""
                out += "        \(star)\(EscapedText.terminalSafe(finding.message))\n"
            }
        }
        if finding.evidence != .confirmed || finding.derived {
            out +=
                words.pick("        根拠の水準: ", "        evidence: ") + words.evidence(finding.evidence)
                + (finding.derived ? words.pick("、導出した規則による", ", rests on derived rules") : "") + "\n"
        }
        if let remediation = words.ja ? words.report.remediation(finding) : finding.remediation {
            out += words.pick("        対処: ", "        fix: ") + EscapedText.terminalSafe(remediation) + "\n"
        }
        return out
    }

    private static func renderProfiles(_ profiles: [ProfileResult], words: TextWords) -> String {
        var out = words.pick("  GL-3001 プロファイル\n", "  GL-3001 profiles\n")
        let advisoryLabel = words.pick("推奨項目", "advisory")
        for profile in profiles {
            let qualifier =
                profile.derived
                ? words.pick(
                    "（一部は導出した規則による。根拠の水準: \(words.evidence(profile.evidence))）",
                    " (partly derived rules; evidence \(profile.evidence.rawValue))") : ""
            out += "    \(pad(words.profile(profile.status), 10)) \(words.ja ? profile.nameJa ?? profile.name : profile.name)\(qualifier)\n"
            // In Japanese, the report's sentences from the reasons' facts (the policy's own
            // sentences are English).
            let lines = words.ja ? words.report.profileReasons(profile) : nil
            let reasons = lines.map { $0.filter { !$0.advisory }.map { ($0.item ?? "") + $0.text } } ?? profile.reasons
            let advisories = lines.map { $0.filter(\.advisory).map { ($0.item ?? "") + $0.text } } ?? profile.advisories
            for reason in reasons.prefix(8) { out += "        - \(EscapedText.terminalSafe(reason))\n" }
            if reasons.count > 8 {
                out += words.pick("        - ほか \(reasons.count - 8) 件\n", "        - ... and \(reasons.count - 8) more\n")
            }
            // Should-level items (推奨項目): shown, but they do not decide the profile.
            for advisory in advisories.prefix(8) { out += "        \(advisoryLabel): \(EscapedText.terminalSafe(advisory))\n" }
            if advisories.count > 8 {
                out += words.pick(
                    "        推奨項目: ほか \(advisories.count - 8) 件\n", "        advisory: ... and \(advisories.count - 8) more\n")
            }
        }
        return out
    }

    /// The closing counts.
    package static func summary(_ summary: EvaluationSummary, language: ReportLanguage = .en) -> String {
        if language == .ja { return japaneseSummary(summary) }
        var out = "Summary: \(summary.findings) findings"
        for verdict in Verdict.allCases {
            if let count = summary.byVerdict[verdict.rawValue] { out += ", \(count) \(verdict.rawValue)" }
        }
        out += "\n"
        let severities = severityCounts(summary)
        if !severities.isEmpty { out += "Violations by severity: \(severities.joined(separator: ", "))\n" }
        if summary.incomplete { out += "Incomplete: some things could not be observed (see INDETERMINATE above).\n" }
        if summary.onWeakEvidence > 0 {
            out +=
                "\(summary.onWeakEvidence) verdicts rest on unconfirmed or secondary list facts; they are marked with their evidence level.\n"
        }
        return out
    }

    /// The closing counts in Japanese.
    static func japaneseSummary(_ summary: EvaluationSummary) -> String {
        let words = TextWords(.ja)
        var out = "集計: 所見 \(summary.findings) 件"
        for verdict in Verdict.allCases {
            if let count = summary.byVerdict[verdict.rawValue] { out += "、\(words.verdict(verdict)) \(count)" }
        }
        out += "\n"
        let severities = severityCounts(summary, language: .ja)
        if !severities.isEmpty { out += "重大度別の不適合: \(severities.joined(separator: "、"))\n" }
        if summary.incomplete { out += "不完全: 観測できなかったものがある（上の「判定不能」を参照）。\n" }
        if summary.onWeakEvidence > 0 {
            out += "\(summary.onWeakEvidence) 件の判定は未確認または二次情報のリスト記載に基づく（各所見に根拠の水準を表示）。\n"
        }
        return out
    }

    /// The violations by severity, worst first (`3 high`, `1 medium`): severities without one
    /// are not counted in the summary.
    package static func severityCounts(_ summary: EvaluationSummary, language: ReportLanguage = .en) -> [String] {
        let words = TextWords(language)
        return Severity.allCases.reversed().compactMap { severity in
            summary.bySeverity[severity.rawValue].map { words.ja ? "\(words.severity(severity)) \($0)" : "\($0) \(severity.rawValue)" }
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - displayWidth(text)))
    }
}

func orderedUnique(_ values: [String]) -> [String] {
    var seen = Set<String>()
    return values.filter { seen.insert($0).inserted }
}

/// The findings of one list, component and context, in the order they came.
private struct FindingGroup {
    struct Key: Hashable {
        let list: String, component: FindingComponent, context: String
    }
    let key: Key
    var indices: [Int]
}
