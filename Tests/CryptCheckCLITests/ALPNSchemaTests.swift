import Foundation
import TestSupport
import Testing

/// The ALPN candidates offered alone reach the JSON report's evidence as data (accepted, not
/// accepted, failed with codes, the combined offer's pick), valid against the report schema;
/// a copy with a value the schema constrains broken is not.
@Suite("ALPN enumeration in the report validates against the schema", .serialized)
struct ALPNSchemaTests {
    @Test func theEnumerationIsInTheEvidenceAndValid() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var saved = try DemoReport.tlsObservations()
        var endpoints = try #require(saved["endpoints"] as? [[String: Any]])
        let enumeration: [String: Any] = [
            "version": "TLSv1.2", "method": "raw-hello", "accepted": ["h2"], "notAccepted": ["http/1.0"],
            "failed": [["protocol": "http/1.1", "reason": "the server closed the connection", "code": "probe.silent-close"]],
            "combinedOffer": ["h2", "http/1.1"], "combinedSelected": "h2",
        ]
        let features = (endpoints[0]["features"] as? [[String: Any]] ?? []).filter { $0["feature"] as? String != "alpn" }
        endpoints[0]["features"] = features + [["feature": "alpn", "status": "yes", "alpn": enumeration]]
        saved["endpoints"] = endpoints
        let input = directory.appendingPathComponent("observations.json")
        try JSONSerialization.data(withJSONObject: saved).write(to: input)
        let json = directory.appendingPathComponent("report.json").path
        let result = try CLI.run(["report", input.path] + DemoReport.fixed + ["--format", "json", "-o", json])
        #expect(result.status == 1, "\(result.stderr)")
        let report = try String(contentsOfFile: json, encoding: .utf8)
        #expect(report.contains("\"notAccepted\"") && report.contains("\"combinedSelected\""), "\(report.prefix(2000))")
        // The candidate that failed makes ALPN indeterminate, with the failure's code.
        #expect(report.contains("the ALPN protocols accepted are not known: http/1.1: the server closed the connection"))
        let valid = try SchemaValidationTests().validate("Schemas/cryptcheck-report-2.schema.json", json)
        #expect(valid.status == 0, "\(valid.output)")
        let broken = directory.appendingPathComponent("broken.json").path
        try report.replacingOccurrences(of: "\"raw-hello\"", with: "\"guessed\"").write(toFile: broken, atomically: true, encoding: .utf8)
        #expect(try SchemaValidationTests().validate("Schemas/cryptcheck-report-2.schema.json", broken).status == 1)
    }
}
