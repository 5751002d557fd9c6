import ArgumentParser
import CryptCheckFiles
import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckPolicy
import CryptCheckReport
import Foundation

/// `cryptcheck scan`: find and judge certificates, keys, keystores and SSH keys on disk.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find certificates, keys, keystores and SSH keys under PATHs and judge them.",
        discussion: "Formats are recognised by content. Nothing is written into the scanned trees.")

    @Argument(help: "Files and directories to scan (recursively).")
    var paths: [String]

    @Flag(help: "Follow symbolic links (loops are detected).")
    var followSymlinks = false

    @Option(help: "Skip paths or names matching this glob. Repeatable.")
    var exclude: [String] = []

    @Option(help: "Skip files larger than this many MiB (recorded as not scanned).")
    var maxSize = 4

    @Option(help: "A password to try on encrypted keys, PKCS#12 files and keystores. Repeatable; prefer --password-file.")
    var password: [String] = []

    @Option(help: "A file with one password per line.")
    var passwordFile: String?

    @Option(help: ArgumentHelp("Key-derivation iterations one file may cost in total, over every password tried.",
                               discussion: "A protected object that would pass it is reported as not opened, and the scan goes on."))
    var maxKdfIterations = KDFWork.defaultLimit

    @Option(help: "Also write the observations as JSON, for `cryptcheck evaluate` (not inside a scanned path).")
    var saveObservations: String?

    @Option(help: "Files read in parallel (default: the number of cores).")
    var jobs: Int?

    @OptionGroup var policy: PolicyOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var report: ReportOptions

    /// The largest --max-size, in MiB (4 GiB): a file is read whole, and a larger cap would
    /// overflow the byte count on the way.
    static let maxSizeLimit = 4096

    /// The largest --max-kdf-iterations: 2^40, about a week of CPU per file.
    static let maxKdfIterationsLimit = 1 << 40

    func validate() throws {
        guard (1...Self.maxSizeLimit).contains(maxSize) else {
            throw ValidationError("--max-size must be from 1 to \(Self.maxSizeLimit) MiB")
        }
        if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs must be from 1 to 256") }
        guard (1...Self.maxKdfIterationsLimit).contains(maxKdfIterations) else {
            throw ValidationError("--max-kdf-iterations must be from 1 to \(Self.maxKdfIterationsLimit)")
        }
        // Never write into a scanned tree, however the paths are spelt (links, "..").
        for (option, file) in [("--save-observations", saveObservations), ("--output", output.output)] {
            guard let file, file != "-", let root = OutputLocation.scannedRoot(containing: file, roots: paths) else { continue }
            throw ValidationError("\(option) must not be inside a scanned path (\(root)): cryptcheck never writes there")
        }
    }

    func run() throws {
        let policies = try policy.policiesOrUsageError()
        var options = ScanOptions()
        options.followSymlinks = followSymlinks
        options.excludes = exclude
        options.maxFileSize = maxSize << 20
        options.concurrency = jobs ?? options.concurrency
        options.rawPaths = ScanOptions.rawArguments()
        options.parse.passwords = password + (try passwordFile.map(readPasswords) ?? [])
        options.parse.kdfIterationLimit = maxKdfIterations
        if let format = output.format, ![.text, .json].contains(format) {
            // Reports need every finding at once: collect, then render.
            let scanned = FileScanner.scan(paths, options: options)
            for file in scanned.observations.files { for error in file.errors { printError("\(file.path): \(error)") } }
            for target in scanned.observations.unscanned { printError("\(target.target): \(target.reason)") }
            if let saveObservations {
                try OutputFile.write(JSONRenderer.render(scanned.observations), to: saveObservations)
            }
            try output.emit(scanned.observations, policies: policies, report: report, policy: policy, paths: paths)
            return
        }
        var builder = EvaluationBuilder(policies: policies)
        let json = output.format == .json
        // Streamed to --output or standard output, coloured only on a terminal.
        // A file is written beside its path and renamed over it at the end; a device or pipe
        // is written straight into (OutputFile).
        let outputFile: OutputFile.Handle?
        do {
            outputFile = try output.output.map { try OutputFile.open($0) }
        } catch {
            printError("\(error)")
            throw ExitCode(ExitStatus.incomplete)
        }
        let sink = outputFile.map { FileHandle(fileDescriptor: $0.descriptor, closeOnDealloc: false) } ?? FileHandle.standardOutput
        let colour = !json && output.output == nil && output.color.enabled
        // Written in blocks of about 256 KiB, not one write per file.
        let buffered = BufferedOutput(sink)
        defer {
            buffered.flush()
            do { try outputFile?.commit() } catch { printError("\(error)") }
        }
        let emit: ([UInt8]) -> Void = { bytes in
            if colour {
                buffered.append(Array(TerminalColour.apply(String(decoding: bytes, as: UTF8.self)).utf8))
            } else {
                buffered.append(bytes)
            }
        }
        var writer: any ScanReportWriter = json ? JSONScanWriter(output: emit) : TextScanWriter(output: emit)
        let saveFile = try saveObservations.map { try OutputFile.open($0) }
        var saver = try saveFile.map { try ObservationStreamWriter(handle: FileHandle(fileDescriptor: $0.descriptor, closeOnDealloc: false)) }
        let saving = saver != nil
        try writer.begin(lists: builder.lists, asOf: builder.asOf, operationEnd: builder.operationEnd, targetProfile: builder.targetProfile)
        var unscanned: [UnscannedTarget] = []
        var failure: (any Error)?
        // Judging and rendering run on the worker threads next to reading; here, results are
        // only counted and written, in path order.
        let judge = builder
        let scan = FileScanner.scan(paths, options: options, transform: { event in
            Rendered(event: event, judge: judge, json: json, saving: saving)
        }, emit: { rendered in
            guard failure == nil else { return }
            do {
                for error in rendered.errors { printError("\(rendered.subject): \(error)") }
                if let observation = rendered.observation { try saver?.write(rendered: observation) }
                if let target = rendered.unscanned { unscanned.append(target) }
                builder.record(rendered.tally)
                writer.write(try rendered.report.get())
            } catch {
                failure = error
            }
        })
        if let failure { throw failure }
        try saver?.finish(unscanned: unscanned)
        try saveFile?.commit()
        try writer.end(summary: builder.summary, scan: scan, unscanned: unscanned)
        let status = ExitStatus.of(builder.summary, failOn: output.failOn)
        if status != 0 { throw ExitCode(status) }
    }
}

