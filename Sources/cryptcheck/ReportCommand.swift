import ArgumentParser
import CryptCheckFiles
import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckPolicy
import CryptCheckReport
import CryptCheckSSH
import CryptCheckTLS
import Foundation

/// `cryptcheck report`: the procurement report and the machine formats, from saved scans or
/// from a scan made now; `cryptcheck report verify` checks a report's data digest.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Build the procurement pre-approval report (HTML and PDF, ja/en) and machine formats, or verify one.",
        subcommands: [BuildReportCommand.self, VerifyReportCommand.self],
        defaultSubcommand: BuildReportCommand.self)
}

struct BuildReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a report from saved observation files and/or a scan made now.",
        discussion: """
            Examples:
              cryptcheck report scan.json --format html --lang ja --system-name "会計システム" -o report-ja.html
              cryptcheck report scan.json --format pdf --lang ja -o report-ja.pdf
              cryptcheck report --tls 127.0.0.1:8443 --path /etc/ssl --output-dir out/
              cryptcheck report --tls smtp://mail.example.jp --tls db.example.jp:5432 --format json -o report.json
              cryptcheck report -f endpoints.txt --starttls smtp --format html -o report-ja.html

            PDFs are printed by headless Chromium (Debian package chromium-headless-shell, found on PATH, or the executable CRYPTCHECK_CHROMIUM names). Without it, --output-dir writes every other file, then fails with exit status 2; --no-pdf leaves the PDFs out.
            """)

    @Argument(help: "Observation files written by `--save-observations` (\(ObservationSet.currentSchema)).")
    var files: [String] = []

    @Option(help: "Scan this TLS endpoint (HOST[:PORT], PROTO://HOST[:PORT] or HOST[:PORT]{ADDRESS}) now and include it. Repeatable.")
    var tls: [String] = []

    @Option(
        name: [.customShort("f"), .customLong("targets-file")],
        help:
            "Also scan the TLS endpoints in FILE now, one per line as --tls takes them (# comments and blank lines skipped); - reads standard input."
    )
    var targetsFile: String?

    @Option(
        help: ArgumentHelp(
            "With --tls or -f: upgrade every connection with this protocol's STARTTLS first, or none for TLS from the first byte.",
            valueName: "PROTO"))
    var starttls: String?

    @Flag(
        help:
            "With --tls or -f: do not run the active attack checks (Heartbleed, CCS injection, ROBOT, renegotiation), which send malformed traffic."
    )
    var noActive = false

    @Option(help: "Scan this file or directory now and include it. Repeatable.")
    var path: [String] = []

    @Option(help: "With --path: a file with passwords to try on encrypted keys and keystores, one per line.")
    var passwordFile: String?

    @Option(help: "With --path: key-derivation iterations one file may cost in total.")
    var maxKdfIterations = KDFWork.defaultLimit

    @Option(
        help:
            "Write every format into this directory: report-ja.html, report-en.html, report.json, findings.csv, report.sarif, cbom.json, then report-ja.pdf and report-en.pdf."
    )
    var outputDir: String?

    @Flag(help: "With --output-dir: leave out the PDFs (no headless Chromium needed).")
    var noPdf = false

    @OptionGroup var policy: PolicyOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup var verbosity: VerbosityOptions

    /// The formats `--output-dir` writes, by file name; `nil`: in the language of `--lang`
    /// (the CSV, with a byte order mark when `--csv-bom` or Japanese asks for one).
    static let bundle: [(String, OutputFormat, ReportLanguage?)] = [
        ("report-ja.html", .html, .ja), ("report-en.html", .html, .en), ("report.json", .json, .en),
        ("findings.csv", .csv, nil), ("report.sarif", .sarif, .en), ("cbom.json", .cbom, .en),
    ]
    /// The PDFs `--output-dir` writes after the rest, by file name.
    static let pdfBundle: [(String, ReportLanguage)] = [("report-ja.pdf", .ja), ("report-en.pdf", .en)]

    func validate() throws {
        guard !files.isEmpty || !tls.isEmpty || targetsFile != nil || !path.isEmpty else {
            throw ValidationError("name observation files, or --tls endpoints (or a targets file with -f FILE) or --path locations to scan")
        }
        for target in tls { _ = try TLSCommand.parse(target, option: "--tls") }
        try TLSCommand.validate(targetsFile: targetsFile)
        try TLSCommand.validate(starttls: starttls)
        if starttls != nil && tls.isEmpty && targetsFile == nil { throw ValidationError("--starttls goes with --tls or -f") }
        if noActive && tls.isEmpty && targetsFile == nil { throw ValidationError("--no-active goes with --tls or -f") }
        guard (1...ScanCommand.maxKdfIterationsLimit).contains(maxKdfIterations) else {
            throw ValidationError("--max-kdf-iterations must be from 1 to \(ScanCommand.maxKdfIterationsLimit)")
        }
        if outputDir != nil && !output.outputValues.isEmpty { throw ValidationError("--output and --output-dir exclude each other") }
        if noPdf && outputDir == nil { throw ValidationError("--no-pdf goes with --output-dir") }
        // Never write into a scanned tree, however the paths are spelt.
        if let outputDir, let root = OutputLocation.scannedRoot(containing: outputDir, roots: path, outputIsDirectory: true) {
            throw ValidationError("--output-dir must not be inside a scanned path (\(root)): cryptcheck never writes there")
        }
        for (option, file) in output.writtenPaths {
            guard file != "-", let root = OutputLocation.scannedRoot(containing: file, roots: path) else { continue }
            throw ValidationError(
                EscapedText.terminalSafe("\(option)\(file) must not be inside a scanned path (\(root)): cryptcheck never writes there"))
        }
        // The HTML report is a document, not a terminal view: on a terminal it must go to a file
        // (`-o -` prints it all the same).
        if outputDir == nil, output.outputValues.isEmpty, (output.format ?? .html) == .html, isatty(STDOUT_FILENO) == 1 {
            throw ValidationError(
                "the HTML report is not shown on a terminal: write it to a file with -o FILE (or --output html=FILE), "
                    + "or every format with --output-dir DIR; -o - prints it to standard output anyway")
        }
    }

    func run() throws {
        let policies = try policy.policiesOrUsageError()
        // Computed once: its warning is printed once, even when the streamed path gives way.
        let projection = report.projectionPolicies(policies)
        // The HTML report of saved observations alone is judged and written one endpoint or file
        // at a time. (The other formats are built whole here: `evaluate` streams them, and the
        // tests hold the two against each other.)
        if tls.isEmpty, targetsFile == nil, path.isEmpty, outputDir == nil, (output.format ?? .html) == .html,
            try EvaluateCommand.evaluateStreamed(
                files, format: .html, policies: policies, projection: projection, output: output, report: report, notice: Self.notice)
        {
            return
        }
        var observations =
            files.isEmpty
            ? ObservationSet(tool: "cryptcheck \(CryptCheck.version)", observedAt: Date())
            : ObservationLoader.merge(files)
        for target in observations.unscanned { printError("\(target.target): \(target.reason)") }
        for line in observations.endpoints.compactMap(Self.notice) { printError(line) }
        // The scans made now show progress and stop at SIGINT as `cryptcheck tls` and `scan` do:
        // what finished is reported, the rest is marked not scanned, and the exit status is 2.
        if !tls.isEmpty || targetsFile != nil {
            let limits = ConnectionLimits()
            let verificationTime = TLSScanner.verificationTime(asOf: policy.day())
            // The lines of the targets file that are not targets are reported, as not scanned.
            let fromFile = try TLSCommand.readTargets(targetsFile)
            for problem in fromFile.problems {
                printError(problem.reason)
                observations.unscanned.append(problem)
            }
            let targets = try tls.map { try TLSCommand.parse($0, option: "--tls") } + fromFile.targets
            let planned = targets.filter { !$0.isSSH }.map { target in
                var scanner = TLSCommand.scanner(for: TLSCommand.applying(starttls: starttls, to: target), limits: limits)
                scanner.verificationTime = verificationTime
                scanner.activeChecks = !noActive
                return scanner
            }
            func take(_ taken: TLSScanRun.Taken) {
                switch taken {
                case .endpoint(let endpoint): observations.endpoints.append(endpoint)
                case .sshEndpoint(let endpoint): observations.sshEndpoints.append(endpoint)
                case .unscanned(let target): observations.unscanned.append(target)
                }
            }
            let interrupted = TLSScanRun.scan(planned, verbosity: verbosity) { taken, _ in take(taken) }
            // `ssh://` targets are scanned as SSH servers, after the TLS ones.
            let sshPlanned = targets.filter(\.isSSH).map { target in
                var scanner = SSHScanner(host: target.host, port: target.port, limits: limits)
                scanner.connectHost = target.connectAddress
                return scanner
            }
            _ = try SSHScanRun.scan(sshPlanned, limits: limits, verbosity: verbosity, skip: interrupted, take: take)
        }
        if !path.isEmpty {
            let scanned = try scanFiles()
            for file in scanned.files { for error in file.errors { printError("\(file.path): \(error)") } }
            for target in scanned.unscanned { printError("\(target.target): \(target.reason)") }
            observations.files += scanned.files
            observations.unscanned += scanned.unscanned
        }
        do {
            try write(observations, policies: policies, projection: projection)
        } catch let code as ExitCode where Interrupt.requested {
            // Whatever the targets that finished show, the run is incomplete.
            throw code.rawValue == ExitStatus.usage ? code : ExitCode(ExitStatus.incomplete)
        }
        if Interrupt.requested { throw ExitCode(ExitStatus.incomplete) }
    }

    /// The `--path` locations scanned now, with the progress line of `cryptcheck scan`; after a
    /// SIGINT, what was not read is one target not scanned.
    private func scanFiles() throws -> ObservationSet {
        var options = ScanOptions()
        options.rawPaths = ScanOptions.rawArguments()
        options.parse.passwords = try passwordFile.map(readPasswords) ?? []
        options.parse.kdfIterationLimit = maxKdfIterations
        Interrupt.install {}
        options.stop = { Interrupt.requested }
        guard !Interrupt.requested else {
            return ObservationSet(
                tool: "cryptcheck scan", observedAt: Date(),
                unscanned: [
                    UnscannedTarget(
                        target: path.joined(separator: " "), reason: "not scanned: interrupted (SIGINT) before the file scan started",
                        code: .scanInterrupted)
                ])
        }
        let progress = FileScanProgress()
        let display = ProgressDisplay.shared
        display.begin(style: verbosity.progressStyle, detail: verbosity.verbose) { progress.status(elapsed: display.elapsed) }
        defer { display.end() }
        display.note("scanning \(path.joined(separator: " "))")
        return ScanCommand.observations(ScanCommand.collect(path, options: options, progress: progress).0)
    }

    /// The report of `observations` in the formats asked for.
    private func write(_ observations: ObservationSet, policies: [Policy], projection: [Policy]?) throws {
        let roots = path.isEmpty ? nil : path
        guard let outputDir else {
            // The report command writes the HTML report unless told otherwise.
            // With only --output FORMAT=PATH files asked for, nothing goes to standard output.
            try output.emit(
                observations, policies: policies, projection: projection, report: report, policy: policy, paths: roots,
                defaultFormat: .html, terminalView: output.output != nil || output.format != nil || output.files.isEmpty)
            return
        }
        let built = try report.build(observations, policies: policies, projection: projection, policy: policy, paths: roots)
        try FileManager.default.createDirectory(atPath: outputDir, withIntermediateDirectories: true)
        for (name, format, language) in Self.bundle {
            let file = PathText.join(outputDir, name)
            try OutputFile.write(
                prefix: format == .csv && output.csvByteOrderMark ? OutputOptions.byteOrderMark : [],
                pieces: {
                    try OutputOptions.write(built, format: format, language: language ?? output.lang, sarif: output.sarifLocations, to: $0)
                }, to: file)
            if !verbosity.quiet { printError("wrote \(file)") }
        }
        try output.writeEndpoints(built.scope.endpoints, format: .sarif)
        // The PDFs last: without Chromium, everything else is written already.
        var pdfFailed = false
        for (name, language) in noPdf ? [] : Self.pdfBundle {
            let file = PathText.join(outputDir, name)
            do {
                try OutputFile.write(try PDFPrinter.pdf(built, language: language, avoiding: path, timeout: report.pdfTimeout), to: file)
                if !verbosity.quiet { printError("wrote \(file)") }
            } catch {
                printError("\(file): \(error)")
                pdfFailed = true
                // Chromium missing fails both the same way: say it once. Interrupted: stop.
                if (try? PDFPrinter.chromium()) == nil || (error as? PDFPrinter.Failure)?.interrupted == true { break }
            }
        }
        output.tellWritten(built.summary, what: pdfFailed ? "every format but the PDFs" : "every format", to: outputDir)
        let status = ExitStatus.of(built.summary, failOn: output.failOn)
        if pdfFailed { throw ExitCode(max(status, ExitStatus.incomplete)) }
        if status != 0 { throw ExitCode(status) }
    }
}

