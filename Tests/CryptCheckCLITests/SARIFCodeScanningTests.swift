import CryptCheckReport
import Foundation
import Glibc
import TestSupport
import Testing

/// What GitHub code scanning requires of an uploaded SARIF log, one check per documented
/// constraint, each citing its page:
/// - [support]: "SARIF support for code scanning",
///   https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
/// - [limits]: "SARIF results exceed one or more limits",
///   https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit
/// - [upload]: REST API "Upload an analysis as SARIF data",
///   https://docs.github.com/en/rest/code-scanning/code-scanning#upload-an-analysis-as-sarif-data
/// Hard limits reject the upload; the checks below hold the log to them and to what makes an
/// alert usable (a location in a file, a stable fingerprint, a rule with help).
enum CodeScanningConstraints {
    /// The constraints `log` (a parsed SARIF document) breaks, one line each; empty when none.
    static func violations(in log: Any) -> [String] {
        var found: [String] = []
        func fail(_ text: String) { found.append(text) }
        guard let root = log as? [String: Any] else { return ["the log is not a JSON object"] }
        // [support] "Code scanning supports a subset of the SARIF 2.1.0 JSON schema": version 2.1.0.
        if root["version"] as? String != "2.1.0" { fail("version is not 2.1.0") }
        // [support] `runs`: "This must be present for all submitted SARIF files".
        guard let runs = root["runs"] as? [[String: Any]] else { return found + ["runs is missing"] }
        // [limits] Runs per file: 20.
        if runs.count > 20 { fail("\(runs.count) runs; at most 20") }
        for (r, run) in runs.enumerated() {
            let tool = run["tool"] as? [String: Any], driver = tool?["driver"] as? [String: Any]
            // [support] toolComponent `name` is required: "The name of the analysis tool".
            if (driver?["name"] as? String)?.isEmpty != false { fail("run \(r): tool.driver.name is missing") }
            let rules = driver?["rules"] as? [[String: Any]] ?? []
            // [limits] Rules per run: 25,000.
            if rules.count > 25_000 { fail("run \(r): \(rules.count) rules; at most 25,000") }
            var ruleIDs: [String] = []
            for (i, rule) in rules.enumerated() {
                // [support] reportingDescriptor `id` is required: "A unique identifier for the rule".
                guard let id = rule["id"] as? String, !id.isEmpty else {
                    fail("run \(r) rule \(i): no id")
                    continue
                }
                if ruleIDs.contains(id) { fail("rule \(id) is defined twice") }
                ruleIDs.append(id)
                // [support] `shortDescription.text` and `fullDescription.text` are required (shown
                // at the top of an alert); `help.text` is required ("Documentation for the rule").
                for key in ["shortDescription", "fullDescription", "help"] {
                    if ((rule[key] as? [String: Any])?["text"] as? String)?.isEmpty != false { fail("rule \(id): no \(key).text") }
                }
                let properties = rule["properties"] as? [String: Any] ?? [:]
                let tags = properties["tags"] as? [String] ?? []
                // [limits] Tags per rule: 20 (only 10 are shown).
                if tags.count > 10 { fail("rule \(id): \(tags.count) tags; at most 10 are shown") }
                // [support] `security-severity`: rules with the `security` tag are security
                // alerts, ranked by this value, "a string representing a score between 0.0 and 10.0".
                if !tags.contains("security") { fail("rule \(id): no security tag") }
                if let score = properties["security-severity"] {
                    guard let text = score as? String, let value = Double(text), (0...10).contains(value) else {
                        fail("rule \(id): security-severity \(score) is not a number string from 0.0 to 10.0")
                        continue
                    }
                }
            }
            let invocations = run["invocations"] as? [[String: Any]] ?? []
            let workingDirectory = ((invocations.first?["workingDirectory"] as? [String: Any])?["uri"] as? String)
            // [support] "Specifying the root for source files": `invocations[0].workingDirectory.uri`
            // is the source root; "any location of an artifact specified using an absolute URI
            // must use the same URI scheme" as it, or the upload is rejected.
            let rootScheme = workingDirectory.flatMap(scheme)
            // SARIF 3.14.14: a base id's `uri` is absolute and ends with a slash.
            let bases = run["originalUriBaseIds"] as? [String: [String: Any]] ?? [:]
            for (name, base) in bases {
                if let uri = base["uri"] as? String, scheme(uri) == nil || !uri.hasSuffix("/") {
                    fail("originalUriBaseIds.\(name): \(uri) is not an absolute URI ending in /")
                }
            }
            let results = run["results"] as? [[String: Any]] ?? []
            // [limits] Results per run: 25,000 (only the top 5,000 by severity are shown) [upload].
            if results.count > 25_000 { fail("run \(r): \(results.count) results; at most 25,000") }
            for (n, result) in results.enumerated() {
                let name = "result \(n)"
                // [support] `message.text` is required.
                if ((result["message"] as? [String: Any])?["text"] as? String)?.isEmpty != false { fail("\(name): no message.text") }
                // [support] `ruleId`: "The unique identifier of the rule (reportingDescriptor.id)";
                // `ruleIndex`: "The index of the associated rule in the tool component rules array".
                let ruleID = result["ruleId"] as? String
                if ruleID.map(ruleIDs.contains) != true { fail("\(name): ruleId \(ruleID ?? "nil") names no rule") }
                if let index = result["ruleIndex"] as? Int, index >= ruleIDs.count || ruleIDs[index] != ruleID {
                    fail("\(name): ruleIndex \(index) is not the rule \(ruleID ?? "nil")")
                }
                // [support] `level`: one of none, note, warning, error.
                if let level = result["level"] as? String, !["none", "note", "warning", "error"].contains(level) {
                    fail("\(name): level \(level)")
                }
                // [support] `partialFingerprints` is required: "A set of strings used to track the
                // unique identity of the result"; without it, alerts are duplicated across runs.
                let fingerprints = result["partialFingerprints"] as? [String: Any] ?? [:]
                if fingerprints.isEmpty || fingerprints.values.contains(where: { ($0 as? String)?.isEmpty != false }) {
                    fail("\(name): no partialFingerprints")
                }
                // [support] `locations`: "At least one location is required for code scanning
                // to display a result"; [limits] Locations per result: 1,000 (100 are shown).
                let locations = result["locations"] as? [[String: Any]] ?? []
                if locations.isEmpty { fail("\(name): no location") }
                if locations.count > 100 { fail("\(name): \(locations.count) locations; at most 100 are shown") }
                for location in locations {
                    // [support] `location.physicalLocation` is required: a result with only logical
                    // locations is not displayed (the upload rejects it).
                    guard let physical = location["physicalLocation"] as? [String: Any] else {
                        fail("\(name): a location without physicalLocation")
                        continue
                    }
                    let artifact = physical["artifactLocation"] as? [String: Any] ?? [:]
                    // [support] `artifactLocation.uri` is required: relative to the repository root
                    // (or to a `uriBaseId`), or absolute with the source root's scheme.
                    guard let uri = artifact["uri"] as? String, !uri.isEmpty else {
                        fail("\(name): no artifactLocation.uri")
                        continue
                    }
                    if let uriScheme = scheme(uri) {
                        if artifact["uriBaseId"] != nil { fail("\(name): absolute \(uri) with a uriBaseId") }
                        if let rootScheme, uriScheme != rootScheme { fail("\(name): \(uri) has not the source root's scheme") }
                    } else {
                        // SARIF 3.4.4: a relative URI's base id resolves in originalUriBaseIds.
                        if let base = artifact["uriBaseId"] as? String, bases[base] == nil { fail("\(name): base \(base) is not declared") }
                        if uri.hasPrefix("/") { fail("\(name): \(uri) is a path, not a relative URI reference") }
                    }
                    if uri.contains(" ") || uri.contains("\\") { fail("\(name): \(uri) is not percent-encoded") }
                    // [support] `region.startLine`: "The line number of the first character in the region".
                    let region = physical["region"] as? [String: Any]
                    if let line = region?["startLine"] as? Int, line < 1 { fail("\(name): startLine \(line)") }
                    if region?["startLine"] == nil { fail("\(name): no region.startLine") }
                }
            }
        }
        return found
    }

