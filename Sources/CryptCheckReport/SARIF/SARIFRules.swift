import CryptCheckPolicy

/// The rules a SARIF log's results are reported under: every list entry, then the other rules
/// findings rest on (strength tables, TLS-guideline rules, "not listed", "not observed"),
/// sorted by id. A rule's id names the list series, never its revision (`LS-0001/sha-1`, not
/// `LS-0001-2022R2/sha-1`), so an alert keeps its rule when the list is revised; the revisions
/// are in the rule's properties. Titles are neutral (what is judged, against which list), never
/// a list fact that reads as a pass; the help gives the fix.
struct RuleCatalog {
    private struct Rule {
        var id: String
        var name: String
        var title: String
        /// List facts, one per revision judged by (`recommended in LS-0001-2022R2 (signature)`).
        var facts: [String] = []
        var revisions: [String] = []
        var properties: [(String, JSONValue)] = []
        /// The smallest distinct fixes of the findings noted (at most `fixesShown`), so the
        /// help does not depend on the order findings are noted in.
        var fixes: [String] = []
        /// The worst severity of a violation noted.
        var worst: Severity?
    }

    static let fixesShown = 3

    private var rules: [Rule] = []
    private var indexByID: [String: Int] = [:]
    /// The list entries, as `revision/primitive`.
    private let entryKeys: Set<String>
    /// The rules noted that are not list entries, until `seal` adds them.
    private var extras: [String: Rule] = [:]
    /// Whether the log judges by more than one ciphers-list revision: then two findings can
    /// differ by their list only, and the fingerprint names it.
    let byList: Bool

    /// How many rules that are not list entries were noted.
    var extraCount: Int { extras.count }

    init(_ entries: [ReportListEntry]) {
        entryKeys = Set(entries.map(\.id))
        byList = Set(entries.map(\.list)).count > 1
        for entry in entries {
            let id = "\(Self.series(entry.list))/\(entry.primitive)"
            var fact = "\(entry.tier) in \(entry.list) (\(entry.category)); evidence: \(entry.evidence.rawValue)."
            if !entry.notes.isEmpty { fact += " Notes: " + entry.notes.joined(separator: " ") }
            if let question = entry.question { fact += " Open question: \(question)" }
            if let index = indexByID[id] {
                rules[index].facts.append(fact)
                rules[index].revisions.append(entry.list)
                continue
            }
            indexByID[id] = rules.count
            rules.append(
                Rule(
                    id: id, name: entry.technique,
                    title: "\(entry.technique) (\(entry.category)) judged against the \(Self.listName(entry.list))", facts: [fact],
                    revisions: [entry.list],
                    properties: [
                        ("primitive", .string(entry.primitive)), ("category", .string(entry.category)),
                        ("tier", .string(entry.tier)), ("evidence", .string(entry.evidence.rawValue)),
                    ]))
        }
    }

    /// Notes the rule a reported finding rests on, with its fix and severity; returns its id.
    @discardableResult
    mutating func note(_ finding: Finding) -> String {
        let id = ruleID(for: finding)
        if let index = indexByID[id] {
            Self.record(finding, in: &rules[index])
        } else {
            var rule = extras[id] ?? Self.describe(id, finding)
            Self.record(finding, in: &rule)
            extras[id] = rule
        }
        return id
    }

    private static func record(_ finding: Finding, in rule: inout Rule) {
        if finding.verdict == .violation { rule.worst = max(rule.worst ?? finding.severity, finding.severity) }
        if let revision = Self.revision(of: finding, rule: rule.id), !rule.revisions.contains(revision) {
            rule.revisions.append(revision)
        }
        guard let fix = finding.remediation, !rule.fixes.contains(fix) else { return }
        rule.fixes.append(fix)
        rule.fixes.sort()
        if rule.fixes.count > fixesShown { rule.fixes.removeLast() }
    }

    /// The revision of the document a finding's rule rests on, for rules that are not entries.
    private static func revision(of finding: Finding, rule id: String) -> String? {
        if let basis = finding.basis { return basis.revision }
        if let strength = finding.strength, id.hasSuffix("-strength") { return strength.citation.revision }
        return id.hasPrefix("cryptcheck/") ? nil : finding.list
    }

    /// Adds the rules noted that are not list entries, sorted by id: every noted id has an index.
    mutating func seal() {
        for id in extras.keys.sorted() {
            indexByID[id] = rules.count
            rules.append(extras[id]!)
        }
        extras = [:]
    }

    func index(of id: String) -> Int? { indexByID[id] }

    /// The reporting descriptors, in index order.
    var descriptors: [JSONValue] { rules.map(Self.descriptor) }

