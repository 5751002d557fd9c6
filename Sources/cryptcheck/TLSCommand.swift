import ArgumentParser
import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckPolicy
import CryptCheckReport
import CryptCheckSSH
import CryptCheckTLS
import Foundation

/// `cryptcheck HOST[:PORT]`: scan a TLS endpoint with raw handshakes and judge what it accepts.
struct TLSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls",
        abstract: "Scan TLS endpoints (the default command: `cryptcheck HOST[:PORT]...`).",
        discussion: """
            HOST may be a name, an IPv4 address or a bracketed IPv6 address ([::1]:443). PORT defaults to 443. \
            Several endpoints are scanned side by side; probes to one host never hold more than \
            --per-host-connections connections at once, and all probes together no more than --max-connections.
            STARTTLS: a target smtp://HOST[:PORT] (also submission, imap, pop3, ftp, ldap, xmpp, xmpp-server, \
            postgres, mysql, nntp, sieve), or a protocol's well-known port (25, 587, 143, 110, 21, 389, 5222, 5269, \
            5432, 3306, 119, 4190), upgrades every connection first; --starttls PROTO chooses for every target, \
            --starttls none scans TLS from the first byte. HOST:PORT{ADDRESS} connects to ADDRESS and keeps HOST as \
            the name and the server name.
            SSH: a target ssh://HOST[:PORT] (port 22 by default), or --ssh HOST[:PORT], is scanned as an SSH server \
            (identification, KEXINIT, each algorithm offered alone, host keys, group-exchange primes) beside the TLS \
            targets, in the same report.
            """)

    @Argument(help: "The endpoints, HOST[:PORT], PROTO://HOST[:PORT] (ssh:// for SSH) or HOST[:PORT]{ADDRESS}.")
    var targets: [String] = []

    @Option(name: .customLong("ssh"), help: "Also scan the SSH endpoint HOST[:PORT] (port 22 by default); may be repeated.")
    var ssh: [String] = []

    @Option(
        name: [.customShort("f"), .customLong("targets-file")],
        help: "Also scan the targets in FILE, one per line (# comments and blank lines skipped); - reads standard input.")
    var targetsFile: String?

    @OptionGroup var scanning: ScannerOptions

    @Option(help: "Also write the observations as JSON, for `cryptcheck evaluate`.")
    var saveObservations: String?

    @OptionGroup var policy: PolicyOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup var verbosity: VerbosityOptions
    @OptionGroup var store: StoreOptions

    /// A scanner for a target that `parse` accepted; SNI defaults to the host name (none for
    /// addresses: the scanner never sends one).
    static func scanner(
        for target: EndpointTarget, sni: String? = nil, timeout: Double = 5, limits: ConnectionLimits,
        family: AddressFamily = .any, retries: Int = 1
    ) -> TLSScanner {
        var scanner = TLSScanner(
            host: target.host, port: target.port, serverName: sni, timeout: .milliseconds(Int(timeout * 1000)),
            limits: limits, family: family, retries: retries)
        scanner.starttls = target.starttls
        scanner.connectHost = target.connectAddress
        return scanner
    }

    /// `target` with the protocol `starttls` (an option's value) names, when given.
    static func applying(starttls: String?, to target: EndpointTarget) -> EndpointTarget {
        guard let starttls, let choice = ScannerOptions.starttlsChoice(starttls) else { return target }
        var chosen = target
        chosen.starttls = choice
        return chosen
    }

    /// Checks the value of `--starttls`, when given.
    static func validate(starttls: String?) throws {
        if let starttls, ScannerOptions.starttlsChoice(starttls) == nil {
            let names = (["none"] + StartTLSProtocol.schemes.keys.sorted()).joined(separator: ", ")
            throw ValidationError("--starttls '\(EscapedText.terminalSafe(starttls))' is not a protocol; expected one of \(names)")
        }
    }

    /// Checks that the targets file of `-f` (`-`: standard input) can be read.
    static func validate(targetsFile: String?) throws {
        if let targetsFile, targetsFile != "-", !FileManager.default.isReadableFile(atPath: targetsFile) {
            throw ValidationError("-f \(EscapedText.terminalSafe(targetsFile)): cannot read the targets file")
        }
    }

    /// The targets of `-f FILE` and its lines that are not targets (as targets not scanned, each
    /// also printed); a file that cannot be read is a usage error.
    static func readTargets(_ targetsFile: String?) throws -> (targets: [EndpointTarget], problems: [UnscannedTarget]) {
        guard let targetsFile else { return ([], []) }
        do {
            let file = try TargetsFile.read(targetsFile)
            return (file.targets.map(\.target), file.problems)
        } catch let error as TargetsFileError {
            printError(error.description)
            throw ExitCode(ExitStatus.usage)
        }
    }

    /// Reads the value of `--ssh` (HOST[:PORT], or ssh://HOST[:PORT]) as an SSH target.
    static func parseSSH(_ text: String) throws -> EndpointTarget {
        let spelled = text.contains("://") ? text : "\(EndpointTarget.sshScheme)://" + text
        let target = try parse(spelled, option: "--ssh")
        guard target.isSSH else {
            throw ValidationError("--ssh \(EscapedText.terminalSafe(text)): not an SSH endpoint; expected HOST[:PORT] or ssh://HOST[:PORT]")
        }
        return target
    }

    /// Reads a command-line target, or says why it is not one. A bare word that resembles a
    /// subcommand (`scna`) is a usage error, not a host to look up.
    static func parse(_ text: String, option: String? = nil) throws -> EndpointTarget {
        let named = option.map { "\($0) " } ?? ""
        if option == nil, let subcommand = SubcommandSuggestion.resembling(text) {
            throw ValidationError("'\(text)' is not a subcommand or an endpoint; did you mean \(subcommand)?")
        }
        do {
            return try EndpointTarget.parse(text)
        } catch {
            throw ValidationError("\(named)\(error.description); expected HOST[:PORT], [IPv6]:PORT or https://HOST[:PORT]/")
        }
    }

    func validate() throws {
        guard !targets.isEmpty || !ssh.isEmpty || targetsFile != nil else {
            throw ValidationError("name at least one endpoint, HOST[:PORT], or a targets file with -f FILE")
        }
        for target in targets { _ = try Self.parse(target) }
        for target in ssh { _ = try Self.parseSSH(target) }
        try Self.validate(targetsFile: targetsFile)
    }

    func run() throws {
        let recorder = StoreRecorder(store)
        try recorder.closing { try scanAndReport(recorder) }
    }

    private func scanAndReport(_ recorder: StoreRecorder) throws {
        let policies = try policy.policiesOrUsageError()
        let limits = scanning.limits()
        let verificationTime = TLSScanner.verificationTime(asOf: policy.day())
        let fromFile = try Self.readTargets(targetsFile)
        let listed = try targets.map { try Self.parse($0) } + ssh.map { try Self.parseSSH($0) } + fromFile.targets
        let badLines = fromFile.problems
        let planned = listed.filter { !$0.isSSH }.map { scanning.scanner(for: $0, limits: limits, verificationTime: verificationTime) }
        let plannedSSH = listed.filter(\.isSSH).map { scanning.sshScanner(for: $0, limits: limits) }
        let projection = report.projectionPolicies(policies)
        let display = ProgressDisplay.shared
        // Text on standard output is written endpoint by endpoint, in the order given.
        let stream = (output.format ?? .text) == .text && output.output == nil && !verbosity.quiet
        // Each endpoint goes to a temporary observation file as it finishes, not into memory.
        let spool = try EndpointSpool(tool: "cryptcheck \(CryptCheck.version)")
        var written = false
        let take = { (taken: TLSScanRun.Taken) throws in
            var single = ObservationSet(tool: "cryptcheck \(CryptCheck.version)", observedAt: Date())
            switch taken {
            case .endpoint(let endpoint):
                try spool.add(endpoint)
                single.endpoints = [endpoint]
            case .sshEndpoint(let endpoint):
                spool.add(endpoint)
                single.sshEndpoints = [endpoint]
            case .unscanned(let target):
                spool.add(target)
                single.unscanned = [target]
            }
            guard stream else { return }
            let part = try report.build(single, policies: policies, projection: projection, policy: policy, paths: nil, sealed: false)
            let text =
                (written ? "" : StreamedTLSText.header(part, language: output.lang)) + StreamedTLSText.subjects(part, language: output.lang)
            written = true
            writeStandardOutput(text)
        }
        // The lines of the targets file that are not targets come first, as not scanned.
        for problem in badLines {
            printError(problem.reason)
            try take(.unscanned(problem))
        }
        let tlsInterrupted = try TLSScanRun.scan(planned, verbosity: verbosity) { taken, _ in try take(taken) }
        // The SSH endpoints after the TLS ones (none starts once SIGINT came).
        let interrupted = try SSHScanRun.scan(plannedSSH, limits: limits, verbosity: verbosity, skip: tlsInterrupted) { try take($0) }
        try spool.finish()
        if store.store != nil {
            recorder.record(command: "tls", observations: spool.observations(), policies: policies, interrupted: interrupted, roots: [])
        }
        if let saveObservations { try spool.save(to: saveObservations) }
        // Whatever the endpoints that finished show, an interrupted run is incomplete.
        func incompleteIfInterrupted(_ body: () throws -> Void) throws {
            do {
                try body()
            } catch let code as ExitCode where interrupted {
                throw code.rawValue == ExitStatus.usage ? code : ExitCode(ExitStatus.incomplete)
            }
            if interrupted { throw ExitCode(ExitStatus.incomplete) }
        }
        if stream || (verbosity.quiet && (output.format ?? .text) == .text && output.output == nil) {
            // The endpoints are written: the counts and verdict close the text (alone with --quiet);
            // then every `--output FORMAT=PATH` file.
            try incompleteIfInterrupted {
                if output.files.isEmpty, let closing = try closingOfStreamedText(spool, policies: policies, projection: projection) {
                    display.end()
                    writeStandardOutput(stream ? closing.text : StreamedTLSText.verdictLine(closing.text))
                    output.tellWritten(closing.summary, what: "text", to: "-")
                    let status = ExitStatus.of(closing.summary, failOn: output.failOn)
                    if status != 0 { throw ExitCode(status) }
                    return
                }
                let whole = try report.build(
                    spool.observations(), policies: policies, projection: projection, policy: policy, paths: nil,
                    sealed: output.files.contains { $0.format != .text })
                display.end()
                writeStandardOutput(
                    stream
                        ? StreamedTLSText.acrossEndpoints(whole, language: output.lang)
                            + StreamedTLSText.closing(whole, language: output.lang)
                        : StreamedTLSText.verdictLine(whole, language: output.lang))
                try output.writeFiles({ whole }, pdfTimeout: report.pdfTimeout)
                try output.writeEndpoints(whole.scope.endpoints, formats: output.files.map(\.format))
                output.tellWritten(whole.summary, what: "text", to: "-")
                let status = ExitStatus.of(whole.summary, failOn: output.failOn)
                if status != 0 { throw ExitCode(status) }
            }
            return
        }
        display.end()
        try incompleteIfInterrupted {
            let format = output.format ?? .text
            if try EvaluateCommand.evaluateStreamed(
                [spool.path], format: format, policies: policies, projection: projection, output: output, report: report,
                printUnscanned: false)
            {
                return
            }
            try output.emit(spool.observations(), policies: policies, projection: projection, report: report, policy: policy)
        }
    }

    /// The closing counts and verdict of the endpoints written as they finished, judged from
    /// the spooled observations one endpoint at a time; `nil` when only the whole report can
    /// give them (an endpoint met twice).
    private func closingOfStreamedText(_ spool: EndpointSpool, policies: [Policy], projection: [Policy]?) throws
        -> (text: String, summary: EvaluationSummary)?
    {
        do {
            let evaluation = try StreamedEvaluation(
                paths: [spool.path], policies: policies, projection: projection, format: .text,
                report: StreamedEvaluation.ReportSettings(
                    inputs: report.inputs(paths: nil), deadlines: !report.noProjection, language: output.lang,
                    sha256: { try Digest.sha256Hex(of: $0) }))
            return (evaluation.closing, evaluation.summary)
        } catch is StreamedEvaluation.RepeatedSubject, is StreamedEvaluation.NotStreamable {
            return nil
        }
    }

    /// Text to standard output, coloured on a terminal, with the progress line erased first.
    private func writeStandardOutput(_ text: String) {
        let coloured = output.color.enabled ? TerminalColour.apply(text) : text
        ProgressDisplay.shared.pausing { FileHandle.standardOutput.write(Data(coloured.utf8)) }
    }

    /// The lines on standard error for an endpoint: why it never spoke TLS, or why versions
    /// and probes failed (one line per reason).
    static func printProblems(_ endpoint: TLSEndpointObservation) {
        if let outcome = endpoint.noHandshakeOutcome {
            // One line for an endpoint that never spoke TLS: what happened instead.
            printError("\(endpoint.endpoint): no TLS handshake: \(outcome.summary)")
            return
        }
        var reasons: [String: [String]] = [:]
        var order: [String] = []
        for version in endpoint.versions {
            guard case .failed(let reason, _) = version.status else { continue }
            if reasons[reason] == nil { order.append(reason) }
            reasons[reason, default: []].append(version.version.name)
        }
        for reason in order { printError("\(endpoint.endpoint) \(reasons[reason]!.joined(separator: ", ")): \(reason)") }
        for failure in endpoint.failures { printError("\(endpoint.endpoint): \(failure)") }
    }

    /// An endpoint SIGINT stopped: not scanned, so indeterminate (nothing unobserved passes).
    static func interrupted(_ scanner: TLSScanner, started: Bool) -> UnscannedTarget {
        UnscannedTarget(
            target: scanner.endpointName,
            reason: started
                ? "not scanned: interrupted (SIGINT) while its probes ran; what they saw is not reported"
                : "not scanned: interrupted (SIGINT) before its scan started",
            code: .scanInterrupted)
    }
}
