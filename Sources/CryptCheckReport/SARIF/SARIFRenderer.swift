import CryptCheckModel
import CryptCheckPolicy
import Foundation

/// SARIF 2.1.0 (OASIS): one rule per list entry (plus the rules a finding rests on that are
/// not list entries: strength tables, TLS-guideline profiles, RFC checks), one result per
/// violation (kind `fail`, level from severity) or undecided finding (kind `open`). Files are
/// physical locations; endpoints, which have no file, are logical locations.
package enum SARIFRenderer {
    package static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    package static func render(_ report: Report) -> String {
        var rules = RuleCatalog(report.listEntries)
        for finding in report.findings where reported(finding) { rules.note(finding) }
        rules.seal()
        let filePaths = Set(report.evidence.files.map(\.path))
        let results: [JSONValue] = report.findings.filter(reported).map { finding in
            let id = rules.ruleID(for: finding)
            return .object(dropping: result(finding, ruleID: id, index: rules.index(of: id), isFile: filePaths.contains(finding.subject)))
        }
        return document(report, rules: rules, results: results)
    }

    /// Whether a finding is a result: a violation (kind `fail`) or undecided (kind `open`).
    static func reported(_ finding: Finding) -> Bool { finding.verdict == .violation || finding.verdict == .indeterminate }

    /// The members of one result, in order; `isFile`: the subject is a file the report lists.
    static func result(_ finding: Finding, ruleID: String, index: Int?, isFile: Bool) -> [(String, JSONValue?)] {
        var text = "\(finding.item): \(finding.message)"
        if let remediation = finding.remediation { text += " Fix: \(remediation)" }
        return [
            ("ruleId", .string(ruleID)),
            ("ruleIndex", index.map(JSONValue.int)),
            ("kind", finding.verdict == .violation ? "fail" : "open"),
            ("level", .string(finding.verdict == .violation ? level(finding.severity) : "none")),
            ("message", ["text": .string(text)]),
            ("locations", [location(finding, isFile: isFile)]),
            (
                "partialFingerprints",
                [
                    "cryptcheckFinding/v1": .string(
                        [finding.subject, finding.component.rawValue, finding.context ?? "", finding.item, finding.list].joined(
                            separator: "|"))
                ]
            ),
            (
                "properties",
                .object(dropping: [
                    ("severity", .string(finding.severity.rawValue)),
                    ("component", .string(finding.component.rawValue)),
                    ("context", finding.context.map(JSONValue.string)),
                    ("list", .string(finding.list)),
                    ("listStatus", .string(finding.listStatus.rawValue)),
                    ("evidence", .string(finding.evidence.rawValue)),
                    ("derived", .bool(finding.derived)),
                    ("strengthBits", finding.strength.map { .int($0.strengthBits) }),
                    ("requiredBits", finding.strength.map { .int($0.requiredBits) }),
                    ("strengthStatus", finding.strength.map { .string($0.status.rawValue) }),
                    ("remediation", finding.remediation.map(JSONValue.string)),
                    ("errorCode", finding.errorCode.map { .string($0.rawValue) }),
                ])
            ),
        ]
    }

    /// The SARIF log of `report` (its findings left aside) with `rules` and `results`.
    static func document(_ report: Report, rules: RuleCatalog, results: [JSONValue]) -> String {
        let run: JSONValue = .object(dropping: [
            (
                "tool",
                [
                    "driver": .object(dropping: [
                        ("name", .string(report.tool.name)),
                        ("version", .string(report.tool.version)),
                        ("informationUri", "https://www.cryptrec.go.jp/list.html"),
                        ("rules", .array(rules.descriptors)),
                    ])
                ]
            ),
            (
                "invocations",
                [
                    .object(dropping: [
                        ("executionSuccessful", .bool(!report.summary.incomplete)),
                        ("endTimeUtc", .string(report.generatedAt)),
                        (
                            "toolExecutionNotifications",
                            report.unscanned.isEmpty
                                ? nil
                                : .array(
                                    report.unscanned.map { target in
                                        .object(dropping: [
                                            ("level", "error"),
                                            ("message", ["text": .string("\(target.target): \(target.reason)")]),
                                            // SARIF 3.58.5: the notification's kind, by the stable code.
                                            ("descriptor", target.code.map { ["id": .string($0.rawValue)] }),
                                        ])
                                    })
                        ),
                    ])
                ]
            ),
            ("results", .array(results)),
            (
                "properties",
                .object(dropping: [
                    ("asOf", .string(report.asOf)),
                    ("operationEnd", .string(report.operationEnd.date)),
                    ("operationEndGiven", .bool(report.operationEnd.given)),
                    ("targetProfile", .string(report.targetProfile)),
                    ("lists", .array(report.lists.map { .string($0.revision) })),
                    ("overallVerdict", .string(report.verdict.status.rawValue)),
                    ("dataDigest", report.dataDigest.map(JSONValue.string)),
                ])
            ),
        ])
        return JSONValue.object([("$schema", .string(schemaURI)), ("version", "2.1.0"), ("runs", [run])]).rendered()
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    static func location(_ finding: Finding, isFile: Bool) -> JSONValue {
        let detail = [finding.component.rawValue, finding.context].compactMap { $0 }.joined(separator: "/")
        if isFile {
            return .object(dropping: [
                ("physicalLocation", ["artifactLocation": ["uri": .string(fileURI(finding.subject))]]),
                ("logicalLocations", [["name": .string(detail), "kind": "element"]]),
            ])
        }
        return [
            "logicalLocations": [
                [
                    "name": .string(finding.subject), "fullyQualifiedName": .string("\(finding.subject)/\(detail)"), "kind": "resource",
                ]
            ]
        ]
    }

    /// A relative path stays relative (resolved against the scan's working directory); an
    /// absolute one becomes a `file://` URI. Either way, percent-encoded.
    static func fileURI(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":?#[]@")
        let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }
}