    private static func descriptor(_ rule: Rule) -> JSONValue {
        let full = rule.facts.isEmpty ? rule.title + "." : "\(rule.name): " + rule.facts.joined(separator: " ")
        let fixes =
            rule.fixes.isEmpty
            ? ["Use a technique, key length and protocol setting the current CRYPTREC lists accept for the system's end of operation."]
            : rule.fixes
        let text =
            "\(full)\n\nHow to fix: " + fixes.joined(separator: " ") + "\n\nEach result's message ends with the fix for its own finding."
        let markdown =
            "**\(markdownEscaped(rule.title))**\n\n\(markdownEscaped(full))\n\n**How to fix**\n\n"
            + fixes.map { "- " + markdownEscaped($0) }.joined(separator: "\n")
            + "\n\nEach result's message ends with the fix for its own finding."
        var properties: [(String, JSONValue)] = [("tags", ["security", "cryptography", "CRYPTREC"])]
        // GitHub code scanning ranks security alerts by this score (a number in a string).
        if let worst = rule.worst { properties.append(("security-severity", .string(securitySeverity(worst)))) }
        if !rule.revisions.isEmpty { properties.append(("revisions", .array(rule.revisions.sorted().map(JSONValue.string)))) }
        properties += rule.properties
        return .object([
            ("id", .string(rule.id)), ("name", .string(rule.name)),
            ("shortDescription", ["text": .string(rule.title)]), ("fullDescription", ["text": .string(full)]),
            ("help", ["text": .string(text), "markdown": .string(markdown)]),
            ("properties", .object(properties)),
        ])
    }

    /// GitHub's bands: 9.0 and over critical, 7.0 high, 4.0 medium, 0.1 low.
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        case .info: "1.0"
        }
    }

    /// Text with Markdown's active characters escaped (suite names hold underscores).
    static func markdownEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_{}[]<>()#+!|~".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// The series of a revision: its first two dash-separated parts (`LS-0001-2022R2` →
    /// `LS-0001`, `GL-3001-3.0.1` → `GL-3001`); a name without two is its own series.
    static func series(_ revision: String) -> String {
        let parts = revision.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        return parts.count >= 2 ? "\(parts[0])-\(parts[1])" : revision
    }

    /// A person's name of the document series a revision belongs to.
    static func listName(_ revision: String) -> String {
        switch series(revision) {
        case "LS-0001": "CRYPTREC Ciphers List (LS-0001)"
        case "LS-0003": "CRYPTREC key length guidelines (LS-0003)"
        case "GL-3001": "CRYPTREC TLS guidelines (GL-3001)"
        default: series(revision)
        }
    }

    /// The rule a finding rests on: a guideline or RFC rule, a failed strength requirement, the
    /// list entry of the deciding primitive, the list's "not listed", or "not observed".
    func ruleID(for finding: Finding) -> String {
        if let basis = finding.basis {
            return "\(Self.series(basis.revision))/\(basis.category ?? "rule")".replacingOccurrences(of: " ", with: "-")
        }
        if let strength = finding.strength, !strength.meets, finding.listStatus <= .candidate {
            return "\(Self.series(strength.citation.revision))/\(strength.family)-strength"
        }
        if let primitive = finding.decidingPrimitive {
            let series = Self.series(finding.list)
            return entryKeys.contains("\(finding.list)/\(primitive.rawValue)") ? "\(series)/\(primitive.rawValue)" : "\(series)/not-listed"
        }
        return finding.verdict == .indeterminate ? "cryptcheck/not-observed" : "\(Self.series(finding.list))/\(finding.component)"
    }

    private static func describe(_ id: String, _ finding: Finding) -> Rule {
        if id == "cryptcheck/not-observed" {
            return Rule(id: id, name: "not-observed", title: "Properties that could not be observed; the verdict is left open")
        }
        if id.hasSuffix("/not-listed") {
            return Rule(id: id, name: "not-listed", title: "Primitives judged against the \(listName(finding.list)): not on the list")
        }
        if id.hasSuffix("-strength"), let strength = finding.strength {
            return Rule(
                id: id, name: "\(strength.family)-strength",
                title:
                    "\(strength.family) strength judged against the \(listName(strength.citation.revision)) for the system's end of operation"
            )
        }
        if let basis = finding.basis {
            let name = basis.category ?? basis.revision
            var rule = Rule(id: id, name: name, title: "Rule \(name) of the \(listName(basis.revision))")
            rule.facts = ["rule \(basis.category ?? "") of \(basis.revision)" + (basis.notes.first.map { ": \($0)" } ?? ".")]
            return rule
        }
        return Rule(id: id, name: finding.component.rawValue, title: "\(finding.component) judged against the \(listName(finding.list))")
    }
}
