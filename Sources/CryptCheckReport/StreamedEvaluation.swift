import CryptCheckModel
import CryptCheckPolicy
import Foundation

/// `cryptcheck evaluate` in every format (text, CSV, the JSON report, SARIF, the CBOM, the HTML
/// report): the observation files are read one endpoint or file at a time
/// (`ObservationLoader.stream`), each judged (and, for the verdict, judged on the projection
/// day) and rendered at once into a spool of its file and part (text, CSV) or of the report's
/// arrays (`StreamedReport`, `StreamedSARIF`, `StreamedCBOM`) and page rows (`StreamedHTML`),
/// so memory holds counts, not the observations or findings.
/// `write` then puts out the bytes the whole `Report` renders to: for the text, the header, the
/// endpoints of every file, the files of every file, the unscanned targets, the summary and the
/// verdict; for the report formats, the document around the spooled arrays (for HTML, the page
/// around the spooled rows, then the JSON report made script-safe).
package struct StreamedEvaluation {
    package enum Format: Sendable {
        case text, csv, json, sarif, cbom, html

        /// Whether the format shows the report (and its data digest), not only the findings.
        var isReport: Bool { [.json, .sarif, .cbom, .html].contains(self) }
    }

    /// What a report format needs besides the findings: who made it and when, whether the
    /// LS-0003 deadlines are listed, the language of the HTML report, the text and the CSV, and SHA-256 for the data
    /// digest.
    package struct ReportSettings {
        package var inputs: ReportInputs
        package var deadlines: Bool
        package var language: ReportLanguage
        package var sha256: StreamingDigest
        /// Where the SARIF log places its results.
        package var sarif: SARIFLocations

        package init(
            inputs: ReportInputs, deadlines: Bool, language: ReportLanguage = .en, sarif: SARIFLocations = .current,
            sha256: @escaping StreamingDigest
        ) {
            self.inputs = inputs
            self.deadlines = deadlines
            self.language = language
            self.sarif = sarif
            self.sha256 = sha256
        }
    }

    /// A subject (endpoint, file, item or target) is met in two places: the text report groups
    /// all its findings in one block, which needs the whole set (and the report's rule
    /// differences and SARIF locations look subjects up across the whole set). The caller
    /// evaluates it whole.
    package struct RepeatedSubject: Error {}

    /// Something the streamed report could not write as the whole report does (a projection
    /// whose findings do not correspond one to one, a value left to Foundation's encoder, a
    /// result whose subject may be a file): the caller evaluates it whole.
    package struct NotStreamable: Error {
        package let reason: String
    }

    /// The files' time, tool and unscanned targets, merged as `ObservationLoader.merge` does
    /// (without the endpoints and files, which were judged as they were read).
    package let observations: ObservationSet
    package let summary: EvaluationSummary
    package let verdict: OverallVerdict
    /// What `notice` said about the endpoints, in their order (not about those of a file found
    /// not valid part way, which the whole evaluation does not read either).
    package let notices: [String]
    private let format: Format
    private let lists: [ListReference]
    private let asOf: String
    private let operationEnd: OperationEnd
    /// What the text shows after the counts (deadlines, rule differences, projection changes).
    private let tail: EvaluationTextRenderer.Tail
    private let colour: Bool
    /// The language of the text and the CSV header and verdict columns (`ReportSettings.language`).
    private let language: ReportLanguage
    /// In output order: every file's endpoints, every file's files, then the unscanned targets.
    private let parts: [Part]
    /// The JSON report, and the SARIF log or the CBOM, for those formats.
    private let json: SplicedDocument?
    private let marked: MarkedDocument?
    /// The HTML report's page: the skeleton report (the fixed sections) and the rows.
    private let page: (skeleton: Report, rows: StreamedHTML)?
    /// Whether the report was written from spools: the report formats say so (the tests check
    /// the path taken, not only its bytes).
    package var streamedReport: Bool { json != nil }

    /// Reads and judges `paths` against `policies` (and `projection`, the same lists on a later
    /// day, for the text verdict and the report). `colour`: the text is coloured for a terminal.
    /// `report`: needed by the report formats. `notice`: a line to tell about an endpoint, or
    /// `nil`. Throws `RepeatedSubject` (not for CSV) or `NotStreamable` (report formats) before
    /// anything is written.
    package init(
        paths: [String], policies: [Policy], projection: [Policy]?, format: Format, colour: Bool = false,
        report settings: ReportSettings? = nil, notice: ((TLSEndpointObservation) -> String?)? = nil
    ) throws {
        let colour = colour && format == .text
        let language = settings?.language ?? .en
        self.format = format
        self.colour = colour
        self.language = language
        let projection = format == .csv ? nil : projection
        let report =
            format.isReport
            ? StreamedReport(
                policies: policies.count,
                sarif: format == .sarif
                    ? StreamedSARIF(entries: policies.flatMap(ReportBuilder.entries), locations: settings?.sarif ?? .current) : nil,
                cbom: format == .cbom ? StreamedCBOM() : nil,
                html: format == .html ? StreamedHTML(language: settings?.language ?? .en, policies: policies.count) : nil) : nil
        var states = paths.map { _ in FileState(policies: policies, projection: projection) }
        let merged = ObservationLoader.stream(
            paths,
            element: { index, element in
                report?.begin(file: index)
                if case .endpoint(let endpoint) = element, let line = notice?(endpoint) { states[index].notices.append(line) }
                states[index].take(element, format: format, colour: colour, language: language, report: report)
            },
            abandon: {
                states[$0] = FileState(policies: policies, projection: projection)
                report?.abandon(file: $0)
            })
        // SSH endpoints are judged with the whole report (they are few and small): the caller
        // evaluates it whole.
        if !merged.sshEndpoints.isEmpty { throw NotStreamable(reason: "SSH endpoints are judged with the whole report") }
        var targets = FileState(policies: policies, projection: projection)
        for target in merged.unscanned { targets.take(target, format: format, colour: colour, language: language, report: report) }
        observations = merged
        notices = states.flatMap(\.notices)
        // DROWN compares the keys of every endpoint with those of the endpoints that accept
        // SSLv2: one endpoint at a time cannot.
        if states.contains(where: \.acceptsSSLv2) {
            throw NotStreamable(reason: "an endpoint accepts SSLv2 (DROWN compares keys across endpoints)")
        }
        let parts = states.map(\.endpoints) + states.map(\.files) + [targets.files]
        self.parts = parts
        lists = targets.now.lists
        asOf = targets.now.asOf
        operationEnd = targets.now.operationEnd
        var summary = targets.now.summary
        for state in states { summary.add(state.now.summary) }
        self.summary = summary
        var tally = VerdictTally()
        tally.operationEndGiven = targets.now.operationEnd.given
        for part in parts { tally.add(part.tally) }
        // As in the report, the projection counts only when both judgements correspond throughout.
        let aligned = parts.allSatisfy(\.aligned)
        if aligned { for part in parts { tally.add(part.changes) } }
        verdict = tally.verdict
        var levels = StrengthLevelTally()
        for part in parts { levels.add(part.levels) }
        let shown = EvaluationTextRenderer.Tail.shown
        let differences = policies.indices.flatMap { index in parts.flatMap { $0.differences[index] ?? [] }.prefix(shown) }
        let changes = aligned ? parts.flatMap(\.changeList).prefix(shown) : []
        tail = EvaluationTextRenderer.Tail(
            operationEnd: operationEnd.date, deadlines: policies.first.map { levels.deadlines($0) } ?? [],
            differences: Array(differences.prefix(shown)),
            differenceCount: parts.reduce(0) { $0 + $1.differenceCount },
            transition: targets.then.map { ($0.operationEnd.date, Array(changes), aligned ? parts.reduce(0) { $0 + $1.changeCount } : 0) })
        if format != .csv {
            var subjects = Set<Int>()
            for part in parts {
                guard !part.repeated else { throw RepeatedSubject() }
                subjects.formUnion(part.subjects)
            }
            guard subjects.count == parts.reduce(0, { $0 + $1.subjects.count }) else { throw RepeatedSubject() }
        }
        guard let report else {
            json = nil
            marked = nil
            page = nil
            return
        }
        guard let settings else { preconditionFailure("a report format needs ReportSettings") }
        if let failure = report.failure { throw NotStreamable(reason: "\(failure)") }
        if projection != nil && !aligned { throw NotStreamable(reason: "the findings on the projection day do not correspond") }
        if report.sarif?.ambiguous == true { throw NotStreamable(reason: "a result's subject may be a file") }
        if report.cbom?.ambiguous == true { throw NotStreamable(reason: "a finding's subject may name another endpoint or file") }
        let inputs = settings.inputs
        var skeleton = Report(
            schema: Report.currentSchema, tool: inputs.tool, generatedAt: UTCCalendar.timestamp(inputs.generatedAt),
            system: inputs.system, asOf: asOf, operationEnd: operationEnd, targetProfile: targets.now.targetProfile, lists: lists,
            listEntries: policies.flatMap(ReportBuilder.entries),
            scope: ReportScope(
                endpoints: [], paths: inputs.paths ?? states.reduce(into: Set<String>()) { $0.formUnion($1.parents) }.sorted()),
            verdict: verdict, findings: [], profiles: [], ruleDifferences: [],
            deadlines: settings.deadlines ? tail.deadlines : [],
            transition: targets.then.map { StrengthTransition(date: $0.operationEnd.date, changes: []) },
            evidence: ReportEvidence(ObservationSet(tool: "", observedAt: merged.observedAt)), unscanned: merged.unscanned,
            summary: summary, configuration: policies.first?.acceptableConfiguration(), dataDigest: nil)
        do {
            guard let plain = try report.document(skeleton) else { throw NotStreamable(reason: "the skeleton report lacks an array") }
            skeleton.dataDigest = try StreamedReport.digest(plain, sha256: settings.sha256)
            guard let sealed = try report.document(skeleton) else { throw NotStreamable(reason: "the sealed report lacks an array") }
            json = sealed
        } catch let unsupported as SortedJSONEncoder.Unsupported {
            throw NotStreamable(reason: "a \(unsupported.type) in the report")
        }
        if let log = report.sarif {
            guard let document = log.document(skeleton) else { throw NotStreamable(reason: "the SARIF skeleton lacks its results") }
            marked = document
        } else if let bom = report.cbom {
            guard let document = bom.document(skeleton) else { throw NotStreamable(reason: "the CBOM skeleton lacks an array") }
            marked = document
        } else {
            marked = nil
        }
        page = report.html.map { (skeleton, $0) }
    }

    /// The text's closing counts, what changes before the end of operation, and the overall
    /// verdict (uncoloured): what a run that wrote its subjects as they came ends with.
    package var closing: String {
        EvaluationTextRenderer.closing(
            summary: summary, verdict: verdict, transitionDate: tail.transition?.date,
            tail: EvaluationTextRenderer.tail(tail, language: language), language: language)
    }

    /// Hands the output, in order, to `sink` in pieces.
    package func write(to sink: ([UInt8]) throws -> Void) throws {
        func text(_ text: String) throws { try sink(Array((colour ? TerminalColour.apply(text) : text).utf8)) }
        func drain(_ spool: ByteSpool) throws { try spool.drain(sink) }
        switch format {
        case .text:
            try text(EvaluationTextRenderer.header(lists: lists, asOf: asOf, operationEnd: operationEnd, language: language))
            // Endpoints that never spoke TLS come first: nothing below covers them.
            for part in parts { try drain(part.lead) }
            for part in parts { try drain(part.body) }
            try text(closing)
        case .csv:
            try text(CSVRenderer.header(language: language))
            for part in parts { try drain(part.body) }
        case .json:
            try json?.write(to: sink)
            try sink([0x0A])
        case .sarif, .cbom:
            try marked?.write(to: sink)
        case .html:
            guard let page, let json else { return }
            try HTMLReportRenderer.write(page.skeleton, rows: page.rows, text: page.rows.text, data: json.write, to: sink)
        }
    }
}

