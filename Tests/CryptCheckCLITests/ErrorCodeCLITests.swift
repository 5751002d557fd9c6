import CryptCheckModel
import CryptCheckReport
import Foundation
import TestSupport
import Testing

/// The error codes in the machine outputs: the scan JSON and saved observations carry each
/// file error's code, SARIF names an unscanned target's, and observations saved before codes
/// were recorded are judged as before, with output that still validates.
@Suite("Error codes in the outputs", .serialized)
struct ErrorCodeCLITests {
    /// Every JSON object in `value` that has all of `keys`, depth first.
    static func objects(in value: Any, with keys: Set<String>) -> [[String: Any]] {
        if let object = value as? [String: Any] {
            let here = keys.isSubset(of: Set(object.keys)) ? [object] : []
            return here + object.values.flatMap { objects(in: $0, with: keys) }
        }
        if let array = value as? [Any] { return array.flatMap { objects(in: $0, with: keys) } }
        return []
    }

    static func json(_ path: String) throws -> Any {
        try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The broken fixtures and the code of the one error each gives (as in MANIFEST.tsv).
    static let broken = [
        "truncated.pem": "pem.no-end-line", "bad-base64.pem": "pem.bad-base64", "garbage.der": "der.truncated",
        "empty.crt": "file.empty",
    ]

    @Test func theScanJSONAndTheSavedObservationsCarryEachErrorsCode() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("scan.json").path
        let saved = directory.appendingPathComponent("observations.json").path
        let result = try CLI.run([
            "scan", "Fixtures/files/broken", "--format", "json", "-o", output, "--save-observations", saved, "--as-of", "2026-11-30",
        ])
        #expect(result.status == 2, "\(result.stderr)")
        for path in [output, saved] {
            let files = Self.objects(in: try Self.json(path), with: ["path", "errors"])
            for (name, code) in Self.broken {
                let file = try #require(files.first { ($0["path"] as? String)?.hasSuffix("/" + name) == true }, "\(path): \(name)")
                #expect(file["errorCodes"] as? [String] == [code], "\(path): \(name): \(file)")
                #expect((file["errors"] as? [String])?.count == 1)
            }
        }
        // The indeterminate finding each error gives carries its code too.
        let findings = Self.objects(in: try Self.json(output), with: ["subject", "verdict", "component"])
        for (name, code) in Self.broken {
            let finding = findings.first {
                ($0["subject"] as? String)?.hasSuffix("/" + name) == true && $0["component"] as? String == "file"
            }
            #expect(finding?["errorCode"] as? String == code, "\(name): \(String(describing: finding))")
        }
        #expect(try SchemaValidationTests().validate("Schemas/cryptcheck-scan-2.schema.json", output).status == 0)
    }

