import CryptCheckModel
import CryptCheckPolicy
import Foundation
import TestSupport
import Testing

@testable import CryptCheckReport

/// `cryptcheck evaluate --format json|sarif|cbom` writes the report as it judges, from spools (issue
/// 11 item 12): the bytes must be those of the whole `Report`, its data digest included, and the
/// streamed path must be the one taken.
@Suite("Streamed evaluation: the JSON report, SARIF and the CBOM")
struct StreamedReportTests {
    typealias Base = StreamedEvaluationTests

    /// A stand-in for SHA-256 that keeps what it was given: both paths must digest the same bytes.
    final class Recorder: @unchecked Sendable {  // @unchecked: used by one test at a time
        var whole: [UInt8] = []
        var streamed: [UInt8] = []

        static func hex(_ bytes: [UInt8]) -> String {
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
            return String(hash, radix: 16) + "-\(bytes.count)"
        }

        func settings(deadlines: Bool = true) -> StreamedEvaluation.ReportSettings {
            StreamedEvaluation.ReportSettings(inputs: StreamedReportTests.inputs, deadlines: deadlines, sarif: StreamedReportTests.sarif) {
                produce in
                var bytes: [UInt8] = []
                try produce { bytes += $0 }
                self.streamed = bytes
                return Self.hex(bytes)
            }
        }
    }

    /// Where the SARIF logs place results: a fixed root, so the logs do not depend on the directory.
    static let sarif = SARIFLocations(root: "/srv/checkout", endpointsFile: "ops/endpoints.txt")

    static let inputs = ReportInputs(
        tool: ReportTool(version: "test"), generatedAt: Date(timeIntervalSince1970: 86_400),
        system: ReportSystem(name: "system \"A\"", reference: "R-1", evaluator: nil))

    /// A file valid up to its second file: what its first file gave must be taken back.
    static func brokenPartWay() throws -> String {
        let key = FileItem(kind: .privateKey, position: 1, format: "PEM", key: KeyFacts(algorithm: .rsa, bits: 1024))
        let set = ObservationSet(
            tool: "t", observedAt: CLITests.day("2026-10-01"),
            files: [FileObservation(path: "/half/a.pem", items: [key]), FileObservation(path: "/half/b.pem")])
        let text = try JSONRenderer.render(set)
        #expect(text.contains("\"/half/b.pem\""))
        return text.replacingOccurrences(of: "\"/half/b.pem\"", with: "7")
    }

    /// The observation files of a scan of the fixture tree.
    static func fixturesScan(in directory: URL) throws -> String {
        let saved = directory.appendingPathComponent("fixtures-scan.json").path
        let result = try CLI.run([
            "scan", "Fixtures/files", "--password", "changeit", "--save-observations", saved,
            "--as-of", "2026-11-30", "-o", directory.appendingPathComponent("scan.txt").path,
        ])
        #expect([1, 2].contains(result.status), "\(result.stderr)")
        return saved
    }

    /// The inputs compared: the fixtures scan, the TLS and file observations of Fixtures/, and
    /// the multi-file input (with unscanned targets, a file that does not decode, one missing,
    /// one valid only part way).
    func inputSets(in directory: URL) throws -> [[String]] {
        let base = Base()
        let multi = try base.inputs(in: directory) + [try base.write(try Self.brokenPartWay(), "half", in: directory)]
        return [
            [try Self.fixturesScan(in: directory)], ["Fixtures/observations/demo.json"],
            ["Fixtures/observations/files-demo.json"], multi,
        ]
    }

    /// The lists, end of operation and projection each byte-identity test is run under.
    static let policyCases: [([String], String?, Bool)] = [
        ([String](), nil, false), (["LS-0001-2012R0", "LS-0001-2022"], "2035", true), (["LS-0001-2022"], "2045", true),
    ]

    /// The policies of one case, and their projection to 2052 when it projects.
    static func policies(_ lists: [String], operationEnd: String?, projecting: Bool) throws -> (
        policies: [Policy], projection: [Policy]?
    ) {
        let policies = try Base.policies(lists, asOf: "2026-11-30", operationEnd: operationEnd)
        return (policies, projecting ? policies.map { $0.operating(until: OperationEnd.parse("2052")) } : nil)
    }

