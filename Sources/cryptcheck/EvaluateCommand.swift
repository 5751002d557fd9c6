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
        let observations = ObservationLoader.merge(files)
        for target in observations.unscanned { printError("\(target.target): \(target.reason)") }
        try output.emit(observations, policies: policies, report: report, policy: policy)
    }
}
