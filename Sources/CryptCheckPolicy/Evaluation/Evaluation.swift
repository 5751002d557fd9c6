import CryptCheckModel
import Foundation

/// The findings of judging a set of observations against one or more lists.
public struct Evaluation: Sendable, Hashable, Codable {
    public static let currentSchema = "cryptcheck-evaluation/2"

    public var schema: String
    public var asOf: String
    /// The end of operation strength was judged by, given or assumed.
    public var operationEnd: OperationEnd
    public var targetProfile: String
    public var lists: [ListReference]
    public var findings: [Finding]
    public var profiles: [ProfileResult]
    public var unscanned: [UnscannedTarget]
    public var summary: EvaluationSummary

    public init(
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
