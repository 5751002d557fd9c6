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

    @Option(
        help: ArgumentHelp(
            "Key-derivation iterations one file may cost in total, over every password tried.",
            discussion: "A protected object that would pass it is reported as not opened, and the scan goes on."))
    var maxKdfIterations = KDFWork.defaultLimit

    @Option(help: "Also write the observations as JSON, for `cryptcheck evaluate` (not inside a scanned path).")
    var saveObservations: String?

    @Option(help: "Files read in parallel (default: the number of cores).")
    var jobs: Int?

    @OptionGroup var policy: PolicyOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup var verbosity: VerbosityOptions
    @OptionGroup var store: StoreOptions

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
        for (option, file) in (saveObservations.map { [("--save-observations ", $0)] } ?? []) + output.writtenPaths
            + store.writtenPaths
        {
            guard file != "-", let root = OutputLocation.scannedRoot(containing: file, roots: paths) else { continue }
            throw ValidationError(
                EscapedText.terminalSafe("\(option)\(file) must not be inside a scanned path (\(root)): cryptcheck never writes there"))
        }
    }

    /// After a scan: what SIGINT left unread, as one target not scanned (indeterminate), if it came.
    static func interruption(_ paths: [String]) -> UnscannedTarget? {
        guard Interrupt.requested else { return nil }
        return UnscannedTarget(
            target: paths.joined(separator: " "),
            reason: "not scanned: interrupted (SIGINT): the files and directories after the last one listed were not read",
            code: .scanInterrupted)
    }

    func run() throws {
        let recorder = StoreRecorder(store)
        try recorder.closing { try scanAndReport(recorder) }
    }

    private func scanAndReport(_ recorder: StoreRecorder) throws {
        let policies = try policy.policiesOrUsageError()
        var options = ScanOptions()
        options.followSymlinks = followSymlinks
        options.excludes = exclude
        options.maxFileSize = maxSize << 20
        options.concurrency = jobs ?? options.concurrency
        options.rawPaths = ScanOptions.rawArguments()
        options.parse.passwords = password + (try passwordFile.map(readPasswords) ?? [])
        options.parse.kdfIterationLimit = maxKdfIterations
        Interrupt.install {}
        options.stop = { Interrupt.requested }
        let progress = FileScanProgress()
        let display = ProgressDisplay.shared
        display.begin(style: verbosity.progressStyle, detail: verbosity.verbose) { progress.status(elapsed: display.elapsed) }
        defer { display.end() }
        display.note("scanning \(paths.joined(separator: " "))")
        if let format = output.format, ![.text, .json].contains(format) {
            // Reports need every finding at once: collect, then render.
            let (events, counted) = Self.collect(paths, options: options, progress: progress)
            display.end()
            let observations = Self.observations(events)
            recorder.record(
                command: "scan", observations: observations, policies: policies, interrupted: Interrupt.requested, roots: paths)
            for file in observations.files { for error in file.errors { printError("\(file.path): \(error)") } }
            for target in observations.unscanned { printError("\(target.target): \(target.reason)") }
            if let saveObservations {
                try OutputFile.write(JSONRenderer.render(observations), to: saveObservations)
            }
            do {
                try output.emit(
                    observations, policies: policies, projection: report.projectionPolicies(policies), report: report,
                    policy: policy, paths: paths,
                    custom: { file in try writeStream(file, events: events, counted: counted, policies: policies) })
            } catch let code as ExitCode where Interrupt.requested {
                // Whatever the files read show, the run is incomplete.
                throw code.rawValue == ExitStatus.usage ? code : ExitCode(ExitStatus.incomplete)
            }
            if Interrupt.requested { throw ExitCode(ExitStatus.incomplete) }
            return
        }
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
        var streamed = StreamedScan(
            policies: policies, format: json ? .json : .text,
            colour: !json && output.output == nil && output.color.enabled, language: output.lang)
        streamed.quiet = verbosity.quiet
        if verbosity.progressStyle != .off {
            streamed.progress = { progress.record($0) }
            if output.output == nil || output.output == "-" { streamed.aroundWrite = { write in display.pausing(write) } }
        }
        let paths = paths
        streamed.interruption = { Self.interruption(paths) }
        let saveFile = try saveObservations.map { try OutputFile.open($0) }
        let summary: EvaluationSummary
        // With --output FORMAT=PATH, the events are kept in path order for the other formats
        // (memory then grows with the tree).
        // --store keeps them too, to store the observations.
        let keep = !output.files.isEmpty || store.store != nil
        var events: [ScanEvent] = []
        var counted: ScanSummary?
        do {
            defer { do { try outputFile?.commit() } catch { printError("\(error)") } }
            summary = try streamed.run(
                output: sink, save: saveFile.map { FileHandle(fileDescriptor: $0.descriptor, closeOnDealloc: false) },
                problem: { printError("\($0): \($1)") },
                scan: { transform, emit in
                    guard keep else { return FileScanner.scan(paths, options: options, transform: transform, emit: emit) }
                    let summary = FileScanner.scan(
                        paths, options: options, transform: { event in (event, transform(event)) },
                        emit: { pair in
                            events.append(pair.0)
                            emit(pair.1)
                        })
                    counted = summary
                    return summary
                })
            try saveFile?.commit()
        }
        display.end()
        if keep, let counted {
            if let target = Self.interruption(paths) { events.append(.unscanned(target)) }
            let observations = Self.observations(events)
            recorder.record(
                command: "scan", observations: observations, policies: policies, interrupted: Interrupt.requested, roots: paths)
            try output.writeFiles(
                {
                    try report.build(
                        observations, policies: policies, projection: report.projectionPolicies(policies), policy: policy, paths: paths)
                }, custom: { file in try writeStream(file, events: events, counted: counted, policies: policies) },
                pdfTimeout: report.pdfTimeout, paths: paths)
            try output.writeEndpoints([], formats: output.files.map(\.format))
        }
        output.tellWritten(summary, what: json ? "json" : "text")
        let status = Interrupt.requested ? ExitStatus.incomplete : ExitStatus.of(summary, failOn: output.failOn)
        if status != 0 { throw ExitCode(status) }
    }

    /// Writes a `--output text=` or `json=` file as the scan writes its own stream (the
    /// `cryptcheck-scan/2` JSON, the text with each file's inventory), from the events kept in
    /// path order; `false` for the report formats.
    func writeStream(_ file: FileOutput, events: [ScanEvent], counted: ScanSummary, policies: [Policy]) throws -> Bool {
        guard file.format == .text || file.format == .json else { return false }
        let handle = try OutputFile.open(file.path)
        do {
            let streamed = StreamedScan(
                policies: policies, format: file.format == .json ? .json : .text, colour: false, language: output.lang)
            _ = try streamed.run(
                output: FileHandle(fileDescriptor: handle.descriptor, closeOnDealloc: false), save: nil, problem: { _, _ in },
                scan: { transform, emit in
                    for event in events { emit(transform(event)) }
                    return counted
                })
            try handle.commit()
        } catch {
            handle.abandon()
            throw error
        }
        return true
    }

    /// Every event of a scan of `paths`, in path order, with what SIGINT left unread at the end
    /// (one target not scanned); `progress` is told each one.
    static func collect(_ paths: [String], options: ScanOptions, progress: FileScanProgress) -> ([ScanEvent], ScanSummary) {
        var events: [ScanEvent] = []
        let counted = FileScanner.scan(paths, options: options) { event in
            events.append(event)
            progress.record(event.subject)
        }
        if let target = interruption(paths) { events.append(.unscanned(target)) }
        return (events, counted)
    }

    /// The observations of the events, files and unscanned paths each in path order.
    static func observations(_ events: [ScanEvent]) -> ObservationSet {
        var files: [FileObservation] = []
        var unscanned: [UnscannedTarget] = []
        for event in events {
            switch event {
            case .file(let file): files.append(file)
            case .unscanned(let target): unscanned.append(target)
            }
        }
        return ObservationSet(tool: "cryptcheck scan", observedAt: Date(), files: files, unscanned: unscanned)
    }
}