    /// The scheme of an absolute URI (`file`), or `nil` for a relative reference.
    static func scheme(_ uri: String) -> String? {
        guard let colon = uri.firstIndex(of: ":"), colon != uri.startIndex else { return nil }
        let name = uri[..<colon]
        guard name.first!.isLetter, name.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
            !name.contains("/")
        else { return nil }
        return String(name).lowercased()
    }
}

/// SARIF for code scanning (issue 14, item 4): SARIF from a file scan and from a TLS scan of a
/// local server validates against the official schema and against GitHub's upload constraints,
/// every result has a physical location, and fingerprints (and rule ids) are the same across two
/// runs and across a revision of the list.
@Suite("SARIF for code scanning", .serialized)
struct SARIFCodeScanningTests {
    static let asOf = ["--as-of", "2026-11-30"]

    static func log(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    static func run(_ log: [String: Any]) -> [String: Any] { (log["runs"] as? [[String: Any]])?.first ?? [:] }
    static func results(_ log: [String: Any]) -> [[String: Any]] { run(log)["results"] as? [[String: Any]] ?? [] }
    static func rules(_ log: [String: Any]) -> [[String: Any]] {
        ((run(log)["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]] ?? []
    }

    /// Each result's rule and fingerprint, `ruleId fingerprint`.
    static func identities(_ log: [String: Any]) -> [String] {
        results(log).map { result in
            "\(result["ruleId"] as? String ?? "") \((result["partialFingerprints"] as? [String: String])?[SARIFRenderer.fingerprintKey] ?? "")"
        }.sorted()
    }

    static func physical(_ result: [String: Any]) -> [String: Any] {
        ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]) ?? [:]
    }

    static func artifact(_ result: [String: Any]) -> [String: Any] { physical(result)["artifactLocation"] as? [String: Any] ?? [:] }

    /// The log is valid SARIF 2.1.0 and meets every code-scanning constraint.
    static func expectAccepted(_ path: String, _ label: String) throws {
        let validated = try SchemaValidationTests().validate("Tests/Schemas/sarif-2.1.0.json", path)
        #expect(validated.status == 0, "\(label): \(validated.output)")
        let log = try Self.log(path)
        #expect(CodeScanningConstraints.violations(in: log) == [], "\(label)")
        #expect(!results(log).isEmpty, "\(label): no results to check")
        // Rule ids never name a revision of the lists judged by; the revisions are in the rules'
        // properties.
        let revisions = (run(log)["properties"] as? [String: Any])?["lists"] as? [String] ?? []
        #expect(revisions.contains { $0.hasPrefix("LS-0001-") }, "\(label): \(revisions)")
        for rule in rules(log) {
            let id = rule["id"] as? String ?? ""
            #expect(!revisions.contains { id.contains($0) }, "\(label): rule \(id)")
        }
        #expect(rules(log).contains { (($0["properties"] as? [String: Any])?["revisions"] as? [String])?.isEmpty == false })
        // No title reads as a list fact ("… is recommended in …").
        for rule in rules(log) {
            let title = (rule["shortDescription"] as? [String: Any])?["text"] as? String ?? ""
            #expect(!title.contains(" is recommended") && !title.contains(" is on "), "\(label): \(title)")
            let help = (rule["help"] as? [String: Any])?["text"] as? String ?? ""
            #expect(help.contains("How to fix: "), "\(label): \(help)")
        }
    }

    @Test("the constraint checker rejects what code scanning rejects")
    func checkerCanFail() throws {
        let log = try JSONSerialization.jsonObject(
            with: Data(try DemoReport.run(["--format", "sarif", "--sarif-root", "/srv/checkout"]).stdout.utf8))
        #expect(CodeScanningConstraints.violations(in: log) == [])
        var text = try DemoReport.run(["--format", "sarif", "--sarif-root", "/srv/checkout"]).stdout
        // A logical location only, a rule id no rule has, an empty fingerprint, a rule without help.
        text = text.replacingOccurrences(of: "\"physicalLocation\"", with: "\"elsewhere\"")
        text = text.replacingOccurrences(of: "\"ruleId\": \"cryptcheck/not-observed\"", with: "\"ruleId\": \"LS-0001-2022R2/not-observed\"")
        text = text.replacingOccurrences(of: "\"help\"", with: "\"aid\"")
        let broken = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let found = CodeScanningConstraints.violations(in: broken)
        #expect(found.contains { $0.hasSuffix("a location without physicalLocation") })
        #expect(found.contains { $0.contains("ruleId LS-0001-2022R2/not-observed names no rule") })
        #expect(found.contains { $0.hasSuffix("no help.text") })
        // An absolute URI of another scheme than the source root's.
        let other = text.replacingOccurrences(of: "\"elsewhere\"", with: "\"physicalLocation\"")
            .replacingOccurrences(of: "file:///etc/pki/", with: "https://example.test/")
        #expect(
            CodeScanningConstraints.violations(in: try JSONSerialization.jsonObject(with: Data(other.utf8))).contains {
                $0.contains("has not the source root's scheme")
            })
    }

    @Test("a file scan's SARIF: relative percent-encoded URIs under SRCROOT, items in their file, stable fingerprints")
    func fileScan() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A tree with an odd name (a space, '#', '%' and a byte that is not UTF-8) beside the fixtures.
        let tree = directory.appendingPathComponent("tree")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        let certificate = try Data(contentsOf: URL(fileURLWithPath: LocalServer.fixtures + "/certs/rsa1024-sha256.pem"))
        let odd = tree.path + "/a b#1%" + String(decoding: [0x2E], as: UTF8.self)
        try certificate.write(to: URL(fileURLWithPath: odd))
        // A name that is not UTF-8 (byte 0xFF), made with open(2): a URI carries its bytes as %FF.
        let raw = Array(tree.path.utf8) + Array("/x".utf8) + [0xFF] + Array(".pem".utf8) + [0]
        let descriptor = raw.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        try #require(descriptor >= 0)
        let written = certificate.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        #expect(written == certificate.count)
        // A file of several items, one of them (#2) a 1024-bit RSA key.
        let bundle = LocalServer.fixtures + "/ssh/authorized_keys"
        try FileManager.default.copyItem(atPath: bundle, toPath: tree.path + "/authorized_keys")
        var logs: [[String: Any]] = []
        for run in 1...2 {
            let out = directory.appendingPathComponent("scan-\(run).sarif").path
            let result = try CLI.run(
                ["scan", "tree", "--format", "sarif", "-o", out] + Self.asOf, in: directory)
            #expect(result.status == 1 && result.stdout.isEmpty, "\(result.stderr)")
            // With -o, a CI log still shows the outcome and where the log went.
            #expect(result.stderr.contains("not conformant") && result.stderr.contains("sarif written to \(out)"), "\(result.stderr)")
            try Self.expectAccepted(out, "file scan \(run)")
            logs.append(try Self.log(out))
        }
        #expect(Self.identities(logs[0]) == Self.identities(logs[1]))
        let log = logs[0]
        let base = ((Self.run(log)["originalUriBaseIds"] as? [String: Any])?["SRCROOT"] as? [String: Any])?["uri"] as? String
        let resolved = URL(fileURLWithPath: directory.path).resolvingSymlinksInPath().path
        #expect(base == "file://" + directory.path + "/" || base == "file://" + resolved + "/", "\(base ?? "")")
        let uris = Set(Self.results(log).map { Self.artifact($0)["uri"] as? String ?? "" })
        #expect(uris == ["tree/a%20b%231%25.", "tree/x%FF.pem", "tree/authorized_keys"], "\(uris)")
        for result in Self.results(log) {
            #expect(Self.artifact(result)["uriBaseId"] as? String == "SRCROOT")
            #expect((Self.physical(result)["region"] as? [String: Any])?["startLine"] as? Int == 1)
        }
        // An item of a bundle is in its file, the item named by the logical location.
        let names = Self.results(log).compactMap {
            (($0["locations"] as? [[String: Any]])?.first?["logicalLocations"] as? [[String: Any]])?.first?["fullyQualifiedName"] as? String
        }
        #expect(names.contains { $0.hasPrefix("tree/authorized_keys#2/") }, "\(names)")
    }