    @Test(
        "the JSON report, SARIF and the CBOM written as judged are the bytes of the whole report",
        arguments: policyCases)
    func sameBytes(_ lists: [String], operationEnd: String?, projecting: Bool) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (policies, projection) = try Self.policies(lists, operationEnd: operationEnd, projecting: projecting)
        var formats = 0
        let sets = try inputSets(in: directory)
        for paths in sets {
            for deadlines in [true, false] {
                let recorder = Recorder()
                let report = ReportBuilder.build(
                    observations: Base.wholeMerge(paths), policies: policies, projection: projection,
                    deadlines: deadlines, inputs: Self.inputs
                ) { bytes in
                    recorder.whole = bytes
                    return Recorder.hex(bytes)
                }
                #expect(report.dataDigest != nil)
                for (format, expected) in [
                    (StreamedEvaluation.Format.json, try JSONRenderer.render(report)),
                    (.sarif, SARIFRenderer.render(report, locations: Self.sarif)), (.cbom, CBOMRenderer.render(report)),
                ] {
                    let streamed = try StreamedEvaluation(
                        paths: paths, policies: policies, projection: projection, format: format,
                        report: recorder.settings(deadlines: deadlines))
                    #expect(streamed.streamedReport)
                    var bytes: [UInt8] = []
                    try streamed.write { bytes += $0 }
                    #expect(!bytes.contains(0))
                    #expect(
                        String(decoding: bytes, as: UTF8.self) == expected, "\(format) \(paths.map { ($0 as NSString).lastPathComponent })")
                    #expect(recorder.streamed == recorder.whole, "the digested bytes")
                    #expect(streamed.summary == report.summary && streamed.verdict == report.verdict)
                    formats += 1
                }
                // The report read back is the whole report, and its digest verifies.
                let streamed = try StreamedEvaluation(
                    paths: paths, policies: policies, projection: projection, format: .json,
                    report: recorder.settings(deadlines: deadlines))
                var bytes: [UInt8] = []
                try streamed.write { bytes += $0 }
                #expect(ReportVerifier.verify(bytes, version: "test", digest: Recorder.hex) == .verified(digest: report.dataDigest!))
            }
        }
        #expect(formats == 24)
        // What the inputs hold, so the comparison covers it.
        let multi = try #require(sets.last)
        let whole = ReportBuilder.build(
            observations: Base.wholeMerge(multi), policies: policies, projection: projection,
            inputs: Self.inputs, digest: nil)
        #expect(!whole.unscanned.isEmpty && !whole.evidence.endpoints.isEmpty && !whole.evidence.files.isEmpty)
        #expect(!whole.evidence.certificates.isEmpty && !whole.ruleDifferences.isEmpty && !whole.profiles.isEmpty)
        #expect(!whole.evidence.files.contains { $0.path == "/half/a.pem" })
        if projecting { #expect(whole.transition?.changes.isEmpty == false) }
        #expect(SARIFRenderer.render(whole, locations: Self.sarif).contains("\"ruleId\": \"cryptcheck/not-observed\""))
        // Certificates are the CBOM components written last, in place of their markers.
        #expect(CBOMRenderer.render(whole).contains("\"bom-ref\": \"crypto/certificate/"))
    }

    @Test("a subject met twice, or a result that may be about a file, is left to the whole report")
    func fallBack() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let policies = try Base.policies([], asOf: "2026-11-30")
        let mixed = try Base().write(try JSONRenderer.render(CLITests.mixed), "mixed", in: directory)
        for format in [StreamedEvaluation.Format.json, .sarif, .cbom] {
            #expect(throws: StreamedEvaluation.RepeatedSubject.self) {
                try StreamedEvaluation(
                    paths: [mixed, mixed], policies: policies, projection: nil, format: format, report: Recorder().settings())
            }
        }
        // A target not scanned named as an item of a file (`path#7`): SARIF places the target's
        // result in that file, which the streamed log cannot know when it writes it.
        let items = [
            FileItem(kind: .privateKey, position: 1, format: "PEM", key: KeyFacts(algorithm: .rsa, bits: 2048)),
            FileItem(kind: .privateKey, position: 2, format: "PEM", key: KeyFacts(algorithm: .rsa, bits: 1024)),
        ]
        let set = ObservationSet(
            tool: "t", observedAt: CLITests.day("2026-10-01"), files: [FileObservation(path: "/srv/two.pem", items: items)],
            unscanned: [UnscannedTarget(target: "/srv/two.pem#7", reason: "permission denied")])
        let path = try Base().write(try JSONRenderer.render(set), "target-as-file", in: directory)
        #expect(throws: StreamedEvaluation.NotStreamable.self) {
            try StreamedEvaluation(paths: [path], policies: policies, projection: nil, format: .sarif, report: Recorder().settings())
        }
        let json = try StreamedEvaluation(paths: [path], policies: policies, projection: nil, format: .json, report: Recorder().settings())
        #expect(json.streamedReport)
        // Text and CSV never make the report.
        #expect(!(try StreamedEvaluation(paths: [path], policies: policies, projection: nil, format: .csv)).streamedReport)
    }

    @Test("a warning is printed once when the streamed evaluation falls back to the whole report")
    func warningOnceOnFallback() throws {
        // The same file twice: each subject is met twice, so the streamed path gives way.
        let demo = "Fixtures/observations/demo.json"
        let result = try CLI.run([
            "evaluate", demo, demo, "--format", "json", "--as-of", "2026-11-30", "--operation-end", "2035",
            "--projection", "2030-01-01",
        ])
        #expect(result.stderr.components(separatedBy: "--projection 2030-01-01 is not after").count == 2, "\(result.stderr)")
    }

    @Test("evaluate writes the JSON report streamed, which report verify accepts, and falls back to the whole report")
    func commandLine() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scan = try Self.fixturesScan(in: directory)
        let options = [
            "--as-of", "2026-11-30", "--generated-at", "2026-11-30T09:00:00Z", "--operation-end", "2040", "--projection", "2052-01-01",
        ]
        for (files, format) in [
            ([scan], "json"), ([scan], "sarif"), ([scan], "cbom"), ([scan, scan], "json"),
            ([scan, "Fixtures/observations/demo.json"], "sarif"), (["Fixtures/observations/demo.json", scan], "cbom"),
        ] {
            let output = directory.appendingPathComponent("evaluated.\(format)").path
            let evaluated = try CLI.run(["evaluate"] + files + options + ["--format", format, "-o", output])
            let reported = try CLI.run(["report"] + files + options + ["--format", format])
            #expect(try String(contentsOfFile: output, encoding: .utf8) == reported.stdout, "\(format) \(files.count)")
            #expect(evaluated.status == reported.status, "\(format)")
            if format == "json" {
                let verified = try CLI.run(["report", "verify", output])
                #expect(verified.status == 0, "\(verified.stdout) \(verified.stderr)")
            }
        }
    }

    @Test("pretty JSON made compact piece by piece is the compact encoding", arguments: [1, 3, 17, 4096])
    func compacting(_ blockSize: Int) throws {
        let report = ReportBuilder.build(
            observations: CLITests.mixed, policies: try Base.policies([], asOf: "2026-11-30"), projection: nil,
            inputs: Self.inputs, digest: { _ in "x" })
        var withEscapes = report
        withEscapes.system.name = "a \" : [\n\t\\\" ] }"
        for value in [report, withEscapes] {
            let pretty = try JSONRenderer.bytes(value, pretty: true)
            var filter = CompactingFilter()
            var compact: [UInt8] = []
            for start in stride(from: 0, to: pretty.count, by: blockSize) {
                compact += filter.filter(Array(pretty[start..<min(start + blockSize, pretty.count)]))
            }
            #expect(compact == (try JSONRenderer.bytes(value, pretty: false)))
        }
    }

    @Test("a spool taken back and drained twice gives what was kept")
    func spoolRewind() throws {
        let spool = ByteSpool(limit: 8)
        spool.append(Array("0123456789".utf8))
        let mark = spool.count
        spool.append(Array("abcdefghijklmnop".utf8))
        spool.append(Array("q".utf8))
        spool.rewind(to: mark)
        spool.append(Array("xy".utf8))
        let small = ByteSpool(limit: 64)
        small.append(Array("abc".utf8))
        small.rewind(to: 1)
        for _ in 0..<2 {
            var bytes: [UInt8] = []
            try spool.drain { bytes += $0 }
            #expect(String(decoding: bytes, as: UTF8.self) == "0123456789xy")
            var kept: [UInt8] = []
            try small.drain { kept += $0 }
            #expect(kept == Array("a".utf8))
        }
    }
}
