import CryptCheckModel
import CryptCheckPolicy
import Foundation

/// `cryptcheck evaluate` in the formats that can be written as things are judged (text, CSV):
/// the observation files are read one endpoint or file at a time (`ObservationLoader.stream`),
/// each judged (and, for the verdict, judged on the projection day) and rendered at once into
/// a spool of its file and part, so memory holds counts, not the observations or findings.
/// `write` then puts out the bytes the whole `Report` renders to: the header, the endpoints of
/// every file, the files of every file, the unscanned targets, the summary and the verdict.
public struct StreamedEvaluation {
    public enum Format: Sendable { case text, csv }

    /// A subject (endpoint, file, item or target) is met in two places: the text report groups
    /// all its findings in one block, which needs the whole set. The caller evaluates it whole.
    public struct RepeatedSubject: Error {}

    /// The files' time, tool and unscanned targets, merged as `ObservationLoader.merge` does
    /// (without the endpoints and files, which were judged as they were read).
    public let observations: ObservationSet
    public let summary: EvaluationSummary
    public let verdict: OverallVerdict
    private let format: Format
    private let lists: [ListReference]
    private let asOf: String
    private let operationEnd: OperationEnd
    /// What the text shows after the counts (deadlines, rule differences, projection changes).
    private let tail: EvaluationTextRenderer.Tail
    private let colour: Bool
    /// In output order: every file's endpoints, every file's files, then the unscanned targets.
    private let parts: [Part]

    /// Reads and judges `paths` against `policies` (and `projection`, the same lists on a later
    /// day, for the text verdict). `colour`: the text is coloured for a terminal.
    /// Throws `RepeatedSubject` (text only) before anything is written.
    public init(paths: [String], policies: [Policy], projection: [Policy]?, format: Format, colour: Bool = false) throws {
        let colour = colour && format == .text
        self.format = format
        self.colour = colour
        let projection = format == .text ? projection : nil
        var states = paths.map { _ in FileState(policies: policies, projection: projection) }
        let merged = ObservationLoader.stream(paths, element: { index, element in
            states[index].take(element, format: format, colour: colour)
        }, abandon: { states[$0] = FileState(policies: policies, projection: projection) })
        var targets = FileState(policies: policies, projection: projection)
        for target in merged.unscanned { targets.take(target, format: format, colour: colour) }
        observations = merged
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
        if format == .text {
            var subjects = Set<Int>()
            for part in parts {
                guard !part.repeated else { throw RepeatedSubject() }
                subjects.formUnion(part.subjects)
            }
            guard subjects.count == parts.reduce(0, { $0 + $1.subjects.count }) else { throw RepeatedSubject() }
        }
    }

    /// Hands the output, in order, to `sink` in pieces.
    public func write(to sink: ([UInt8]) throws -> Void) throws {
        func text(_ text: String) throws { try sink(Array((colour ? TerminalColour.apply(text) : text).utf8)) }
        var failure: (any Error)?
        func drain(_ spool: ByteSpool) throws {
            try spool.drain { bytes in
                guard failure == nil else { return }
                do { try sink(bytes) } catch { failure = error }
            }
            if let failure { throw failure }
        }
        switch format {
        case .text:
            try text(EvaluationTextRenderer.header(lists: lists, asOf: asOf, operationEnd: operationEnd))
            // Endpoints that never spoke TLS come first: nothing below covers them.
            for part in parts { try drain(part.lead) }
            for part in parts { try drain(part.body) }
            try text(EvaluationTextRenderer.closing(summary: summary, verdict: verdict, transitionDate: tail.transition?.date,
                                                    tail: EvaluationTextRenderer.tail(tail)))
        case .csv:
            try text(CSVRenderer.row(CSVRenderer.columns))
            for part in parts { try drain(part.body) }
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
        var hasher = Hasher()
        hasher.combine(subject)
        if !subjects.insert(hasher.finalize()).inserted { repeated = true }
    }

    /// Counts `findings` (and their judgement on the projection day, `later`).
    func count(_ findings: [Finding], later: [Finding]?) {
        for finding in findings {
            tally.add(finding)
            if let policy { levels.add(finding, policy: policy) }
        }
        guard let later else { return }
        if ReportBuilder.correspond(findings, later) {
            for change in ReportBuilder.changes(from: findings, to: later) {
                changes.add(change)
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

    init(policies: [Policy], projection: [Policy]?) {
        now = EvaluationBuilder(policies: policies)
        then = projection.map(EvaluationBuilder.init)
        self.policies = policies
        endpoints = Part(policy: policies.first)
        files = Part(policy: policies.first)
    }

    mutating func take(_ element: ObservationElement, format: StreamedEvaluation.Format, colour: Bool) {
        switch element {
        case .endpoint(let endpoint):
            let judged = now.judge(endpoint)
            endpoints.count(judged.findings, later: then?.judge(endpoint).findings)
            let suites = judged.findings.filter { $0.component == "cipher-suite" }
            for (index, policy) in policies.enumerated() {
                let found = RuleDifference.between(endpoint, findings: suites, policy: policy)
                endpoints.differenceCount += found.count
                let kept = endpoints.differences[index, default: []]
                endpoints.differences[index] = kept + found.prefix(max(0, EvaluationTextRenderer.Tail.shown - kept.count))
            }
            let evidence = EndpointEvidence(endpoint)
            switch format {
            case .text:
                endpoints.add(EvaluationTextRenderer.notObserved(evidence), colour: colour, lead: true)
                var subjects: Set<String> = [endpoint.endpoint]
                for (subject, findings) in Report.bySubject(judged.findings) {
                    subjects.insert(subject)
                    endpoints.add(EvaluationTextRenderer.block(subject, findings: findings,
                                                               profiles: judged.profiles.filter { $0.subject == subject },
                                                               endpoint: subject == endpoint.endpoint ? evidence : nil), colour: colour)
                }
                subjects.forEach(endpoints.meet)
            case .csv:
                endpoints.add(CSVRenderer.rows(judged.findings, asOf: now.asOf, operationEnd: now.operationEnd), colour: false)
            }
        case .file(let file):
            let findings = now.judge(file)
            self.files.count(findings, later: then?.judge(file))
            render(findings, into: self.files, format: format, colour: colour)
        }
    }

    mutating func take(_ target: UnscannedTarget, format: StreamedEvaluation.Format, colour: Bool) {
        let findings = now.judge(target)
        files.count(findings, later: then?.judge(target))
        render(findings, into: files, format: format, colour: colour)
    }

    private func render(_ findings: [Finding], into part: Part, format: StreamedEvaluation.Format, colour: Bool) {
        switch format {
        case .text:
            for (subject, findings) in Report.bySubject(findings) {
                part.meet(subject)
                part.add(EvaluationTextRenderer.block(subject, findings: findings), colour: colour)
            }
        case .csv:
            part.add(CSVRenderer.rows(findings, asOf: now.asOf, operationEnd: now.operationEnd), colour: false)
        }
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