/// What one part of the input gave: one file's endpoints or files, or the unscanned targets.
private final class Part {
    /// The NOT OBSERVED lines of endpoints, written before every subject.
    let lead = ByteSpool()
    /// The rendered subjects.
    let body = ByteSpool()
    var tally = VerdictTally()
    /// The changes at the projection day, counted only when every part is `aligned`.
    var changes = VerdictTally()
    /// The first changes at the projection day (as many as the text shows) and how many there are.
    var changeList: [TransitionChange] = []
    var changeCount = 0
    var aligned = true
    /// The findings per LS-0003 level, for the deadlines inside the operating period.
    var levels = StrengthLevelTally()
    /// Per policy (by index), the first suites its list and GL-3001 judge differently.
    var differences: [Int: [RuleDifference]] = [:]
    var differenceCount = 0
    let policy: Policy?

    init(policy: Policy?) { self.policy = policy }
    /// Hashes of the subjects met (a collision only sends the evaluation the whole-set way).
    var subjects = Set<Int>()
    var repeated = false

    func add(_ text: String, colour: Bool, lead: Bool = false) {
        (lead ? self.lead : body).append(Array((colour ? TerminalColour.apply(text) : text).utf8))
    }

    func meet(_ subject: String) {
        if !subjects.insert(nameHash(subject)).inserted { repeated = true }
    }