    @Test func unscannedPathsCarryTheirCode() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("scan.json").path
        let result = try CLI.run(["scan", directory.appendingPathComponent("nope").path, "--format", "json", "-o", output])
        #expect(result.status == 2, "\(result.stderr)")
        let unscanned = Self.objects(in: try Self.json(output), with: ["target", "reason"])
        #expect(unscanned.map { $0["code"] as? String } == ["file.cannot-stat"], "\(unscanned)")
        // The message names the path, for a person.
        #expect(result.stderr.contains("nope: cannot stat: No such file or directory"))
        #expect(try SchemaValidationTests().validate("Schemas/cryptcheck-scan-2.schema.json", output).status == 0)
    }

    @Test func sarifNamesAnUnscannedTargetsCode() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.json").path
        let observations = ObservationSet(
            tool: "test", observedAt: Date(timeIntervalSince1970: 1_795_000_000),
            unscanned: [
                UnscannedTarget(target: "/srv/a.key", reason: "cannot open: Permission denied", code: .fileCannotOpen),
                UnscannedTarget(target: "/srv/b.key", reason: "saved before codes"),
            ])
        try JSONRenderer.render(observations).write(toFile: input, atomically: true, encoding: .utf8)
        let sarif = directory.appendingPathComponent("out.sarif").path
        let result = try CLI.run(["evaluate", input, "--format", "sarif", "-o", sarif, "--as-of", "2026-11-30"])
        #expect(result.status == 2, "\(result.stderr)")
        let invocations = Self.objects(in: try Self.json(sarif), with: ["toolExecutionNotifications"])
        let notifications = try #require(invocations.first?["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notifications.count == 2)
        #expect(notifications.map { ($0["descriptor"] as? [String: Any])?["id"] as? String } == ["file.cannot-open", nil])
        let results = Self.objects(in: try Self.json(sarif), with: ["ruleId", "properties"])
        #expect(
            Set(results.map { ($0["properties"] as? [String: Any])?["errorCode"] as? String }) == ["file.cannot-open", nil],
            "\(results)")
        #expect(try SchemaValidationTests().validate("Tests/Schemas/sarif-2.1.0.json", sarif).status == 0)
        // The JSON report shows the code beside the reason.
        let report = directory.appendingPathComponent("report.json").path
        _ = try CLI.run(["evaluate", input, "--format", "json", "-o", report, "--as-of", "2026-11-30"])
        let targets = Self.objects(in: try Self.json(report), with: ["target", "reason"])
        #expect(targets.map { $0["code"] as? String } == ["file.cannot-open", nil])
        let findings = Self.objects(in: try Self.json(report), with: ["subject", "verdict", "component"])
        #expect(findings.filter { $0["errorCode"] as? String == "file.cannot-open" }.map { $0["subject"] as? String } == ["/srv/a.key"])
        #expect(try SchemaValidationTests().validate("Schemas/cryptcheck-report-2.schema.json", report).status == 0)
    }

    /// `Fixtures/observations/before-codes-*.json` were written by cryptcheck before codes were
    /// recorded: they are judged, the report validates, and no code is made up for them.
    @Test func observationsSavedBeforeCodesAreJudgedWithoutCodes() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = directory.appendingPathComponent("report.json").path
        let result = try CLI.run([
            "evaluate", "Fixtures/observations/before-codes-tls.json", "Fixtures/observations/before-codes-files.json", "--format",
            "json", "-o", report, "--as-of", "2026-11-30",
        ])
        #expect(result.status == 2, "\(result.stderr)")
        let document = try Self.json(report)
        #expect(!Self.objects(in: document, with: ["target", "reason"]).isEmpty)
        #expect(!Self.objects(in: document, with: ["version", "status", "reason"]).isEmpty)
        #expect(!Self.objects(in: document, with: ["path", "errors"]).isEmpty)
        #expect(Self.objects(in: document, with: ["code"]).filter { $0["code"] is String && $0["name"] == nil }.isEmpty)
        #expect(Self.objects(in: document, with: ["errorCodes"]).isEmpty)
        #expect(try SchemaValidationTests().validate("Schemas/cryptcheck-report-2.schema.json", report).status == 0)
    }

    /// The same scan now writes what the version before codes wrote, plus the codes: the
    /// change to the observation format is additive only.
    @Test func theObservationFormatOnlyGainedCodes() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let saved = directory.appendingPathComponent("observations.json").path
        let result = try CLI.run([
            "scan", "Fixtures/files/broken", "Fixtures/files/no-such-dir", "--save-observations", saved, "--as-of", "2026-11-30",
        ])
        #expect(result.status == 2, "\(result.stderr)")
        func stripped(_ value: Any) -> Any {
            if let object = value as? [String: Any] {
                return object.filter { !["code", "errorCodes", "observedAt", "tool"].contains($0.key) }.mapValues(stripped)
            }
            if let array = value as? [Any] { return array.map(stripped) }
            return value
        }
        let now = try Self.json(saved), before = try Self.json("Fixtures/observations/before-codes-files.json")
        #expect(!Self.objects(in: now, with: ["errorCodes"]).isEmpty && !Self.objects(in: now, with: ["code"]).isEmpty)
        let current = try #require(stripped(now) as? [String: Any]), earlier = try #require(stripped(before) as? [String: Any])
        #expect(!(earlier["files"] as? [Any] ?? []).isEmpty)
        #expect(NSDictionary(dictionary: current).isEqual(to: earlier))
    }
}
