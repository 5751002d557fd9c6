import ArgumentParser
import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckPolicy
import CryptCheckReport
import Foundation

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

    @Option(help: "PDF: seconds headless Chromium may take to print one report; then it is stopped.")
    var pdfTimeout: Int = PDFPrinter.defaultTimeout

    func validate() throws {
        guard (1...3600).contains(pdfTimeout) else { throw ValidationError("--pdf-timeout must be from 1 to 3600 seconds") }
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
            printError(
                "--projection \(Policy.dayText(day)) is not after the end of operation \(Policy.dayText(end)): "
                    + "the findings already hold until then; nothing to project")
            return nil
        }
        return policies.map { $0.operating(until: day) }
    }

    /// `projection`: `projectionPolicies(policies)`, computed once by the command; `sealed`: also
    /// compute the data digest (every format but text shows it).
    func build(
        _ observations: ObservationSet, policies: [Policy], projection: [Policy]?, policy: PolicyOptions, paths: [String]?,
        sealed: Bool = true
    ) throws -> Report {
        ReportBuilder.build(
            observations: observations, policies: policies, projection: projection,
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
