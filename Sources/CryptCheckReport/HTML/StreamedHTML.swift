import CryptCheckModel
import CryptCheckPolicy

/// The growing parts of the HTML report of a streamed evaluation (`StreamedEvaluation`),
/// rendered as each endpoint, file and target is judged into spools in the order the whole
/// report's page shows them, so memory holds counts and a few rows, not the findings:
/// - the whole report lists endpoints before files, so each part fed by both has one spool per
///   side (the input gives one file's endpoints and files before the next file's);
/// - the violations are sorted worst first by a stable sort: one pair of spools per severity;
/// - the conditions and the passes are rows in the findings' order, on the same two sides;
/// - the counts of page 1 (`ReportTally`: by component, and the targets of each fix) group each
///   target's findings by subject: the evaluation is only streamed when no subject is met by two
///   endpoints, files or targets (`RepeatedSubject`), so each subject is counted once, in order.
/// Each row is rendered by the function that renders it for the whole report (`HTMLRow`,
/// `EvidenceHTML`); the fixed sections come from the skeleton report.
final class StreamedHTML: HTMLRows {
    /// One part's rows from endpoints, then from files and targets.
    private struct Sides {
        let endpoints = ByteSpool()
        let files = ByteSpool()
        var both: [ByteSpool] { [endpoints, files] }
        func side(atEndpoint: Bool) -> ByteSpool { atEndpoint ? endpoints : files }
    }

    /// What the verdict section needs besides rows, small and taken back with them.
    private struct Counts {
        /// Per policy, its first rule differences (no more than are shown).
        var differences: [[RuleDifference]]
        var differenceCount = 0
        /// The first profile result of each profile.
        var profiles: [String: ProfileResult] = [:]
        var scopeEndpoints = 0
        var files = 0
        var tally = ReportTally()
    }

    let text: ReportText
    private let unobserved = ByteSpool()
    private let scopeEndpoints = ByteSpool()
    private let profiles = ByteSpool()
    /// Worst severity first.
    private let violations = Severity.allCases.reversed().map { _ in Sides() }
    private let conditions = Sides()
    private let passes = Sides()
    private let changes = Sides()
    private let endpoints = ByteSpool()
    private let certificates = Sides()
    private let files = ByteSpool()
    private var counts: Counts
    /// Where everything stood before the file being read.
    private var mark: (bytes: [Int], counts: Counts)?

    private var all: [ByteSpool] {
        [unobserved, scopeEndpoints, profiles] + violations.flatMap(\.both) + conditions.both + passes.both + changes.both + [endpoints]
            + certificates.both + [files]
    }

    init(language: ReportLanguage, policies: Int) {
        text = ReportText(language: language)
        counts = Counts(differences: Array(repeating: [], count: policies))
    }

    // MARK: filling

    /// An endpoint (named `name`), as judged.
    func add(
        endpoint name: String, _ evidence: EndpointEvidence, certificates: [CertificateEvidence], findings: [Finding],
        profiles: [ProfileResult]
    ) {
        render(into: unobserved) { HTMLRow.unobserved(evidence, &$0) }
        render(into: scopeEndpoints) { HTMLRow.scopeEndpoint(name, first: counts.scopeEndpoints == 0, &$0) }
        counts.scopeEndpoints += 1
        for profile in profiles {
            render(into: self.profiles) { HTMLRow.profile(profile, text, &$0) }
            if counts.profiles[profile.profile] == nil { counts.profiles[profile.profile] = profile }
        }
        add(findings, atEndpoint: true)
        render(into: endpoints) { EvidenceHTML.endpoint(evidence, text, &$0) }
        add(certificates, atEndpoint: true)
    }

    /// A file, as judged.
    func add(file evidence: FileEvidence, certificates: [CertificateEvidence], findings: [Finding]) {
        counts.files += 1
        add(findings, atEndpoint: false)
        render(into: files) { EvidenceHTML.file(evidence, &$0) }
        add(certificates, atEndpoint: false)
    }

