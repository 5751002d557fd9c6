import CryptCheckModel
import CryptCheckPolicy

/// The parts of the report page that grow with the input.
enum HTMLPart: CaseIterable {
    /// The endpoints that never completed a handshake, as list items (the verdict names them).
    case unobserved
    /// The endpoint names of the scope, separated by commas.
    case scopeEndpoints
    /// The rows of the TLS guideline profiles.
    case profiles
    /// The rows of the violations, worst first.
    case violations
    /// The rows of the undecided findings and the passes on a condition.
    case conditions
    /// The rows of the passes (and of the facts judged not applicable), for the appendix.
    case passes
    /// The rows of what changes on the projection day.
    case changes
    /// The evidence of each endpoint (a table each), certificate and file (rows).
    case endpoints, certificates, files
    /// The evidence of each SSH endpoint (a table each).
    case sshEndpoints
}

/// Where the page's growing parts come from: the whole report (`ReportRows`), or spools filled
/// as each endpoint and file was judged (`StreamedHTML`). Either way each row is rendered by
/// one function of `HTMLRow` or `EvidenceHTML`, so both give the same bytes.
protocol HTMLRows {
    /// Whether `part` has nothing to show.
    func isEmpty(_ part: HTMLPart) -> Bool
    /// Writes the rows of `part` after what `html` holds (handing that to `sink` first when the
    /// rows are kept elsewhere).
    func write(_ part: HTMLPart, _ html: inout HTMLWriter, to sink: ([UInt8]) throws -> Void) throws
    /// The first rule differences (of every policy, in order) the page shows, and how many there are.
    var ruleDifferences: (first: [RuleDifference], count: Int) { get }
    /// The first profile result of the profile `id`, which names it.
    func profile(_ id: String) -> ProfileResult?
    /// The findings counted by component and by fix (`ReportTally`).
    var tally: ReportTally { get }
    /// How many endpoints and files were judged.
    var endpointCount: Int { get }
    var fileCount: Int { get }
}

/// The growing parts of a whole `Report`, rendered as they are written.
struct ReportRows: HTMLRows {
    let report: Report
    let text: ReportText
    let tally: ReportTally

    init(report: Report, text: ReportText) {
        self.report = report
        self.text = text
        var tally = ReportTally()
        let endpoints = Set(report.scope.endpoints)
        for (subject, findings) in report.findingsBySubject { tally.add(findings, atEndpoint: endpoints.contains(subject)) }
        self.tally = tally
    }

    var endpointCount: Int { report.scope.endpoints.count }
    var fileCount: Int { report.evidence.files.count }

    func isEmpty(_ part: HTMLPart) -> Bool {
        switch part {
        case .unobserved: !report.evidence.endpoints.contains(where: HTMLRow.isUnobserved)
        case .scopeEndpoints: report.scope.endpoints.isEmpty
        case .profiles: report.profiles.isEmpty
        case .violations: !report.findings.contains { $0.verdict == .violation }
        case .conditions: !report.findings.contains(where: HTMLRow.isCondition)
        case .passes: !report.findings.contains(where: HTMLRow.isPass)
        case .changes: report.transition?.changes.isEmpty ?? true
        case .endpoints: report.evidence.endpoints.isEmpty
        case .sshEndpoints: report.evidence.sshEndpoints?.isEmpty ?? true
        case .certificates: report.evidence.certificates.isEmpty
        case .files: report.evidence.files.isEmpty
        }
    }

