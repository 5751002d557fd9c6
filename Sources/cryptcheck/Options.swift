import ArgumentParser
import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckPolicy
import CryptCheckReport
import Foundation
import Synchronization

/// Output format of evaluation commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, sarif, cbom, html
}

extension ReportLanguage: ExpressibleByArgument {}

/// When the text output is coloured.
enum ColourChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// `auto`: only when standard output is a terminal, NO_COLOR is unset and TERM is not dumb.
    var enabled: Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            let environment = ProcessInfo.processInfo.environment
            return isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        }
    }
}

extension Severity: ExpressibleByArgument {}

/// Options shared by every command that judges: which lists, which day, which profile.
struct PolicyOptions: ParsableArguments {
    @Option(
        name: .customLong("list"),
        help:
            "A list to judge against: a series ID (LS-0001-2022, LS-0001-2012: the revision in force on the as-of date), an exact revision (LS-0001-2022R2, LS-0001-2012R8; LS-0001-2022R0 and LS-0001-2012R0 pin a first edition; see `cryptcheck lists`) or a YAML file. Repeatable; default: the ciphers list in force on the as-of date."
    )
    var lists: [String] = []

    @Option(name: .customLong("as-of"), help: "Judge as on this day (YYYY-MM-DD); default: today.")
    var asOf: String?

    @Option(
        name: .customLong("operation-end"),
        help:
            "The system's planned end of operation (YYYY or YYYY-MM-DD), which LS-0003 judges key strength by. Default: the as-of day, the shortest period (said so in every output)."
    )
    var operationEnd: String?

    @Option(help: "The GL-3001 profile protocol versions are judged by: high, recommended or exception.")
    var profile: String = "recommended"

    func validate() throws {
        if let asOf, PolicySelection.parseDay(asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a valid date (YYYY-MM-DD)")
        }
        if let operationEnd {
            guard let end = OperationEnd.parse(operationEnd) else {
                throw ValidationError("--operation-end '\(operationEnd)' is not a year or a date (YYYY or YYYY-MM-DD)")
            }
            if end < day() {
                throw ValidationError(
                    "--operation-end \(Policy.dayText(end)) is before the as-of day \(Policy.dayText(day())): "
                        + "a system judged on a day is still operating on it")
            }
        }
    }

    /// The end of operation given, if any.
    var operationEndDay: Date? { operationEnd.flatMap(OperationEnd.parse) }

    /// The as-of day: the option, or today (UTC).
    func day(now: Date = Date()) -> Date {
        asOf.flatMap(PolicySelection.parseDay) ?? PolicySelection.parseDay(Policy.dayText(now))!
    }

    /// The selected policies; a bad list file or name is reported on stderr and exits 64.
    func policiesOrUsageError(asOf: Date? = nil) throws -> [Policy] {
        do {
            return try policies(asOf: asOf)
        } catch let error as ListLoadError {
            printError(error.description)
            throw ExitCode(ExitStatus.usage)
        } catch let error as PolicySelectionError {
            printError(error.description)
            throw ExitCode(ExitStatus.usage)
        }
    }

    /// The policies these options select, with the built-in catalog plus any files.
    func policies(now: Date = Date(), asOf: Date? = nil) throws -> [Policy] {
        var catalog = try ListCatalog.builtIn()
        let day = asOf ?? day(now: now)
        let selected = try PolicySelection.resolve(lists, into: &catalog, asOf: day)
        return try PolicySelection.policies(selected: selected, catalog: catalog, asOf: day, profile: profile)
            .map { $0.operating(until: operationEndDay) }
    }
}

/// Options shared by commands that print an evaluation.
struct OutputOptions: ParsableArguments {
    @Option(
        help:
            "Output format: text, json (the report, cryptcheck-report/2), csv, sarif (SARIF 2.1.0), cbom (CycloneDX 1.6) or html (the procurement report). Default: text (html for `report`)."
    )
    var format: OutputFormat?

    @Option(
        name: .customLong("fail-on"),
        help: "Exit 1 when a violation has this severity or higher: info, low, medium, high, critical.")
    var failOn: Severity = .info

    @Option(help: "Language of the HTML report: ja or en.")
    var lang: ReportLanguage = .en

    @Option(name: [.customShort("o"), .long], help: "Write the output to this file instead of standard output.")
    var output: String?

    @Option(help: "Colour the text output: auto (when standard output is a terminal), always or never.")
    var color: ColourChoice = .auto

    /// Writes `text` to --output or standard output.
    func write(_ text: String) throws { try write { try $0(Array(text.utf8)) } }