    @Test("SARIF of files outside SRCROOT: absolute file URIs; --sarif-root makes them relative")
    func sarifRoot() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let certs = LocalServer.fixtures + "/certs"
        let out = directory.appendingPathComponent("abs.sarif").path
        let outside = try CLI.run(["scan", certs, "--format", "sarif", "-o", out, "--sarif-root", directory.path] + Self.asOf)
        #expect(outside.status == 1, "\(outside.stderr)")
        try Self.expectAccepted(out, "outside")
        let absolute = Self.results(try Self.log(out)).map { Self.artifact($0) }
        #expect(absolute.allSatisfy { ($0["uri"] as? String ?? "").hasPrefix("file:///") && $0["uriBaseId"] == nil })
        let inside = try CLI.run(["scan", certs, "--format", "sarif", "-o", out, "--sarif-root", LocalServer.fixtures] + Self.asOf)
        #expect(inside.status == 1, "\(inside.stderr)")
        let relative = Self.results(try Self.log(out)).map { Self.artifact($0) }
        #expect(relative.allSatisfy { ($0["uri"] as? String ?? "").hasPrefix("certs/") && $0["uriBaseId"] as? String == "SRCROOT" })
    }

    @Test("a TLS scan's SARIF: each result at its endpoint's line of the endpoints file, stable across runs and list revisions")
    func tlsScan() throws {
        let server = try LocalServer([
            "-cert", LocalServer.fixtures + "/certs/rsa2048-sha256.pem", "-key", LocalServer.fixtures + "/keys/rsa2048-pkcs1.pem",
            "-tls1_2", "-cipher", "AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256",
        ])
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let endpoint = "127.0.0.1:\(server.port)"
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("ops"), withIntermediateDirectories: true)
        var logs: [[String: Any]] = []
        for run in 1...2 {
            let out = directory.appendingPathComponent("tls-\(run).sarif").path
            let result = try CLI.run(
                [
                    "tls", endpoint, "--format", "sarif", "-o", out, "--sarif-endpoints", "ops/endpoints.txt",
                    "--save-observations", directory.appendingPathComponent("tls-\(run).json").path,
                ] + Self.asOf, in: directory)
            #expect(result.status == 1 && result.stdout.isEmpty, "\(result.stderr)")
            #expect(result.stderr.contains("violations") && result.stderr.contains("written to \(out)"), "\(result.stderr)")
            try Self.expectAccepted(out, "TLS scan \(run)")
            logs.append(try Self.log(out))
        }
        #expect(try String(contentsOfFile: directory.path + "/ops/endpoints.txt", encoding: .utf8) == endpoint + "\n")
        #expect(Self.identities(logs[0]) == Self.identities(logs[1]))
        for result in Self.results(logs[0]) {
            #expect(
                Self.artifact(result)["uri"] as? String == "ops/endpoints.txt" && Self.artifact(result)["uriBaseId"] as? String == "SRCROOT"
            )
            #expect((Self.physical(result)["region"] as? [String: Any])?["startLine"] as? Int == 1)
            let logical = ((result["locations"] as? [[String: Any]])?.first?["logicalLocations"] as? [[String: Any]])?.first
            #expect(logical?["name"] as? String == endpoint)
        }
        // The same observations judged by two revisions of the ciphers list: the same findings
        // keep their rule ids and fingerprints.
        var revised: [[String: Any]] = []
        for list in ["LS-0001-2022R0", "LS-0001-2022R2"] {
            let out = directory.appendingPathComponent("\(list).sarif").path
            let result = try CLI.run(
                ["evaluate", directory.appendingPathComponent("tls-1.json").path, "--list", list, "--format", "sarif", "-o", out]
                    + Self.asOf)
            #expect(result.status == 1, "\(result.stderr)")
            try Self.expectAccepted(out, list)
            let log = try Self.log(out)
            #expect((Self.run(log)["properties"] as? [String: Any])?["lists"] as? [String] != nil)
            revised.append(log)
        }
        let lists = revised.map { (Self.run($0)["properties"] as? [String: Any])?["lists"] as? [String] ?? [] }
        #expect(lists[0] != lists[1], "two revisions were judged by")
        #expect(!Self.identities(revised[0]).isEmpty && Self.identities(revised[0]) == Self.identities(revised[1]))
        // Judged again from the saved observations, by the list the scan used: the same results.
        #expect(Self.identities(revised[1]) == Self.identities(logs[0]))
    }

    @Test("a file scan judged by two list revisions keeps its rule ids and fingerprints")
    func fileRevisions() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var identities: [[String]] = []
        for list in ["LS-0001-2022R0", "LS-0001-2022R2"] {
            let out = directory.appendingPathComponent("\(list).sarif").path
            let result = try CLI.run(
                [
                    "scan", "Fixtures/files/certs", "Fixtures/files/pkcs12", "--password", "changeit", "--list", list, "--format", "sarif",
                    "-o", out,
                ]
                    + Self.asOf)
            #expect(result.status == 1, "\(result.stderr)")
            try Self.expectAccepted(out, list)
            identities.append(Self.identities(try Self.log(out)))
        }
        #expect(!identities[0].isEmpty && identities[0] == identities[1])
    }
}
