import ArgumentParser
import CryptCheckFiles
import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckPolicy
import CryptCheckReport
import CryptCheckTLS
import Foundation

/// `cryptcheck report`: the procurement report and the machine formats, from saved scans or
/// from a scan made now; `cryptcheck report verify` checks a report's data digest.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Build the procurement pre-approval report (HTML, ja/en) and machine formats, or verify one.",
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
              cryptcheck report --tls 127.0.0.1:8443 --path /etc/ssl --output-dir out/
            """)

    @Argument(help: "Observation files written by `--save-observations` (\(ObservationSet.currentSchema)).")
    var files: [String] = []

    @Option(help: "Scan this TLS endpoint (HOST[:PORT]) now and include it. Repeatable.")
    var tls: [String] = []

    @Option(help: "Scan this file or directory now and include it. Repeatable.")
    var path: [String] = []

    @Option(help: "With --path: a file with passwords to try on encrypted keys and keystores, one per line.")
    var passwordFile: String?

    @Option(help: "With --path: key-derivation iterations one file may cost in total.")
    var maxKdfIterations = KDFWork.defaultLimit

    @Option(
        help: "Write every format into this directory: report-ja.html, report-en.html, report.json, findings.csv, report.sarif, cbom.json.")
    var outputDir: String?

    @OptionGroup var policy: PolicyOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var report: ReportOptions

    /// The formats `--output-dir` writes, by file name.
    static let bundle: [(String, OutputFormat, ReportLanguage)] = [
        ("report-ja.html", .html, .ja), ("report-en.html", .html, .en), ("report.json", .json, .en),
        ("findings.csv", .csv, .en), ("report.sarif", .sarif, .en), ("cbom.json", .cbom, .en),
    ]

    func validate() throws {
        guard !files.isEmpty || !tls.isEmpty || !path.isEmpty else {
            throw ValidationError("name observation files, or --tls endpoints or --path locations to scan")
        }
        for target in tls { _ = try TLSCommand.parse(target, option: "--tls") }
        guard (1...ScanCommand.maxKdfIterationsLimit).contains(maxKdfIterations) else {
            throw ValidationError("--max-kdf-iterations must be from 1 to \(ScanCommand.maxKdfIterationsLimit)")
        }
        if outputDir != nil && !output.outputValues.isEmpty { throw ValidationError("--output and --output-dir exclude each other") }
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
        if tls.isEmpty, path.isEmpty, outputDir == nil, (output.format ?? .html) == .html,
            try EvaluateCommand.evaluateStreamed(
                files, format: .html, policies: policies, projection: projection, output: output, report: report, notice: Self.notice)
        {
            return
        }
        var observations =
            files.isEmpty
            ? ObservationSet(tool: "cryptcheck \(CryptCheck.version)", observedAt: Date())
            : ObservationLoader.merge(files)
        if !tls.isEmpty {
            let limits = ConnectionLimits()
            observations.endpoints += TLSScanner.scan(
                try tls.map { TLSCommand.scanner(for: try TLSCommand.parse($0, option: "--tls"), limits: limits) })
        }
        if !path.isEmpty {
            var options = ScanOptions()
            options.rawPaths = ScanOptions.rawArguments()
            options.parse.passwords = try passwordFile.map(readPasswords) ?? []
            options.parse.kdfIterationLimit = maxKdfIterations
            let scanned = FileScanner.scan(path, options: options)
            observations.files += scanned.observations.files
            observations.unscanned += scanned.observations.unscanned
        }
        for target in observations.unscanned { printError("\(target.target): \(target.reason)") }
        for line in observations.endpoints.compactMap(Self.notice) { printError(line) }
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
                pieces: { try OutputOptions.write(built, format: format, language: language, sarif: output.sarifLocations, to: $0) },
                to: file)
            printError("wrote \(file)")
        }
        try output.writeEndpoints(built.scope.endpoints, format: .sarif)
        output.tellWritten(built.summary, what: "every format", to: outputDir)
        let status = ExitStatus.of(built.summary, failOn: output.failOn)
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
            "Check report files (JSON, or HTML with its embedded data): the data matches its digest, and the file is exactly what that data renders to."
    )

    @Argument(help: "Report files: report.json or report-*.html.")
    var files: [String]

    func run() throws {
        var worst: Int32 = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                printError("\(file): cannot read the file")
                worst = max(worst, ExitStatus.incomplete)
                continue
            }
            switch ReportVerifier.verify(Array(data), version: CryptCheck.version, digest: { (try? Digest.sha256Hex($0)) ?? "" }) {
            case .verified(let digest):
                print("\(file): OK (\(digest))")
            case .dataModified(let digest):
                print("\(file): MODIFIED — the data does not match \(digest ?? "its digest")")
                worst = max(worst, ExitStatus.violations)
            case .copyModified(let digest, let format):
                print(
                    "\(file): MODIFIED — the data matches \(digest), but the \(format) is not what it renders to (edited, rows removed or content added)"
                )
                worst = max(worst, ExitStatus.violations)
            case .otherVersion(let version, let digestMatches):
                print(
                    "\(file): made by cryptcheck \(version), not \(CryptCheck.version): data digest \(digestMatches ? "OK" : "DOES NOT MATCH"), the copy cannot be re-rendered to check what a reader sees"
                )
                worst = max(worst, digestMatches ? ExitStatus.incomplete : ExitStatus.violations)
            case .noData:
                printError("\(file): no cryptcheck report data found")
                worst = max(worst, ExitStatus.incomplete)
            }
        }
        if worst != 0 { throw ExitCode(worst) }
    }
}