/// The rules findings are reported under: every list entry, then the other rules findings
/// rest on (noted finding by finding, the first finding describing each), sorted by id.
struct RuleCatalog {
    private(set) var descriptors: [JSONValue] = []
    private var indexByID: [String: Int] = [:]
    private let entryIDs: Set<String>
    /// The rules noted that are not list entries, described, until `seal` adds them.
    private var extras: [String: (String, String)] = [:]

    /// How many rules that are not list entries were noted.
    var extraCount: Int { extras.count }

    init(_ entries: [ReportListEntry]) {
        entryIDs = Set(entries.map(\.id))
        for entry in entries {
            var description =
                "\(entry.technique): \(entry.tier) in \(entry.list) (\(entry.category)); evidence: \(entry.evidence.rawValue)."
            if !entry.notes.isEmpty { description += " Notes: " + entry.notes.joined(separator: " ") }
            if let question = entry.question { description += " Open question: \(question)" }
            add(
                entry.id, name: entry.technique, short: "\(entry.technique) is \(entry.tier) in \(entry.list)", full: description,
                properties: [
                    ("list", .string(entry.list)), ("tier", .string(entry.tier)), ("category", .string(entry.category)),
                    ("evidence", .string(entry.evidence.rawValue)),
                ])
        }
    }

    /// Notes the rule a reported finding rests on; returns its id.
    @discardableResult
    mutating func note(_ finding: Finding) -> String {
        let id = ruleID(for: finding)
        if !entryIDs.contains(id), extras[id] == nil { extras[id] = Self.describe(id, finding) }
        return id
    }

    /// Adds the rules noted that are not list entries, sorted by id: every noted id has an index.
    mutating func seal() {
        for id in extras.keys.sorted() {
            let (name, text) = extras[id]!
            add(id, name: name, short: text, full: text, properties: [])
        }
        extras = [:]
    }

    private mutating func add(_ id: String, name: String, short: String, full: String, properties: [(String, JSONValue)]) {
        indexByID[id] = descriptors.count
        descriptors.append(
            .object(dropping: [
                ("id", .string(id)), ("name", .string(name)),
                ("shortDescription", ["text": .string(short)]), ("fullDescription", ["text": .string(full)]),
                ("properties", properties.isEmpty ? nil : .object(properties)),
            ]))
    }

    func index(of id: String) -> Int? { indexByID[id] }

    /// The rule a finding rests on: a guideline or RFC rule, a failed strength requirement, the
    /// list entry of the deciding primitive, the list's "not listed", or "not observed".
    func ruleID(for finding: Finding) -> String {
        if let basis = finding.basis {
            return "\(basis.revision)/\(basis.category ?? "rule")".replacingOccurrences(of: " ", with: "-")
        }
        if let strength = finding.strength, !strength.meets, finding.listStatus <= .candidate {
            return "\(strength.citation.revision)/\(strength.family)-strength"
        }
        if let primitive = finding.decidingPrimitive {
            let id = "\(finding.list)/\(primitive.rawValue)"
            return entryIDs.contains(id) ? id : "\(finding.list)/not-listed"
        }
        return finding.verdict == .indeterminate ? "cryptcheck/not-observed" : "\(finding.list)/\(finding.component)"
    }

    private static func describe(_ id: String, _ finding: Finding) -> (String, String) {
        if id == "cryptcheck/not-observed" { return ("not-observed", "Something could not be observed; the verdict is left open.") }
        if id.hasSuffix("/not-listed") { return ("not-listed", "The primitive is not on \(finding.list).") }
        if id.hasSuffix("-strength"), let strength = finding.strength {
            return (
                "\(strength.family)-strength",
                "\(strength.family) strength not usable under \(strength.citation.revision) for the system's planned end of operation."
            )
        }
        if let basis = finding.basis {
            return (
                basis.category ?? basis.revision,
                "Rule \(basis.category ?? "") of \(basis.revision)" + (basis.notes.first.map { ": \($0)" } ?? ".")
            )
        }
        return (finding.component.rawValue, "\(finding.component) as judged against \(finding.list).")
    }
}