    /// Writes the pieces `produce` hands to its sink to `--output` (or standard output).
    func write(_ produce: (_ sink: ([UInt8]) throws -> Void) throws -> Void) throws {
        if let output {
            do {
                try OutputFile.write(pieces: produce, to: output)
            } catch {
                printError("\(error)")
                throw ExitCode(ExitStatus.incomplete)
            }
        } else {
            try produce { bytes in
                bytes.withUnsafeBytes { buffer in
                    guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
                    FileHandle.standardOutput.write(
                        Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: buffer.count, deallocator: .none))
                }
            }
        }
    }

    /// Judges `observations` and prints them in the chosen format; ends with the exit status.
    func emit(
        _ observations: ObservationSet, policies: [Policy], report: ReportOptions, policy: PolicyOptions,
        paths: [String]? = nil, defaultFormat: OutputFormat = .text
    ) throws {
        let format = self.format ?? defaultFormat
        let built = try report.build(observations, policies: policies, policy: policy, paths: paths, sealed: format != .text)
        if [.json, .html].contains(format) {
            // Written out piece by piece: a report of 100k findings is 100s of MB, never copied
            // into one buffer or a String.
            try write { sink in try Self.write(built, format: format, language: lang, to: sink) }
        } else {
            let text = try Self.render(built, format: format, language: lang)
            try write(format == .text && output == nil && color.enabled ? TerminalColour.apply(text) : text)
        }
        let status = ExitStatus.of(built.summary, failOn: failOn)
        if status != 0 { throw ExitCode(status) }
    }

    /// One report in one format, handed to `sink` in pieces (JSON and HTML are written as they
    /// are encoded; the other formats in one piece).
    static func write(_ report: Report, format: OutputFormat, language: ReportLanguage, to sink: ([UInt8]) throws -> Void) throws {
        switch format {
        case .json:
            try JSONRenderer.write(report, pretty: true, to: sink)
            try sink([0x0A])
        case .html:
            try HTMLReportRenderer.write(report, language: language, to: sink)
        default:
            try sink(Array(try render(report, format: format, language: language).utf8))
        }
    }

    /// One report in one machine or document format.
    static func render(_ report: Report, format: OutputFormat, language: ReportLanguage) throws -> String {
        switch format {
        case .text: return EvaluationTextRenderer.render(report)
        case .json: return try JSONRenderer.render(report)
        case .csv: return CSVRenderer.render(report)
        case .sarif: return SARIFRenderer.render(report)
        case .cbom: return CBOMRenderer.render(report)
        case .html: return try HTMLReportRenderer.render(report, language: language)
        }
    }
}

/// What a report says about itself: the system, its procurement reference, the evaluator, the
/// projection date and the time of the report.
struct ReportOptions: ParsableArguments {
    @Option(help: "The system the report is about.")
    var systemName: String?

    @Option(help: "The procurement reference (案件番号).")
    var reference: String?

    @Option(help: "Who made the evaluation.")
    var evaluator: String?

    @Option(
        help:
            "Also show what changes if the system ran until this later day (YYYY-MM-DD); the deadlines LS-0003 sets before the end of operation are always listed."
    )
    var projection: String?

    @Flag(help: "Leave out what changes before the end of operation and the --projection day.")
    var noProjection = false

    @Option(help: "The report's time stamp (ISO 8601, e.g. 2026-11-30T09:00:00Z); default: now. Fixing it makes the output reproducible.")
    var generatedAt: String?

    func validate() throws {
        if let projection, PolicySelection.parseDay(projection) == nil {
            throw ValidationError("--projection '\(projection)' is not a valid date (YYYY-MM-DD)")
        }
        if let generatedAt, ISO8601DateFormatter().date(from: generatedAt) == nil {
            throw ValidationError("--generated-at '\(generatedAt)' is not an ISO 8601 time (2026-11-30T09:00:00Z)")
        }
    }

    /// The policies for a system running until the `--projection` day; `nil` without one.
    /// Projecting only makes sense forward: up to the end of operation the findings already hold.
    func projectionPolicies(_ policies: [Policy]) -> [Policy]? {
        guard !noProjection, let day = projection.flatMap(PolicySelection.parseDay), let end = policies.first?.judgedOperationEnd
        else { return nil }
        guard day > end else {
            warnOnce(
                "--projection \(Policy.dayText(day)) is not after the end of operation \(Policy.dayText(end)): "
                    + "the findings already hold until then; nothing to project")
            return nil
        }
        return policies.map { $0.operating(until: day) }
    }

    /// `sealed`: also compute the data digest (every format but text shows it).
    func build(
        _ observations: ObservationSet, policies: [Policy], policy: PolicyOptions, paths: [String]?,
        sealed: Bool = true
    ) throws -> Report {
        let projected = projectionPolicies(policies)
        return ReportBuilder.build(
            observations: observations, policies: policies, projection: projected,
            deadlines: !noProjection, inputs: inputs(paths: paths),
            digest: sealed ? { (try? Digest.sha256Hex($0)) ?? "" } : nil)
    }

    /// Who made the report, when and for what; `paths`: the scan roots, when known.
    func inputs(paths: [String]?) -> ReportInputs {
        ReportInputs(
            tool: ReportTool(version: CryptCheck.version),
            generatedAt: generatedAt.flatMap { ISO8601DateFormatter().date(from: $0) } ?? Date(),
            system: ReportSystem(name: systemName, reference: reference, evaluator: evaluator), paths: paths)
    }
}

/// The passwords in a file, one per line; an unreadable file is a usage error.
func readPasswords(_ path: String) throws -> [String] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        printError("\(path): cannot read the password file")
        throw ExitCode(ExitStatus.usage)
    }
    return text.split(whereSeparator: \.isNewline).map(String.init)
}

/// Prints to standard error, as one terminal-safe line: messages carry names and texts from
/// files, servers and the command line, whose control characters must not reach a terminal.
func printError(_ message: String) {
    FileHandle.standardError.write(Data(("cryptcheck: " + EscapedText.terminalSafe(message) + "\n").utf8))
}

/// The warnings already printed: a command that judges twice (a streamed evaluation that falls
/// back to the whole report) says each once.
private let warned = Mutex<Set<String>>([])

/// `printError`, once per run for the same message.
func warnOnce(_ message: String) {
    guard warned.withLock({ $0.insert(message).inserted }) else { return }
    printError(message)
}
