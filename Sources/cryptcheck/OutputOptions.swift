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
        _ observations: ObservationSet, policies: [Policy], projection: [Policy]?, report: ReportOptions,
        policy: PolicyOptions, paths: [String]? = nil, defaultFormat: OutputFormat = .text
    ) throws {
        let format = self.format ?? defaultFormat
        let built = try report.build(
            observations, policies: policies, projection: projection, policy: policy, paths: paths, sealed: format != .text)
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
