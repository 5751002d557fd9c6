import CryptCheckModel
import CryptCheckPolicy
import Foundation
import TestSupport
import Testing

@testable import CryptCheckReport

/// `cryptcheck evaluate` reads observation files one element at a time and writes text and CSV
/// as it judges (issue 11 item 12). What it reads must be what decoding the whole file reads,
/// errors included, and what it writes must be the bytes the whole report renders to.
@Suite("Streamed evaluation of observation files")
struct StreamedEvaluationTests {
    /// The merge as it was before streaming: every file decoded whole.
    static func wholeMerge(_ paths: [String]) -> ObservationSet {
        var merged = ObservationSet(tool: "cryptcheck", observedAt: .distantFuture)
        for path in paths {
            do {
                guard let data = FileManager.default.contents(atPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
                let set = try ObservationLoader.decode(data)
                merged.endpoints += set.endpoints
                merged.files += set.files
                merged.unscanned += set.unscanned
                merged.observedAt = min(merged.observedAt, set.observedAt)
                merged.tool = set.tool
            } catch {
                merged.unscanned.append(
                    UnscannedTarget(target: path, reason: ObservationLoader.describe(error), code: ObservationLoader.code(of: error)))
            }
        }
        if merged.observedAt == .distantFuture { merged.observedAt = Date(timeIntervalSince1970: 0) }
        return merged
    }

    static let seeds = FuzzInputs.seeds("FuzzObservations")

    /// An endpoint that never completed a handshake, a file judged by several items, a target
    /// not scanned: the parts of the text report a single fixture does not have.
    static let assorted = ObservationSet(
        tool: "assorted", observedAt: CLITests.day("2026-10-01"),
        endpoints: [
            TLSEndpointObservation(host: "192.0.2.7", port: 443, outcome: TLSEndpointOutcome(kind: .refused, detail: "connection refused"))
        ],
        files: [
            FileObservation(
                path: "/srv/bundle.pem",
                items: [
                    FileItem(kind: .privateKey, position: 1, format: "PEM", key: KeyFacts(algorithm: .rsa, bits: 2048)),
                    FileItem(kind: .privateKey, position: 2, format: "PEM", key: KeyFacts(algorithm: .ec, bits: 256, curve: "prime256v1")),
                ])
        ],
        unscanned: [UnscannedTarget(target: "/srv/secret", reason: "permission denied")])

    /// Hostile or odd files: each must give what whole decoding gives (the same error text).
    static let hostile: [(String, String)] = [
        ("empty", ""), ("open", "{"), ("array", "[]"), ("empty object", "{}"),
        (
            "trailing garbage",
            #"{"schema":"cryptcheck-observations/1","tool":"t","observedAt":"2026-11-30T09:00:00Z","endpoints":[],"files":[],"unscanned":[]} x"#
        ),
        (
            "repeated member",
            #"{"schema":"cryptcheck-observations/1","schema":"cryptcheck-observations/1","tool":"t","observedAt":"2026-11-30T09:00:00Z","endpoints":[],"files":[],"unscanned":[]}"#
        ),
        (
            "unknown member",
            #"{"extra":{"a":[1,2]},"schema":"cryptcheck-observations/1","tool":"t","observedAt":"2026-11-30T09:00:00Z","endpoints":[],"files":[{"path":"/a","items":[],"errors":[]}],"unscanned":[]}"#
        ),
        (
            "missing member",
            #"{"schema":"cryptcheck-observations/1","tool":"t","observedAt":"2026-11-30T09:00:00Z","endpoints":[],"unscanned":[]}"#
        ),
        (
            "old schema name",
            #"{"schema":"cryptcheck-observations/0","tool":"t","observedAt":"2026-11-30T09:00:00Z","endpoints":[],"files":[],"unscanned":[]}"#
        ),
        (
            "bad element",
            #"{"schema":"cryptcheck-observations/1","tool":"t","observedAt":"2026-11-30T09:00:00Z","endpoints":[],"files":[{"path":"/a","items":[],"errors":[]},{"path":7}],"unscanned":[]}"#
        ),
        (
            "scalar element",
            #"{"schema":"cryptcheck-observations/1","tool":"t","observedAt":"2026-11-30T09:00:00Z","endpoints":[],"files":[1],"unscanned":[]}"#
        ),
        (
            "trailing comma",
            #"{"schema":"cryptcheck-observations/1","tool":"t","observedAt":"2026-11-30T09:00:00Z","endpoints":[],"files":[{"path":"/a","items":[],"errors":[]},],"unscanned":[]}"#
        ),
        (
            "bad time",
            #"{"schema":"cryptcheck-observations/1","tool":"t","observedAt":"yesterday","endpoints":[],"files":[],"unscanned":[]}"#
        ),
        ("number time", #"{"schema":"cryptcheck-observations/1","tool":"t","observedAt":12,"endpoints":[],"files":[],"unscanned":[]}"#),
        (
            "deep element",
            #"{"schema":"cryptcheck-observations/1","tool":"t","observedAt":"2026-11-30T09:00:00Z","endpoints":[],"files":["#
                + String(repeating: "[", count: 100_000)
        ),
        ("deep member", #"{"unscanned":"# + String(repeating: "{\"a\":", count: 50_000)),
        (
            "escaped member name",
            #"{"sch\u0065ma":"cryptcheck-observations/1","tool":"t","observedAt":"2026-11-30T09:00:00Z","endpoints":[],"files":[],"unscanned":[]}"#
        ),
        (
            "brackets in strings",
            #"{"schema":"cryptcheck-observations/1","tool":"t]}","observedAt":"2026-11-30T09:00:00Z","endpoints":[],"files":[{"path":"/a\"]}{[","items":[],"errors":["}\\"]}],"unscanned":[]}"#
        ),
        (
            "invalid UTF-8",
            "{\"schema\":\"cryptcheck-observations/1\",\"tool\":\"\u{FFFD}\",\"observedAt\":\"2026-11-30T09:00:00Z\",\"endpoints\":[],\"files\":[],\"unscanned\":[]}"
        ),
    ]

    func write(_ text: String, _ name: String, in directory: URL) throws -> String {
        var bytes = Array(text.utf8)
        if name == "invalid UTF-8" { bytes = bytes.map { $0 == 0xEF ? 0xC3 : $0 } }
        let url = directory.appendingPathComponent(name.replacingOccurrences(of: " ", with: "-") + ".json")
        try Data(bytes).write(to: url)
        return url.path
    }

    /// The multi-file input: two real observation documents, two made here, one that does not
    /// decode and one that is missing; no subject is met twice.
    func inputs(in directory: URL) throws -> [String] {
        var paths: [String] = []
        for seed in Self.seeds where !seed.name.contains("compact") {
            paths.append(try write(String(decoding: seed.bytes, as: UTF8.self), seed.name, in: directory))
        }
        paths.append(try write(try JSONRenderer.render(CLITests.clean), "clean", in: directory))
        paths.append(try write("{\"schema\": 3}", "broken", in: directory))
        paths.append(try write(try JSONRenderer.render(Self.assorted), "assorted", in: directory))
        paths.append(directory.appendingPathComponent("missing.json").path)
        return paths
    }

    static func policies(_ lists: [String], asOf: String, operationEnd: String? = nil) throws -> [Policy] {
        var catalog = try ListCatalog.builtIn()
        let selected = try PolicySelection.resolve(lists, into: &catalog, asOf: CLITests.day(asOf))
        return try PolicySelection.policies(selected: selected, catalog: catalog, asOf: CLITests.day(asOf))
            .map { $0.operating(until: operationEnd.flatMap(OperationEnd.parse)) }
    }

    @Test("the reader hands out what whole decoding reads, in blocks of any size", arguments: [1, 2, 7, 64, 4096, 1 << 20])
    func blocks(_ blockSize: Int) throws {
        #expect(Self.seeds.count >= 2)
        for seed in Self.seeds {
            var endpoints: [TLSEndpointObservation] = []
            var files: [FileObservation] = []
            var streamed = try ObservationReader.read(seed.bytes, blockSize: blockSize) { element in
                switch element {
                case .endpoint(let endpoint): endpoints.append(endpoint)
                case .file(let file): files.append(file)
                }
            }
            streamed.endpoints = endpoints
            streamed.files = files
            #expect(streamed == (try ObservationLoader.decode(Data(seed.bytes))), "\(seed.name)")
        }
    }

    @Test("hostile and odd files load, or fail with the same message, as when decoded whole")
    func hostileFiles() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in Self.hostile {
            let path = try write(text, name, in: directory)
            let merged = ObservationLoader.merge([path])
            #expect(merged == Self.wholeMerge([path]), "\(name): \(merged.unscanned)")
            #expect(throws: Never.self) { try ObservationFuzzEntry.read(Array(text.utf8)) }
        }
        // Nothing is left half-read: a valid file after a broken one is read whole.
        let broken = try write(
            #"{"schema":"cryptcheck-observations/1","tool":"t","observedAt":"2026-11-30T09:00:00Z","endpoints":[],"files":[{"path":"/a","items":[],"errors":[]},{"path":7}],"unscanned":[]}"#,
            "broken", in: directory)
        let good = try write(try JSONRenderer.render(CLITests.clean), "good", in: directory)
        let merged = ObservationLoader.merge([broken, good])
        #expect(merged.files == CLITests.clean.files)
        #expect(
            merged.unscanned.map(\.reason) == [
                "not a valid observation file: Expected to decode String but found number instead. at .files[1].path"
            ])
    }

    @Test("several files merge as when each is decoded whole")
    func merging() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = try inputs(in: directory)
        let merged = ObservationLoader.merge(paths)
        #expect(merged == Self.wholeMerge(paths))
        #expect(!merged.endpoints.isEmpty && !merged.files.isEmpty)
        #expect(
            ["broken.json", "missing.json", "/srv/secret"].allSatisfy { name in merged.unscanned.contains { $0.target.hasSuffix(name) } })
    }

    @Test(
        "text and CSV written as judged are the bytes of the whole report",
        arguments: [([String](), nil), (["LS-0001-2012R0", "LS-0001-2022"], "2035"), (["LS-0001-2022"], "2045")])
    func sameBytes(_ lists: [String], operationEnd: String?) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = try inputs(in: directory)
        let policies = try Self.policies(lists, asOf: "2026-11-30", operationEnd: operationEnd)
        // A system running on to 2052: 112- and 128-bit standings change.
        let projection = policies.map { $0.operating(until: OperationEnd.parse("2052")) }
        let inputs = ReportInputs(tool: ReportTool(version: "test"), generatedAt: Date(timeIntervalSince1970: 0))
        let report = ReportBuilder.build(
            observations: Self.wholeMerge(paths), policies: policies, projection: projection,
            inputs: inputs, digest: nil)
        #expect(report.transition?.changes.isEmpty == false)
        // The tail the text ends with: deadlines inside the period, suites the rules judge differently.
        if operationEnd != nil { #expect(!report.deadlines.isEmpty) }
        #expect(!report.ruleDifferences.isEmpty)
        #expect(report.evidence.endpoints.contains { $0.outcome?.isHandshake == false })
        let whole: [(StreamedEvaluation.Format, Bool, String)] = [
            (.text, false, EvaluationTextRenderer.render(report)),
            (.text, true, TerminalColour.apply(EvaluationTextRenderer.render(report))),
            (.csv, false, CSVRenderer.render(report)), (.csv, true, CSVRenderer.render(report)),
        ]
        for (format, colour, expected) in whole {
            let streamed = try StreamedEvaluation(paths: paths, policies: policies, projection: projection, format: format, colour: colour)
            var bytes: [UInt8] = []
            try streamed.write { bytes += $0 }
            #expect(String(decoding: bytes, as: UTF8.self) == expected, "\(format) colour \(colour)")
            #expect(streamed.summary == report.summary)
            if format == .text { #expect(streamed.verdict == report.verdict) }
            #expect(streamed.observations.unscanned == report.unscanned)
        }
    }

    @Test("a subject met twice is left to the whole report")
    func repeatedSubject() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try write(try JSONRenderer.render(CLITests.mixed), "mixed", in: directory)
        let policies = try Self.policies([], asOf: "2026-11-30")
        #expect(throws: StreamedEvaluation.RepeatedSubject.self) {
            try StreamedEvaluation(paths: [path, path], policies: policies, projection: nil, format: .text)
        }
        // CSV rows do not group by subject: streamed either way.
        #expect(throws: Never.self) { try StreamedEvaluation(paths: [path, path], policies: policies, projection: nil, format: .csv) }
    }

    @Test("evaluate writes what report writes from the same files, in every streamed and whole format")
    func commandLine() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = try inputs(in: directory)
        let mixed = try write(try JSONRenderer.render(CLITests.mixed), "mixed", in: directory)
        for files in [paths, [mixed, mixed]] {
            for format in ["text", "csv", "json", "sarif"] {
                let options = ["--format", format, "--as-of", "2026-11-30", "--generated-at", "2026-11-30T09:00:00Z"]
                let evaluated = try CLI.run(["evaluate"] + files + options)
                let reported = try CLI.run(["report"] + files + options)
                #expect(evaluated.stdout == reported.stdout, "\(format)")
                #expect(evaluated.status == reported.status && evaluated.status != 0, "\(format)")
                #expect(evaluated.stderr.contains("missing.json: cannot read the observation file") == (files == paths))
            }
        }
    }
}
