import CryptCheckModel
import Foundation

/// The findings of judging a set of observations against one or more lists.
package struct Evaluation: Sendable, Hashable, Codable {
    package static let currentSchema = "cryptcheck-evaluation/2"

    package var schema: String
    package var asOf: String
    /// The end of operation strength was judged by, given or assumed.
    package var operationEnd: OperationEnd
    package var targetProfile: String
    package var lists: [ListReference]
    package var findings: [Finding]
    package var profiles: [ProfileResult]
    package var unscanned: [UnscannedTarget]
    package var summary: EvaluationSummary

    package init(
        schema: String = Evaluation.currentSchema, asOf: String, operationEnd: OperationEnd, targetProfile: String,
        lists: [ListReference], findings: [Finding], profiles: [ProfileResult], unscanned: [UnscannedTarget],
        summary: EvaluationSummary
    ) {
        self.schema = schema
        self.asOf = asOf
        self.operationEnd = operationEnd
        self.targetProfile = targetProfile
        self.lists = lists
        self.findings = findings
        self.profiles = profiles
        self.unscanned = unscanned
        self.summary = summary
    }
}
