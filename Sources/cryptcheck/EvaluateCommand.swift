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
        abstract: "Judge saved observation files (JSON) against the selected lists.")

    @Argument(help: "Observation files written by a scan (cryptcheck-observations/1).")
    var files: [String]

    @OptionGroup var policy: PolicyOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var report: ReportOptions

    func run() throws {
        let policies = try policy.policiesOrUsageError()
        // Text, CSV, the JSON report, SARIF and the CBOM are judged and written one endpoint or
        // file at a time, the same bytes as the whole report gives; HTML needs every finding at once.
        let format = output.format ?? .text
        // Computed once: its warning is printed once, even when the streamed path gives way.
        let projection = report.projectionPolicies(policies)
        if let streamed = Self.streamed[format] {
            do {
                let evaluation = try StreamedEvaluation(
                    paths: files, policies: policies, projection: projection, format: streamed,
                    colour: output.output == nil && output.color.enabled,
                    report: StreamedEvaluation.ReportSettings(
                        inputs: report.inputs(paths: nil), deadlines: !report.noProjection,
                        sha256: { try Digest.sha256Hex(of: $0) }))
                for target in evaluation.observations.unscanned { printError("\(target.target): \(target.reason)") }
                try output.write { try evaluation.write(to: $0) }
                let status = ExitStatus.of(evaluation.summary, failOn: output.failOn)
                if status != 0 { throw ExitCode(status) }
                return
            } catch is StreamedEvaluation.RepeatedSubject, is StreamedEvaluation.NotStreamable {
                // A subject met twice (one block of the text report), or a report the streamed
                // path cannot write exactly: judged whole, below.
            }
        }
        let observations = ObservationLoader.merge(files)
        for target in observations.unscanned { printError("\(target.target): \(target.reason)") }
        try output.emit(observations, policies: policies, projection: projection, report: report, policy: policy)
    }

    /// The formats written as they are judged.
    static let streamed: [OutputFormat: StreamedEvaluation.Format] = [.text: .text, .csv: .csv, .json: .json, .sarif: .sarif, .cbom: .cbom]
}
