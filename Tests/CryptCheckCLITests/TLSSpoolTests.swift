import Foundation
import TestSupport
import Testing

/// `tls` writes each endpoint to a temporary observation file as it finishes and judges that
/// file at the end as `evaluate` does, so memory does not grow with the fleet: every format must
/// still give exactly what the whole report gives (the same bytes `evaluate --output F=PATH`,
/// which builds the whole report, writes for the saved observations), the scratch file must
/// never outlive the run, and an endpoint named twice must still be reported.
@Suite("TLS endpoints spooled, not held", .serialized)
struct TLSSpoolTests {
    static func server(_ ciphers: String) throws -> LocalServer { try StoreCLITests.server(ciphers: ciphers) }

    /// Runs cryptcheck with its temporary directory set to `scratch`.
    static func run(_ arguments: [String], scratch: URL) throws -> CLI.Result {
        try CLI.run(arguments, via: ["/usr/bin/env", "TMPDIR=\(scratch.path)"])
    }

    @Test func everyFormatEqualsTheWholeReportAndNoScratchFileRemains() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scratch = directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let modern = try Self.server("ECDHE-RSA-AES128-GCM-SHA256")
        let legacy = try Self.server("ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA")
        let closed = try LocalServer.freePort()
        let targets = directory.appendingPathComponent("targets.txt")
        try """
        # three endpoints, one with nothing listening, and a line that is not a target
        127.0.0.1:\(modern.port)
        127.0.0.1:\(legacy.port)
        127.0.0.1:\(closed)
        not a target:x:y
        """.write(to: targets, atomically: true, encoding: .utf8)
        let fixed = ["--as-of", "2026-11-30", "--generated-at", "2026-11-30T09:00:00Z", "--retries", "0"]
        let saved = directory.appendingPathComponent("saved.json").path
        for format in ["text", "json", "csv", "sarif", "cbom", "html"] {
            let out = directory.appendingPathComponent("tls.\(format)").path
            let scan = try Self.run(
                ["-f", targets.path, "--format", format, "-o", out, "--save-observations", saved] + fixed, scratch: scratch)
            // The endpoint with nothing listening and the bad line are indeterminate; RSA key transport is a violation.
            #expect(scan.status == 1, "\(format): \(scan.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty, "\(format): a scratch file remains")
            let whole = directory.appendingPathComponent("whole.\(format)").path
            let evaluated = try CLI.run(["evaluate", saved, "--output", "\(format)=\(whole)"] + fixed.dropLast(2))
            #expect(evaluated.status == 1, "\(format): \(evaluated.stderr)")
            let streamed = try String(contentsOfFile: out, encoding: .utf8)
            let expected = try String(contentsOfFile: whole, encoding: .utf8)
            #expect(!streamed.isEmpty)
            #expect(streamed == expected, "\(format): the spooled scan differs from the whole report")
        }
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: saved))) as? [String: Any]
        #expect((document?["endpoints"] as? [Any])?.count == 3)
        #expect((document?["unscanned"] as? [Any])?.count == 1)
        #expect((document?["tool"] as? String)?.hasPrefix("cryptcheck ") == true)
    }

    @Test func textOnStandardOutputClosesWithTheWholeRunsCountsAndAnEndpointNamedTwiceIsKept() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let legacy = try Self.server("ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA")
        let endpoint = "127.0.0.1:\(legacy.port)"
        let fixed = ["--as-of", "2026-11-30", "--retries", "0"]
        let saved = directory.appendingPathComponent("saved.json").path
        for targets in [[endpoint], [endpoint, endpoint]] {
            let scan = try Self.run(targets + ["--save-observations", saved] + fixed, scratch: directory)
            #expect(scan.status == 1, "\(scan.stderr)")
            let evaluated = try CLI.run(["evaluate", saved] + fixed.dropLast(2))
            // The text written endpoint by endpoint ends as the whole report's text does.
            let closing = { (text: String) in text.components(separatedBy: "\n").suffix(8).joined(separator: "\n") }
            #expect(closing(scan.stdout) == closing(evaluated.stdout), "\(scan.stdout)\n---\n\(evaluated.stdout)")
            #expect(scan.stdout.components(separatedBy: "TLS_RSA_WITH_AES_128_CBC_SHA").count > targets.count)
            let quiet = try Self.run(targets + ["--quiet"] + fixed, scratch: directory)
            #expect(quiet.status == 1)
            #expect(quiet.stdout.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 1, "\(quiet.stdout)")
            #expect(
                !(try FileManager.default.contentsOfDirectory(atPath: directory.path).contains { $0.hasPrefix("cryptcheck-endpoints") }))
        }
    }
}