    func write(_ part: HTMLPart, _ html: inout HTMLWriter, to sink: ([UInt8]) throws -> Void) throws {
        /// Renders each value, handing the page on now and then so it is never held whole.
        func each<S: Sequence>(_ values: S, _ render: (S.Element, inout HTMLWriter) -> Void) throws {
            for value in values {
                render(value, &html)
                if html.output.utf8.count >= 1 << 20 { try html.flush(to: sink) }
            }
        }
        switch part {
        case .unobserved: try each(report.evidence.endpoints) { HTMLRow.unobserved($0, &$1) }
        case .scopeEndpoints:
            try each(report.scope.endpoints.enumerated()) { HTMLRow.scopeEndpoint($0.element, first: $0.offset == 0, &$1) }
        case .profiles: try each(report.profiles) { HTMLRow.profile($0, text, &$1) }
        case .violations:
            // Worst first; the sort is stable, so each severity keeps the findings' order.
            let violations = report.findings.filter { $0.verdict == .violation }.sorted { $0.severity > $1.severity }
            try each(violations) { HTMLRow.violation($0, text, &$1) }
        case .conditions: try each(report.findings.lazy.filter(HTMLRow.isCondition)) { HTMLRow.condition($0, text, &$1) }
        case .passes: try each(report.findings.lazy.filter(HTMLRow.isPass)) { HTMLRow.pass($0, text, &$1) }
        case .changes: try each(report.transition?.changes ?? []) { HTMLRow.change($0, text, &$1) }
        case .endpoints: try each(report.evidence.endpoints) { EvidenceHTML.endpoint($0, text, &$1) }
        case .sshEndpoints: try each(report.evidence.sshEndpoints ?? []) { SSHEvidenceHTML.endpoint($0, text, &$1) }
        case .certificates: try each(report.evidence.certificates) { EvidenceHTML.certificate($0, &$1) }
        case .files: try each(report.evidence.files) { EvidenceHTML.file($0, &$1) }
        }
    }

    var ruleDifferences: (first: [RuleDifference], count: Int) {
        (Array(report.ruleDifferences.prefix(HTMLRow.differencesShown)), report.ruleDifferences.count)
    }

    func profile(_ id: String) -> ProfileResult? { report.profiles.first { $0.profile == id } }
}

/// One row (or list item, or table) of a growing part of the page: the only code that renders it.
enum HTMLRow {
    /// How many rule differences the verdict section lists.
    static let differencesShown = 10

    /// Whether the endpoint never completed a handshake.
    static func isUnobserved(_ endpoint: EndpointEvidence) -> Bool { endpoint.outcome.map { !$0.isHandshake } ?? false }

    /// The endpoint as an item of the verdict's list of endpoints without a handshake, if it is one.
    static func unobserved(_ endpoint: EndpointEvidence, _ html: inout HTMLWriter) {
        guard isUnobserved(endpoint) else { return }
        html.element("li", "\(endpoint.endpoint): \(endpoint.outcome?.summary ?? "")")
    }

    /// One endpoint name of the scope, after a comma unless `first` (escaping is character by
    /// character, so the names escaped one by one are the list escaped whole).
    static func scopeEndpoint(_ name: String, first: Bool, _ html: inout HTMLWriter) {
        if !first { html.raw(", ") }
        html.text(name)
    }

    static func profile(_ profile: ProfileResult, _ text: ReportText, _ html: inout HTMLWriter) {
        html.open("tr")
        html.element("td", profile.subject)
        html.element("td", text.language == .ja ? profile.nameJa ?? profile.name : profile.name)
        html.element("td", text.profileStatus(profile.status))
        html.raw("<td>")
        let reasons = text.profileReasons(profile)
        if reasons.isEmpty { html.text("—") }
        for (index, reason) in reasons.enumerated() {
            if index > 0 { html.raw("\n") }
            if reason.advisory { html.text(text.advisory) }
            if let item = reason.item {
                html.raw("<code>")
                html.text(item)
                html.raw("</code>")
            }
            html.text(reason.text)
        }
        html.raw("</td>")
        html.close("tr")
    }

    static func violation(_ finding: Finding, _ text: ReportText, _ html: inout HTMLWriter) {
        html.open("tr", class: "severity-\(finding.severity.rawValue)")
        html.element("td", text.severity(finding.severity))
        html.element("td", finding.subject)
        item(finding, text, &html)
        judgement(finding, text, &html, then: "\n" + text.citationLabel + citation(finding, text))
        html.element("td", fix(finding, text))
        html.close("tr")
    }

    /// The fix of a row in the report's language, pointing to its action on page 1 (where the
    /// configuration that does it is) when it has one.
    static func fix(_ finding: Finding, _ text: ReportText) -> String {
        guard let remediation = text.remediation(finding) else { return "—" }
        return remediation + (finding.remediationCode == nil ? "" : text.seeActions)
    }