    /// Counts `findings` (and their judgement on the projection day, `later`); `changed` is
    /// given each change.
    func count(_ findings: [Finding], later: [Finding]?, changed: (TransitionChange) -> Void = { _ in }) {
        for finding in findings {
            tally.add(finding)
            if let policy { levels.add(finding, policy: policy) }
        }
        guard let later else { return }
        if ReportBuilder.correspond(findings, later) {
            for change in ReportBuilder.changes(from: findings, to: later) {
                changes.add(change)
                changed(change)
                changeCount += 1
                if changeList.count < EvaluationTextRenderer.Tail.shown { changeList.append(change) }
            }
        } else {
            aligned = false
        }
    }
}

/// One file's judges (now and on the projection day) and parts; replaced whole when the file
/// turns out not valid part way.
private struct FileState {
    var now: EvaluationBuilder
    var then: EvaluationBuilder?
    let policies: [Policy]
    let endpoints: Part
    let files: Part
    /// The directories of the files, which the report's scope lists.
    var parents = Set<String>()
    /// What the caller's `notice` said about the endpoints.
    var notices: [String] = []
    /// Whether an endpoint accepted SSLv2.
    var acceptsSSLv2 = false

    init(policies: [Policy], projection: [Policy]?) {
        now = EvaluationBuilder(policies: policies)
        then = projection.map(EvaluationBuilder.init)
        self.policies = policies
        endpoints = Part(policy: policies.first)
        files = Part(policy: policies.first)
    }

