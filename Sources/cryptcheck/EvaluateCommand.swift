import ArgumentParser
import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckPolicy
import CryptCheckReport
import Foundation

/// `cryptcheck evaluate`: re-judge saved observations without touching the network.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Judge saved observation files (JSON), or a vendor's CycloneDX BOM (declared, not observed), against the selected lists.")

    @Argument(
        help:
            "Observation files written by a scan (\(ObservationSet.currentSchema)), or CycloneDX BOMs (any file whose bomFormat is CycloneDX): their cryptographic assets are judged as declared, not observed."
    )
    var files: [String]

    @OptionGroup var policy: PolicyOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var report: ReportOptions

    func run() throws {
        let policies = try policy.policiesOrUsageError()
        let format = output.format ?? .text
        // Computed once: its warning is printed once, even when the streamed path gives way.
        let projection = report.projectionPolicies(policies)
        if try Self.evaluateStreamed(files, format: format, policies: policies, projection: projection, output: output, report: report) {
            return
        }
        let observations = ObservationLoader.merge(files)
        for target in observations.unscanned { printError("\(target.target): \(target.reason)") }
        try output.emit(observations, policies: policies, projection: projection, report: report, policy: policy)
    }

    /// Judges and writes `files` one endpoint or file at a time, the same bytes as the whole
    /// report gives, in every format; `false` when the streamed path cannot give them (a subject
    /// met twice, one block of the text report, or a report it cannot write exactly): the
    /// caller builds the whole report. `notice`: a line to print about an endpoint. Ends with
    /// the exit status.
    static func evaluateStreamed(
        _ files: [String], format: OutputFormat, policies: [Policy], projection: [Policy]?, output: OutputOptions,
        report: ReportOptions, notice: ((TLSEndpointObservation) -> String?)? = nil, printUnscanned: Bool = true
    ) throws -> Bool {
        // The endpoints artifact is written from the whole report's scope; a PDF is printed
        // from the whole report, and so are further outputs (`--output FORMAT=PATH`).
        if format == .sarif && output.sarifEndpoints != nil || format == .pdf || !output.files.isEmpty { return false }
        do {
            let evaluation = try StreamedEvaluation(
                paths: files, policies: policies, projection: projection, format: format.streamed,
                colour: output.output == nil && output.color.enabled,
                report: StreamedEvaluation.ReportSettings(
                    inputs: report.inputs(paths: nil), deadlines: !report.noProjection, language: output.lang,
                    sarif: output.sarifLocations, sha256: { try Digest.sha256Hex(of: $0) }), notice: notice)
            if printUnscanned {
                for target in evaluation.observations.unscanned { printError("\(target.target): \(target.reason)") }
            }
            for line in evaluation.notices { printError(line) }
            try output.write(format: format) { try evaluation.write(to: $0) }
            output.tellWritten(evaluation.summary, what: format.rawValue)
            let status = ExitStatus.of(evaluation.summary, failOn: output.failOn)
            if status != 0 { throw ExitCode(status) }
            return true
        } catch is StreamedEvaluation.RepeatedSubject, is StreamedEvaluation.NotStreamable {
            return false
        }
    }

}

extension OutputFormat {
    /// The streamed evaluation's format: every format is written as it is judged.
    var streamed: StreamedEvaluation.Format {
        switch self {
        case .text: .text
        case .json: .json
        case .csv: .csv
        case .sarif: .sarif
        case .cbom: .cbom
        case .html, .pdf: .html  // a PDF is never streamed (evaluateStreamed builds the whole report)
        }
    }
}
