import ArgumentParser
import CryptCheckModel
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
        // Text and CSV are judged and written one endpoint or file at a time, the same bytes as
        // the whole report gives; the other formats need every finding at once.
        let format = output.format ?? .text
        if [.text, .csv].contains(format) {
            do {
                let evaluation = try StreamedEvaluation(
                    paths: files, policies: policies, projection: report.projectionPolicies(policies),
                    format: format == .csv ? .csv : .text, colour: output.output == nil && output.color.enabled)
                for target in evaluation.observations.unscanned { printError("\(target.target): \(target.reason)") }
                try output.write { try evaluation.write(to: $0) }
                let status = ExitStatus.of(evaluation.summary, failOn: output.failOn)
                if status != 0 { throw ExitCode(status) }
                return
            } catch is StreamedEvaluation.RepeatedSubject {
                // A subject met twice is one block of the text report: judged whole, below.
            }
        }
        let observations = ObservationLoader.merge(files)
        for target in observations.unscanned { printError("\(target.target): \(target.reason)") }
        try output.emit(observations, policies: policies, report: report, policy: policy)
    }
}