    /// Whether the finding is undecided or a pass on a condition (section 6).
    static func isCondition(_ finding: Finding) -> Bool { finding.verdict == .indeterminate || ReportTally.isConditional(finding) }

    /// Whether the finding is a plain pass or a fact judged not applicable (appendix A).
    static func isPass(_ finding: Finding) -> Bool {
        (finding.verdict == .pass && !ReportTally.isConditional(finding)) || finding.verdict == .notApplicable
    }

    static func verdictText(_ finding: Finding, _ text: ReportText) -> String {
        ReportTally.isConditional(finding) ? text.conditional : text.verdict(finding.verdict)
    }

    static func condition(_ finding: Finding, _ text: ReportText, _ html: inout HTMLWriter) {
        html.open("tr", class: "verdict-\(finding.verdict.rawValue)")
        html.element("td", finding.subject)
        item(finding, text, &html)
        html.element("td", verdictText(finding, text), class: "v")
        judgement(finding, text, &html, then: "\n" + text.citationLabel + citation(finding, text))
        html.element("td", fix(finding, text))
        html.close("tr")
    }

    static func pass(_ finding: Finding, _ text: ReportText, _ html: inout HTMLWriter) {
        html.open("tr", class: "verdict-\(finding.verdict.rawValue)")
        html.element("td", finding.subject)
        item(finding, text, &html)
        html.element("td", verdictText(finding, text), class: "v")
        html.element("td", citation(finding, text))
        judgement(finding, text, &html)
        html.close("tr")
    }

    /// The component, then the item and where it is as an identifier.
    /// The finding's headline in a cell, then `after`; the text a Japanese reason keeps from
    /// outside the rules (an error, a target's reason) is shown as code: data, not a sentence.
    static func judgement(_ finding: Finding, _ text: ReportText, _ html: inout HTMLWriter, then after: String = "") {
        let (headline, original) = text.judgementParts(finding)
        html.raw("<td>")
        if let original {
            html.text(String(headline.dropLast()) + "（原文: ")
            html.raw("<code>")
            html.text(original)
            html.raw("</code>")
            html.text("）。" + after)
        } else {
            html.text(headline + after)
        }
        html.raw("</td>")
    }

    static func item(_ finding: Finding, _ text: ReportText, _ html: inout HTMLWriter) {
        html.raw("<td>")
        html.text(text.component(finding.component) + text.pick("：", ": "))
        html.raw("<code>")
        html.text(finding.item + (finding.context.map { " [\($0)]" } ?? ""))
        html.raw("</code></td>")
    }

    static func citation(_ finding: Finding, _ text: ReportText) -> String {
        if let basis = finding.basis {
            return text.cited([basis.revision, basis.category].compactMap { $0 }.joined(separator: " ")) + " — "
                + text.evidence(basis.evidence)
        }
        guard let cited = finding.decidingCitation ?? finding.primitives.first?.citation else { return "—" }
        var parts = [cited.revision]
        if let category = cited.category { parts.append(category) }
        if let technique = cited.technique { parts.append(technique) }
        var result = text.cited(parts.joined(separator: " ")) + " — " + text.evidence(finding.evidence)
        if finding.derived { result += text.language == .ja ? "（推論規則）" : " (derived rule)" }
        return result
    }

    static func change(_ change: TransitionChange, _ text: ReportText, _ html: inout HTMLWriter) {
        html.row([
            change.subject,
            "\(text.component(change.component)): \(change.item)" + (change.context.map { " [\($0)]" } ?? ""),
            change.statusNow.map(text.strengthStatus) ?? text.verdict(change.verdictNow),
            change.statusThen.map(text.strengthStatus) ?? text.verdict(change.verdictThen),
            change.strengthBits.map { StrengthJudgement.describe($0) } ?? "—",
            "\(change.requiredNow.map(String.init) ?? "—") → \(change.requiredThen.map(String.init) ?? "—")",
        ])
    }
}
