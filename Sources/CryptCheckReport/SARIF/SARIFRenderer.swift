import CryptCheckModel
import CryptCheckPolicy
import Foundation

/// SARIF 2.1.0 (OASIS), made to be uploaded to a code-scanning service: one rule per list
/// entry (plus the rules a finding rests on that are not list entries: strength tables,
/// TLS-guideline profiles, RFC checks), with ids stable across list revisions (`RuleCatalog`);
/// one result per violation (kind `fail`, level from severity) or undecided finding (kind
/// `open`). Every result has a physical location (`SARIFLocations`): a file by its URI relative
/// to `SRCROOT`, an endpoint by its line in the endpoints artifact, the endpoint also a logical
/// location. Its fingerprint is made of what was judged, where: never the message, the list
/// revision or a time, so it is the same in every run and under every revision of the list.
package enum SARIFRenderer {
    package static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The key of the fingerprint in `partialFingerprints`.
    package static let fingerprintKey = "cryptcheckFinding/v2"

    package static func render(_ report: Report, locations: SARIFLocations) -> String {
        var rules = RuleCatalog(report.listEntries)
        for finding in report.findings where reported(finding) { rules.note(finding) }
        rules.seal()
        let filePaths = Set(report.evidence.files.map(\.path))
        var lines: [String: Int] = [:]
        for (index, endpoint) in report.scope.endpoints.enumerated() where lines[endpoint] == nil { lines[endpoint] = index + 1 }
        let results: [JSONValue] = report.findings.filter(reported).map { finding in
            let id = rules.ruleID(for: finding)
            let place = Place.of(finding.subject, files: filePaths, endpointLines: lines)
            return .object(
                dropping: result(
                    finding, ruleID: id, index: rules.index(of: id), location: location(finding, place: place, locations: locations),
                    byList: rules.byList))
        }
        return document(report, rules: rules, results: results, locations: locations)
    }

    /// Where a result is: an endpoint's line in the endpoints artifact, or a path (a file, the
    /// file an item of a bundle is in, or a target not scanned).
    enum Place: Equatable {
        case endpoint(line: Int)
        case path(String)

        /// The place of a subject of the whole report: a file's path, a file's item
        /// (`path#2`), an endpoint, or else a path (a target not scanned).
        static func of(_ subject: String, files: Set<String>, endpointLines: [String: Int]) -> Place {
            if files.contains(subject) { return .path(subject) }
            if let file = itemFile(subject), files.contains(file) { return .path(file) }
            if let line = endpointLines[subject] { return .endpoint(line: line) }
            return .path(subject)
        }

        /// The file of an item's subject, `path#N` → `path`; `nil` for another subject.
        static func itemFile(_ subject: String) -> String? {
            guard let hash = subject.lastIndex(of: "#") else { return nil }
            let number = subject[subject.index(after: hash)...]
            guard !number.isEmpty, number.allSatisfy(\.isASCII), number.allSatisfy(\.isNumber) else { return nil }
            return String(subject[..<hash])
        }
    }

    /// Whether a finding is a result: a violation (kind `fail`) or undecided (kind `open`).
    static func reported(_ finding: Finding) -> Bool { finding.verdict == .violation || finding.verdict == .indeterminate }

    /// The members of one result, in order. `byList`: the log judges by more than one
    /// ciphers-list revision, and the fingerprint names the finding's.
    static func result(_ finding: Finding, ruleID: String, index: Int?, location: JSONValue, byList: Bool) -> [(String, JSONValue?)] {
        var text = "\(finding.item): \(finding.message)"
        if let remediation = finding.remediation { text += " Fix: \(remediation)" }
        return [
            ("ruleId", .string(ruleID)),
            ("ruleIndex", index.map(JSONValue.int)),
            ("kind", finding.verdict == .violation ? "fail" : "open"),
            ("level", .string(finding.verdict == .violation ? level(finding.severity) : "none")),
            ("message", ["text": .string(text)]),
            ("locations", [location]),
            ("partialFingerprints", [fingerprintKey: .string(fingerprint(finding, byList: byList))]),
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
                    // Declared in a CycloneDX BOM, not observed.
                    ("declared", finding.declared.map(JSONValue.bool)),
                ])
            ),
        ]
    }

    /// What identifies a finding across runs and list revisions: its subject, component,
    /// context and item, each with `%` and `|` percent-encoded, joined by `|` (and its list's
    /// revision when the log judges by more than one, where two findings differ by it alone).
    static func fingerprint(_ finding: Finding, byList: Bool) -> String {
        let fields = [finding.subject, finding.component.rawValue, finding.context ?? "", finding.item] + (byList ? [finding.list] : [])
        return fields.map { $0.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "|", with: "%7C") }
            .joined(separator: "|")
    }

    /// The SARIF log of `report` (its findings left aside) with `rules` and `results`.
    static func document(_ report: Report, rules: RuleCatalog, results: [JSONValue], locations: SARIFLocations) -> String {
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
                        // The source root GitHub code scanning makes absolute URIs relative by.
                        ("workingDirectory", ["uri": .string(locations.rootURI)]),
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
            (
                "originalUriBaseIds",
                [
                    SARIFLocations.baseID: [
                        "uri": .string(locations.rootURI),
                        "description": [
                            "text": "The directory the scan ran in: the scanned paths and the endpoints artifact are relative to it."
                        ],
                    ]
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

    /// A result's location: the physical one of its place (a file from its first line; an
    /// endpoint at its line in the endpoints artifact) and the logical one of what in it.
    static func location(_ finding: Finding, place: Place, locations: SARIFLocations) -> JSONValue {
        let detail = [finding.component.rawValue, finding.context].compactMap { $0 }.joined(separator: "/")
        switch place {
        case .path(let path):
            return [
                "physicalLocation": ["artifactLocation": locations.artifact(path), "region": ["startLine": 1]],
                "logicalLocations": [
                    ["name": .string(detail), "fullyQualifiedName": .string("\(finding.subject)/\(detail)"), "kind": "element"]
                ],
            ]
        case .endpoint(let line):
            return [
                "physicalLocation": ["artifactLocation": locations.endpointsArtifact, "region": ["startLine": .int(line)]],
                "logicalLocations": [
                    ["name": .string(finding.subject), "fullyQualifiedName": .string("\(finding.subject)/\(detail)"), "kind": "resource"]
                ],
            ]
        }
    }
}