    /// The findings of a target not scanned.
    func add(target findings: [Finding]) { add(findings, atEndpoint: false) }

    /// The suites policy number `index` and the guideline judge differently at an endpoint.
    func add(differences: [RuleDifference], policy index: Int) {
        counts.differenceCount += differences.count
        let kept = counts.differences[index]
        counts.differences[index] = kept + differences.prefix(max(0, HTMLRow.differencesShown - kept.count))
    }

    func add(_ change: TransitionChange, atEndpoint: Bool) {
        render(into: changes.side(atEndpoint: atEndpoint)) { HTMLRow.change(change, text, &$0) }
    }

    private func add(_ findings: [Finding], atEndpoint: Bool) {
        for finding in findings where finding.verdict == .violation {
            let worse = Severity.allCases.count - 1 - Severity.allCases.firstIndex(of: finding.severity)!
            render(into: violations[worse].side(atEndpoint: atEndpoint)) { HTMLRow.violation(finding, text, &$0) }
        }
        for finding in findings where HTMLRow.isCondition(finding) {
            render(into: conditions.side(atEndpoint: atEndpoint)) { HTMLRow.condition(finding, text, &$0) }
        }
        for finding in findings where HTMLRow.isPass(finding) {
            render(into: passes.side(atEndpoint: atEndpoint)) { HTMLRow.pass(finding, text, &$0) }
        }
        counts.tally.add(findings, atEndpoint: atEndpoint)
    }

    private func add(_ certificates: [CertificateEvidence], atEndpoint: Bool) {
        for certificate in certificates {
            render(into: self.certificates.side(atEndpoint: atEndpoint)) { EvidenceHTML.certificate(certificate, &$0) }
        }
    }

    private func render(into spool: ByteSpool, _ body: (inout HTMLWriter) -> Void) {
        var html = HTMLWriter()
        body(&html)
        if !html.output.isEmpty { spool.append(Array(html.output.utf8)) }
    }

    /// Notes where everything stands before a file is read.
    func markFile() { mark = (all.map(\.count), counts) }

    /// Forgets what the file being read gave: it turned out not valid part way.
    func rewindFile() {
        guard let mark else { return }
        for (spool, count) in zip(all, mark.bytes) { spool.rewind(to: count) }
        counts = mark.counts
    }

    // MARK: HTMLRows

    private func spools(_ part: HTMLPart) -> [ByteSpool] {
        switch part {
        case .unobserved: [unobserved]
        case .scopeEndpoints: [scopeEndpoints]
        case .profiles: [profiles]
        case .violations: violations.flatMap(\.both)
        case .conditions: conditions.both
        case .passes: passes.both
        case .changes: changes.both
        case .endpoints: [endpoints]
        case .certificates: certificates.both
        case .files: [files]
        // `StreamedEvaluation` hands a set with SSH endpoints to the whole report
        // (`NotStreamable`): the streamed page never has any.
        case .sshEndpoints: []
        }
    }

    func isEmpty(_ part: HTMLPart) -> Bool {
        part == .scopeEndpoints ? counts.scopeEndpoints == 0 : spools(part).allSatisfy(\.isEmpty)
    }

    func write(_ part: HTMLPart, _ html: inout HTMLWriter, to sink: ([UInt8]) throws -> Void) throws {
        try html.flush(to: sink)
        for spool in spools(part) { try spool.drain(sink) }
    }

    var ruleDifferences: (first: [RuleDifference], count: Int) {
        (Array(counts.differences.joined().prefix(HTMLRow.differencesShown)), counts.differenceCount)
    }

    func profile(_ id: String) -> ProfileResult? { counts.profiles[id] }

    var tally: ReportTally { counts.tally }
    var endpointCount: Int { counts.scopeEndpoints }
    var fileCount: Int { counts.files }
}