    mutating func take(
        _ element: ObservationElement, format: StreamedEvaluation.Format, colour: Bool, language: ReportLanguage, report: StreamedReport?
    ) {
        switch element {
        case .endpoint(let endpoint):
            acceptsSSLv2 = acceptsSSLv2 || endpoint.acceptsSSLv2
            let judged = now.judge(endpoint)
            endpoints.count(judged.findings, later: then?.judge(endpoint).findings) { report?.add(change: $0, atEndpoint: true) }
            let suites = judged.findings.filter { $0.component == .cipherSuite }
            for (index, policy) in policies.enumerated() {
                let found = RuleDifference.between(endpoint, findings: suites, policy: policy)
                endpoints.differenceCount += found.count
                let kept = endpoints.differences[index, default: []]
                endpoints.differences[index] = kept + found.prefix(max(0, EvaluationTextRenderer.Tail.shown - kept.count))
                report?.add(differences: found, policy: index)
            }
            let evidence = EndpointEvidence(endpoint)
            if format != .csv { ([endpoint.endpoint] + judged.findings.map(\.subject)).uniqued.forEach(endpoints.meet) }
            switch format {
            case .text:
                endpoints.add(EvaluationTextRenderer.notObserved(evidence, language: language), colour: colour, lead: true)
                for (subject, findings) in Report.bySubject(judged.findings) {
                    endpoints.add(
                        EvaluationTextRenderer.block(
                            subject, findings: findings,
                            profiles: judged.profiles.filter { $0.subject == subject },
                            endpoint: subject == endpoint.endpoint ? evidence : nil, language: language), colour: colour)
                }
            case .csv:
                endpoints.add(
                    CSVRenderer.rows(judged.findings, asOf: now.asOf, operationEnd: now.operationEnd, language: language), colour: false)
            case .json, .sarif, .cbom, .html:
                guard let report else { break }
                report.add(evidence, to: report.endpoints)
                report.add(each: ReportEvidence.certificates(endpoint), to: report.certificates.endpoints)
                report.add(each: judged.findings, to: report.findings.endpoints)
                report.add(each: judged.profiles, to: report.profiles)
                report.add(endpoint.endpoint, to: report.scopeEndpoints)
                report.html?.add(
                    endpoint: endpoint.endpoint, evidence, certificates: ReportEvidence.certificates(endpoint), findings: judged.findings,
                    profiles: judged.profiles)
                report.sarif.map { $0.add(judged.findings, endpoint: endpoint.endpoint, to: $0.results.endpoints) }
                report.cbom?.add(
                    ReportEvidence(ObservationSet(tool: "", observedAt: .distantPast, endpoints: [endpoint])),
                    findings: judged.findings, atEndpoint: true)
            }
        case .file(let file):
            let findings = now.judge(file)
            self.files.count(findings, later: then?.judge(file)) { report?.add(change: $0, atEndpoint: false) }
            if let report {
                parents.insert(PathText.parent(of: file.path))
                report.add(FileEvidence(file), to: report.files)
                report.add(each: ReportEvidence.certificates(file), to: report.certificates.files)
                report.html?.add(file: FileEvidence(file), certificates: ReportEvidence.certificates(file), findings: findings)
                report.sarif.map { $0.add(findings, path: file.path, to: $0.results.files) }
                report.cbom?.add(
                    ReportEvidence(ObservationSet(tool: "", observedAt: .distantPast, files: [file])), findings: findings, atEndpoint: false
                )
            }
            render(findings, into: self.files, format: format, colour: colour, language: language, report: report)
        }
    }

