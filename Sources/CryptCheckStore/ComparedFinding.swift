import CryptCheckPolicy

/// A finding as the store keeps it and `diff` compares it: what was judged, the verdict and
/// the rule it rests on.
package struct ComparedFinding: Sendable, Hashable, Codable {
    package var subject: String
    package var component: String
    package var item: String
    package var context: String?
    package var verdict: String
    package var severity: String
    package var listStatus: String
    package var list: String
    package var rule: String?
    package var message: String

    package init(
        subject: String, component: String, item: String, context: String?, verdict: String, severity: String,
        listStatus: String, list: String, rule: String?, message: String
    ) {
        self.subject = subject
        self.component = component
        self.item = item
        self.context = context
        self.verdict = verdict
        self.severity = severity
        self.listStatus = listStatus
        self.list = list
        self.rule = rule
        self.message = message
    }

    package init(_ finding: Finding) {
        let citation = finding.basis ?? finding.primitives.first { $0.primitive == finding.decidingPrimitive }?.citation
        self.init(
            subject: finding.subject, component: finding.component.rawValue, item: finding.item, context: finding.context,
            verdict: finding.verdict.rawValue, severity: finding.severity.rawValue, listStatus: finding.listStatus.rawValue,
            list: finding.list, rule: citation.map(Self.rule), message: finding.message)
    }

    /// `LS-0001-2022 (category): technique`, as far as the citation names them.
    static func rule(_ citation: Citation) -> String {
        citation.listID + (citation.category.map { " (\($0))" } ?? "") + (citation.technique.map { ": \($0)" } ?? "")
    }

    /// What the finding is about, whatever its verdict: findings of two scans pair by it.
    package var key: String { [subject, component, item, context ?? ""].joined(separator: "\u{1F}") }
}
