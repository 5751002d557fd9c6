import CryptCheckModel
import CryptCheckPolicy
import Foundation
import Testing

@testable import CryptCheckReport

/// The streamed file-scan pipeline as a library type: it judges each event with the policies,
/// writes the parts in the order the scan emits them, reports problems in that order, saves the
/// observations, and gives the same counts as judging the whole set.
@Suite("The streamed scan writes what judging the whole set gives, in order")
struct StreamedScanTests {
    static func policies() throws -> [Policy] {
        var catalog = try ListCatalog.builtIn()
        let asOf = PolicySelection.parseDay("2026-11-30")!
        let selected = try PolicySelection.resolve([], into: &catalog, asOf: asOf)
        return try PolicySelection.policies(selected: selected, catalog: catalog, asOf: asOf)
    }

    static let events: [ScanEvent] = [
        .file(ScanJSONWriterTests.fullFile("one")),
        .unscanned(UnscannedTarget(target: "/srv/locked", reason: "cannot open: Permission denied")),
        .file(ScanJSONWriterTests.fullFile("two")),
    ]

    /// Runs the pipeline over `events` (transformed on another thread, as the file scanner does).
    static func run(_ format: StreamedScan.Format, save: Bool) throws -> (
        output: String, saved: String?, problems: [String], summary: EvaluationSummary
    ) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cryptcheck-streamed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outputURL = directory.appendingPathComponent("out"), saveURL = directory.appendingPathComponent("saved.json")
        try Data().write(to: outputURL)
        try Data().write(to: saveURL)
        let output = try FileHandle(forWritingTo: outputURL), saved = try FileHandle(forWritingTo: saveURL)
        var problems: [String] = []
        let summary = try StreamedScan(policies: policies(), format: format, colour: false)
            .run(
                output: output, save: save ? saved : nil, problem: { problems.append("\($0): \($1)") },
                scan: { transform, emit in
                    let parts = events.map { event in DispatchQueue.global().sync { transform(event) } }
                    parts.forEach(emit)
                    var counted = ScanSummary()
                    counted.filesWalked = 3
                    counted.cryptoFiles = 2
                    counted.notScanned = 1
                    return counted
                })
        try output.close()
        try saved.close()
        return (
            try String(contentsOf: outputURL, encoding: .utf8), save ? try String(contentsOf: saveURL, encoding: .utf8) : nil,
            problems, summary
        )
    }

    @Test func countsAndProblemsMatchTheWholeEvaluation() throws {
        let (_, _, problems, summary) = try Self.run(.json, save: false)
        var whole = EvaluationBuilder(policies: try Self.policies())
        for event in Self.events {
            switch event {
            case .file(let file): whole.record(FindingTally(whole.findings(for: file)))
            case .unscanned(let target): whole.record(FindingTally(whole.findings(for: target)))
            }
        }
        #expect(summary == whole.summary)
        #expect(summary.incomplete)
        #expect(problems == ["/srv/one: an error: one", "/srv/locked: cannot open: Permission denied", "/srv/two: an error: two"])
    }

    @Test func partsAreWrittenInTheOrderEmittedAndTheObservationsSaved() throws {
        let (json, saved, _, _) = try Self.run(.json, save: true)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let files = try #require(document["files"] as? [[String: Any]])
        #expect(files.compactMap { $0["path"] as? String } == ["/srv/one", "/srv/two"])
        let savedText = try #require(saved)
        let observations = try #require(try JSONSerialization.jsonObject(with: Data(savedText.utf8)) as? [String: Any])
        #expect((observations["files"] as? [[String: Any]])?.compactMap { $0["path"] as? String } == ["/srv/one", "/srv/two"])
        #expect((observations["unscanned"] as? [[String: Any]])?.first?["target"] as? String == "/srv/locked")

        let (text, nothing, _, _) = try Self.run(.text, save: false)
        #expect(nothing == nil)
        let one = try #require(text.range(of: "/srv/one")), locked = try #require(text.range(of: "/srv/locked"))
        let two = try #require(text.range(of: "/srv/two"))
        #expect(one.lowerBound < locked.lowerBound && locked.lowerBound < two.lowerBound)
        #expect(!text.contains("\u{1B}["))
    }
}