/// Collects output and writes it to a file handle in large blocks.
private final class BufferedOutput {
    private let handle: FileHandle
    private var pending: [UInt8] = []
    private static let blockSize = 256 << 10

    init(_ handle: FileHandle) {
        self.handle = handle
        pending.reserveCapacity(Self.blockSize * 2)
    }

    func append(_ bytes: [UInt8]) {
        pending.append(contentsOf: bytes)
        if pending.count >= Self.blockSize { flush() }
    }

    func flush() {
        guard !pending.isEmpty else { return }
        pending.withUnsafeMutableBytes { buffer in
            handle.write(Data(bytesNoCopy: buffer.baseAddress!, count: buffer.count, deallocator: .none))
        }
        pending.removeAll(keepingCapacity: true)
    }
}

/// One scan event judged and rendered on a worker thread, reduced to what the writing thread
/// needs (the file's items and findings are freed where they were made).
private struct Rendered: Sendable {
    /// The file's path or the target, and the problems to print for it.
    let subject: String
    let errors: [String]
    let unscanned: UnscannedTarget?
    let tally: FindingTally
    let report: Result<ScanReportPart, any Error>
    let observation: String?

    init(event: ScanEvent, judge: EvaluationBuilder, json: Bool, saving: Bool) {
        func render(_ subject: String, _ file: FileObservation?, _ findings: [Finding]) throws -> ScanReportPart {
            json ? try JSONScanWriter.render(subject: subject, file: file, findings: findings)
                : TextScanWriter.render(subject: subject, file: file, findings: findings)
        }
        let judged: [Finding]
        switch event {
        case .file(let file):
            subject = file.path
            errors = file.errors
            unscanned = nil
            judged = judge.findings(for: file)
            report = Result { try render(file.path, file, judged) }
            observation = saving ? try? ObservationStreamWriter.render(file) : nil
        case .unscanned(let target):
            subject = target.target
            errors = [target.reason]
            unscanned = target
            judged = judge.findings(for: target)
            report = Result { try render(target.target, nil, judged) }
            observation = nil
        }
        tally = FindingTally(judged)
    }
}
