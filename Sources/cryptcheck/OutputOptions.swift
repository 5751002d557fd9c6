import ArgumentParser
import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckPolicy
import CryptCheckReport
import Foundation

/// Options shared by commands that print an evaluation.
struct OutputOptions: ParsableArguments {
    @Option(
        help:
            "Output format: text, json (the report, cryptcheck-report/2), csv, sarif (SARIF 2.1.0), cbom (CycloneDX 1.6), html (the procurement report) or pdf (the report printed by headless Chromium, with its data attached; needs -o FILE). Default: text (html for `report`)."
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

    @Option(
        name: .customLong("sarif-root"),
        help: ArgumentHelp(
            "SARIF: the directory the scanned paths are relative to, SRCROOT in the log (default: the current directory).",
            discussion:
                "Give the checkout's root when the scan ran there. A file under it gets a URI relative to SRCROOT, as code scanning needs; a file outside it an absolute file: URI."
        ))
    var sarifRoot: String?

    @Option(
        name: .customLong("sarif-endpoints"),
        help: ArgumentHelp(
            "SARIF: write the endpoints, one HOST:PORT a line in the report's order, to this file; each endpoint's results point at its line.",
            discussion:
                "Without it the results point at lines of \(SARIFLocations.defaultEndpointsFile) under SRCROOT, which is not written; name a file in the repository (and commit it, or generate it in CI) so that code scanning can show the line. The endpoint is also each result's logical location."
        ))
    var sarifEndpoints: String?

    func validate() throws {
        if format == .pdf { try PDFPrinter.checkOutput(output) }
    }

    /// Where the SARIF log places results: `--sarif-root` (made absolute) or the current
    /// directory, and `--sarif-endpoints`.
    var sarifLocations: SARIFLocations {
        let current = FileManager.default.currentDirectoryPath
        let root = sarifRoot.map { $0.hasPrefix("/") ? $0 : PathText.join(current, $0) } ?? current
        return SARIFLocations(root: root, endpointsFile: sarifEndpoints ?? SARIFLocations.defaultEndpointsFile)
    }

    /// Writes the endpoints artifact `--sarif-endpoints` names, when the format is SARIF.
    func writeEndpoints(_ endpoints: [String], format: OutputFormat) throws {
        guard format == .sarif, let sarifEndpoints else { return }
        do {
            try OutputFile.write(endpoints.map { $0 + "\n" }.joined(), to: sarifEndpoints)
        } catch {
            printError("\(error)")
            throw ExitCode(ExitStatus.incomplete)
        }
    }

    /// With `--output`, one line on standard error that says the outcome, the counts and where
    /// the output went: the output itself is in the file, and a CI log must not show only the
    /// exit status. Nothing without `--output` (the output is on standard output then).
    func tellWritten(_ summary: EvaluationSummary, what: String, to path: String? = nil) {
        guard let path = path ?? output, path != "-" else { return }
        let status = ExitStatus.of(summary, failOn: failOn)
        let outcome =
            switch EvaluationOutcome(summary, failOn: failOn) {
            case .conformant: "conformant"
            case .violations: "not conformant: violations at or above --fail-on \(failOn.rawValue)"
            case .incomplete: "incomplete: something could not be observed or scanned"
            }
        let severities = EvaluationTextRenderer.severityCounts(summary)
        let violations = summary.byVerdict[Verdict.violation.rawValue] ?? 0
        let open = summary.byVerdict[Verdict.indeterminate.rawValue] ?? 0
        printError(
            "\(outcome). \(summary.findings) findings: \(violations) violations"
                + (severities.isEmpty ? "" : " (\(severities.joined(separator: ", ")))")
                + ", \(open) indeterminate. \(what) written to \(path); exit status \(status).")
    }

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
        _ observations: ObservationSet, policies: [Policy], projection: [Policy]?, report: ReportOptions,
        policy: PolicyOptions, paths: [String]? = nil, defaultFormat: OutputFormat = .text
    ) throws {
        let format = self.format ?? defaultFormat
        let built = try report.build(
            observations, policies: policies, projection: projection, policy: policy, paths: paths, sealed: format != .text)
        if format == .pdf {
            try writePDF(built, timeout: report.pdfTimeout, paths: paths)
        } else if [.json, .html].contains(format) {
            // Written out piece by piece: a report of 100k findings is 100s of MB, never copied
            // into one buffer or a String.
            try write { sink in try Self.write(built, format: format, language: lang, sarif: sarifLocations, to: sink) }
        } else {
            let text = try Self.render(built, format: format, language: lang, sarif: sarifLocations)
            try write(format == .text && output == nil && color.enabled ? TerminalColour.apply(text) : text)
        }
        try writeEndpoints(built.scope.endpoints, format: format)
        tellWritten(built.summary, what: format.rawValue)
        let status = ExitStatus.of(built.summary, failOn: failOn)
        if status != 0 { throw ExitCode(status) }
    }

    /// One report in one format, handed to `sink` in pieces (JSON and HTML are written as they
    /// are encoded; the other formats in one piece).
    static func write(
        _ report: Report, format: OutputFormat, language: ReportLanguage, sarif: SARIFLocations, to sink: ([UInt8]) throws -> Void
    ) throws {
        switch format {
        case .json:
            try JSONRenderer.write(report, pretty: true, to: sink)
            try sink([0x0A])
        case .html:
            try HTMLReportRenderer.write(report, language: language, to: sink)
        default:
            try sink(Array(try render(report, format: format, language: language, sarif: sarif).utf8))
        }
    }

    /// One report in one machine or document format.
    static func render(_ report: Report, format: OutputFormat, language: ReportLanguage, sarif: SARIFLocations) throws -> String {
        switch format {
        case .text: return EvaluationTextRenderer.render(report)
        case .json: return try JSONRenderer.render(report)
        case .csv: return CSVRenderer.render(report)
        case .sarif: return SARIFRenderer.render(report, locations: sarif)
        case .cbom: return CBOMRenderer.render(report)
        case .html: return try HTMLReportRenderer.render(report, language: language)
        case .pdf: throw PDFPrinter.Failure(description: "a PDF is not text: --format pdf writes a file (-o FILE)")
        }
    }
}