extension BuildReportCommand {
    /// What to tell about an endpoint that was not fully observed.
    static func notice(_ endpoint: TLSEndpointObservation) -> String? {
        if let outcome = endpoint.noHandshakeOutcome { return "\(endpoint.endpoint): no TLS handshake: \(outcome.summary)" }
        if endpoint.versions.contains(where: { $0.status.isFailure }) {
            return "\(endpoint.endpoint): some probes failed; the report marks what could not be observed"
        }
        return nil
    }
}

struct VerifyReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract:
            "Check report files (JSON, or HTML or PDF with its embedded data): the data matches its digest, and the file is exactly what that data renders to.",
        discussion: """
            A PDF cannot be compared byte for byte (Chromium never prints the same bytes twice): its text, read with pdftotext (Debian package poppler-utils), must be the text of the HTML report its data renders to, white space, page breaks and table headers repeated on a new page aside; its running header, footer and page numbers must be what the report's page style puts there.

            Exit status: 0 every file verified, 1 a file modified, 2 a file without data, unreadable, made by another version (its digest matching), or a PDF whose text could not be read.
            """)

    @Argument(help: "Report files: report.json, report-*.html or report-*.pdf.")
    var files: [String]

    func run() throws {
        var worst: Int32 = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                printError("\(file): cannot read the file")
                worst = max(worst, ExitStatus.incomplete)
                continue
            }
            let bytes = Array(data)
            let result: ReportVerifier.Result
            do {
                result =
                    PDFCrossReference.isPDF(bytes)
                    ? try ReportVerifier.verifyPDF(
                        bytes, version: CryptCheck.version, digest: Self.sha256, pdfText: { try Self.pdfText(of: file) })
                    : ReportVerifier.verify(bytes, version: CryptCheck.version, digest: Self.sha256)
            } catch {
                printError("\(file): cannot check what the PDF shows: \(error)")
                worst = max(worst, ExitStatus.incomplete)
                continue
            }
            switch result {
            case .verified(let digest):
                print("\(file): OK (\(digest))")
            case .dataModified(let digest):
                print("\(file): MODIFIED — the data does not match \(digest ?? "its digest")")
                worst = max(worst, ExitStatus.violations)
            case .copyModified(let digest, let format, let detail):
                print(
                    "\(file): MODIFIED — the data matches \(digest), but the \(format) is not what it renders to (edited, rows removed or content added)"
                        + (detail.map { ": \($0)" } ?? ""))
                worst = max(worst, ExitStatus.violations)
            case .otherVersion(let version, let digestMatches):
                print(
                    "\(file): made by cryptcheck \(version), not \(CryptCheck.version): data digest \(digestMatches ? "OK" : "DOES NOT MATCH"), the copy cannot be re-rendered to check what a reader sees"
                )
                worst = max(worst, digestMatches ? ExitStatus.incomplete : ExitStatus.violations)
            case .noData:
                printError("\(file): no cryptcheck report data found")
                worst = max(worst, ExitStatus.incomplete)
            case .unreadable(let reason):
                printError("\(file): not a readable cryptcheck PDF report: \(reason)")
                worst = max(worst, ExitStatus.incomplete)
            }
        }
        if worst != 0 { throw ExitCode(worst) }
    }

    static func sha256(_ bytes: [UInt8]) -> String { (try? Digest.sha256Hex(bytes)) ?? "" }

    /// Seconds pdftotext may take to read one PDF.
    static let pdfTextTimeout = 120.0

    /// `pdftotext -raw -bbox` of the PDF at `path` (its words with their boxes, in drawing order).
    static func pdfText(of path: String) throws -> String {
        guard let pdftotext = ExternalProgram.find("pdftotext") else {
            throw PDFPrinter.Failure(
                description: "pdftotext is not installed: install the Debian package poppler-utils (`sudo apt-get install poppler-utils`)")
        }
        let scratch = try ScratchDirectory(avoiding: [])
        defer { scratch.remove() }
        let text = PathText.join(scratch.path, "text.html")
        let input = path.hasPrefix("-") ? "./" + path : path
        let outcome = try pdftotext.run(
            ["-raw", "-bbox", "-enc", "UTF-8", input, text], scratch: scratch.path, timeout: pdfTextTimeout)
        // A hostile PDF may hold millions of words: the text is read only up to a limit.
        let size = (try? FileManager.default.attributesOfItem(atPath: text)[.size] as? Int) ?? 0
        guard size <= 1 << 30 else { throw PDFPrinter.Failure(description: "its text is larger than 1 GiB") }
        guard outcome.succeeded, let data = FileManager.default.contents(atPath: text) else {
            throw PDFPrinter.Failure(
                description: "pdftotext could not read it"
                    + (ExternalProgram.summary(outcome.standardError).map { ": \($0)" } ?? " (exit status \(outcome.status ?? -1))"))
        }
        return String(decoding: data, as: UTF8.self)
    }
}