    mutating func take(
        _ target: UnscannedTarget, format: StreamedEvaluation.Format, colour: Bool, language: ReportLanguage, report: StreamedReport?
    ) {
        let findings = now.judge(target)
        files.count(findings, later: then?.judge(target)) { report?.add(change: $0, atEndpoint: false) }
        report?.html?.add(target: findings)
        report?.sarif.map { $0.add(findings, path: nil, to: $0.results.files) }
        report?.cbom?.add(ReportEvidence(ObservationSet(tool: "", observedAt: .distantPast)), findings: findings, atEndpoint: false)
        render(findings, into: files, format: format, colour: colour, language: language, report: report)
    }

    private func render(
        _ findings: [Finding], into part: Part, format: StreamedEvaluation.Format, colour: Bool, language: ReportLanguage,
        report: StreamedReport?
    ) {
        if format != .csv { findings.map(\.subject).uniqued.forEach(part.meet) }
        switch format {
        case .text:
            for (subject, findings) in Report.bySubject(findings) {
                part.add(EvaluationTextRenderer.block(subject, findings: findings, language: language), colour: colour)
            }
        case .csv:
            part.add(CSVRenderer.rows(findings, asOf: now.asOf, operationEnd: now.operationEnd, language: language), colour: false)
        case .json, .sarif, .cbom, .html:
            report.map { $0.add(each: findings, to: $0.findings.files) }
        }
    }
}

extension Array where Element == String {
    /// The texts in order of first appearance, each once.
    fileprivate var uniqued: [String] {
        var seen = Set<String>()
        return filter { seen.insert($0).inserted }
    }
}

extension EvaluationSummary {
    /// Adds the counts of other findings.
    mutating func add(_ other: EvaluationSummary) {
        findings += other.findings
        byVerdict.merge(other.byVerdict, uniquingKeysWith: +)
        bySeverity.merge(other.bySeverity, uniquingKeysWith: +)
        byListStatus.merge(other.byListStatus, uniquingKeysWith: +)
        incomplete = incomplete || other.incomplete
        onWeakEvidence += other.onWeakEvidence
    }
}
