import CryptCheckModel
import CryptCheckPolicy
import Foundation

/// `cryptcheck scan` in the formats written as files are read (text, JSON): each file or
/// unscanned path is judged and rendered on the worker thread that read it, then counted and
/// written in path order, so memory holds a batch, not the tree. The observations can be saved
/// alongside (for `cryptcheck evaluate`). The caller supplies the scan (`FileScanner.scan`) and
/// where the bytes go; this type owns the order, the buffering and the summary.
package struct StreamedScan {
    package enum Format: Sendable { case text, json }

    /// One scan event judged and rendered on a worker thread, reduced to what the writing
    /// thread needs (the file's items and findings are freed where they were made).
    package struct Part: Sendable {
        /// The file's path or the target, and the problems to print for it.
        let subject: String
        let errors: [String]
        let unscanned: UnscannedTarget?
        let tally: FindingTally
        let report: Result<ScanReportPart, any Error>
        let observation: String?
    }

    /// Runs a scan: `transform` is called on the worker threads, `emit` in path order on the
    /// calling thread; returns what the walk counted.
    package typealias Scan = (_ transform: @escaping @Sendable (ScanEvent) -> Part, _ emit: (Part) -> Void) -> ScanSummary

    private let policies: [Policy]
    private let format: Format
    private let colour: Bool
    /// The language of the text (`--lang`).
    private let language: ReportLanguage
    /// The parts of files met before, for their copies (`nil`: every file judged afresh).
    let memo: ScanPartMemo?
    /// Told each file's path or target as it is written, on the writing thread (a progress line).
    package var progress: ((String) -> Void)?
    /// Text: only the closing counts and verdict are written, not the header and the files (`--quiet`).
    package var quiet = false
    /// Runs each write to the output (a progress line on the same terminal is erased around it).
    package var aroundWrite: ((() -> Void) -> Void)?
    /// After the scan: the target that stands for what was not read because the run was
    /// interrupted (SIGINT), if it was; it is judged and written like any unscanned target.
    package var interruption: (() -> UnscannedTarget?)?

    /// `colour`: the text is coloured for a terminal (never the JSON); `language`: of the text.
    package init(policies: [Policy], format: Format, colour: Bool, language: ReportLanguage = .en) {
        self.init(policies: policies, format: format, colour: colour, rememberCopies: true, language: language)
    }

    init(policies: [Policy], format: Format, colour: Bool, rememberCopies: Bool, language: ReportLanguage = .en) {
        self.policies = policies
        self.format = format
        self.language = language
        self.colour = colour && format == .text
        memo = rememberCopies ? ScanPartMemo(format: format) : nil
    }

    /// Runs `scan`, writing the report to `output` in blocks of about 256 KiB and, when `save`
    /// is given, the observations to it. `problem` gets each file's errors and each unscanned
    /// target's reason (subject, text), in path order. Returns the judged counts.
    package func run(output: FileHandle, save: FileHandle?, problem: @escaping (String, String) -> Void, scan: Scan) throws
        -> EvaluationSummary
    {
        var builder = EvaluationBuilder(policies: policies)
        let buffered = BufferedOutput(output, around: aroundWrite)
        defer { buffered.flush() }
        let colour = colour
        let json = format == .json
        // With --quiet (text), nothing before the closing is written.
        var silent = quiet && !json
        let emit: ([UInt8]) -> Void = { bytes in
            guard !silent else { return }
            buffered.append(colour ? Array(TerminalColour.apply(String(decoding: bytes, as: UTF8.self)).utf8) : bytes)
        }
        var writer: any ScanReportWriter = json ? JSONScanWriter(output: emit) : TextScanWriter(output: emit, language: language)
        var saver = try save.map { try ObservationStreamWriter(handle: $0) }
        let saving = saver != nil
        try writer.begin(lists: builder.lists, asOf: builder.asOf, operationEnd: builder.operationEnd, targetProfile: builder.targetProfile)
        var unscanned: [UnscannedTarget] = []
        var failure: (any Error)?
        let judge = builder
        let memo = memo
        let language = language
        let progress = progress
        let take: (Part) -> Void = { part in
            guard failure == nil else { return }
            do {
                for error in part.errors { problem(part.subject, error) }
                if let observation = part.observation { try saver?.write(rendered: observation) }
                if let target = part.unscanned { unscanned.append(target) }
                builder.record(part.tally)
                writer.write(try part.report.get())
                progress?(part.subject)
            } catch {
                failure = error
            }
        }
        let counted = scan({ event in Self.part(event, judge: judge, json: json, language: language, saving: saving, memo: memo) }, take)
        if let target = interruption?() {
            take(Self.part(.unscanned(target), judge: judge, json: json, language: language, saving: saving, memo: nil))
        }
        if let failure { throw failure }
        silent = false
        try saver?.finish(unscanned: unscanned)
        try writer.end(summary: builder.summary, scan: counted, unscanned: unscanned)
        return builder.summary
    }

    private static func part(
        _ event: ScanEvent, judge: EvaluationBuilder, json: Bool, language: ReportLanguage, saving: Bool, memo: ScanPartMemo?
    ) -> Part {
        func render(_ subject: String, _ file: FileObservation?, _ findings: [Finding]) throws -> ScanReportPart {
            json
                ? try JSONScanWriter.render(subject: subject, file: file, findings: findings)
                : TextScanWriter.render(subject: subject, file: file, findings: findings, language: language)
        }
        func judged(_ file: FileObservation) throws -> (FindingTally, ScanReportPart) {
            let findings = judge.findings(for: file)
            return (FindingTally(findings), try render(file.path, file, findings))
        }
        switch event {
        case .file(let file):
            let observation = saving ? try? ObservationStreamWriter.render(file) : nil
            if let (tally, report) = memo?.part(of: file) {
                return Part(
                    subject: file.path, errors: file.errors, unscanned: nil, tally: tally, report: .success(report),
                    observation: observation)
            }
            let findings = judge.findings(for: file)
            let report = Result { try render(file.path, file, findings) }
            if let memo, case .success(let rendered) = report { memo.offer(file, rendered: rendered, render: judged) }
            return Part(
                subject: file.path, errors: file.errors, unscanned: nil, tally: FindingTally(findings), report: report,
                observation: observation)
        case .unscanned(let target):
            let judged = judge.findings(for: target)
            return Part(
                subject: target.target, errors: [target.reason], unscanned: target, tally: FindingTally(judged),
                report: Result { try render(target.target, nil, judged) }, observation: nil)
        }
    }
}

/// Collects output and writes it to a file handle in large blocks.
private final class BufferedOutput {
    private let handle: FileHandle
    private let around: ((() -> Void) -> Void)?
    private var pending: [UInt8] = []
    private static let blockSize = 256 << 10

    init(_ handle: FileHandle, around: ((() -> Void) -> Void)?) {
        self.handle = handle
        self.around = around
        pending.reserveCapacity(Self.blockSize * 2)
    }

    func append(_ bytes: [UInt8]) {
        pending.append(contentsOf: bytes)
        if pending.count >= Self.blockSize { flush() }
    }

    func flush() {
        guard !pending.isEmpty else { return }
        let write = {
            self.pending.withUnsafeMutableBytes { buffer in
                self.handle.write(Data(bytesNoCopy: buffer.baseAddress!, count: buffer.count, deallocator: .none))
            }
        }
        if let around { around(write) } else { write() }
        pending.removeAll(keepingCapacity: true)
    }
}
