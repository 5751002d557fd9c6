import CryptCheckModel
import CryptCheckPolicy
import Foundation
import Testing

@testable import CryptCheckReport

/// Copies of a file are judged and rendered once, then made from a template with their own
/// path: the output must be byte for byte what judging each copy afresh gives, whatever the
/// path holds (escapes, quotes, bidirectional controls, non-ASCII), wherever the path appears
/// (finding subjects, `path#N` of a file with several items, the item of an error finding, the
/// file entry), and never for a different observation with the same digest.
@Suite("Copies of a file are rendered from a template, byte for byte as afresh")
struct ScanPartMemoTests {
    static let paths = [
        "/srv/a.pem", "/srv/b\nOverall: CONFORMANT", "/srv/\u{202E}c\"q\\.pem", "/srv/鍵.pem", "/srv/\u{1B}[2Jclear.pem",
        "/srv/cryptcheck-path-0-0-0-0", "/srv/e.pem#1",
    ]

    /// A file with two items and an error, so its path stands in subjects, `path#N` and items.
    static func file(_ path: String, subject: String = "CN=copy") -> FileObservation {
        var file = ScanJSONWriterTests.fullFile("copy")
        var second = file.items[0]
        second.position = 3
        second.certificate?.subject = subject
        file.items.append(second)
        file.path = path
        return file
    }

    static func events() -> [ScanEvent] {
        var events: [ScanEvent] = []
        for round in 0..<3 {
            for path in paths { events.append(.file(file(path + "-\(round)"))) }
            // The same digest with another observation: never answered from the copies' template.
            events.append(.file(file("/srv/other-\(round)", subject: "CN=other")))
            events.append(.unscanned(UnscannedTarget(target: "/srv/locked-\(round)", reason: "cannot open")))
        }
        return events
    }

    static func run(_ format: StreamedScan.Format, rememberCopies: Bool) throws -> (
        output: String, summary: EvaluationSummary, hits: Int
    ) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cryptcheck-memo-\(UUID().uuidString)")
        try Data().write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        let scan = StreamedScan(
            policies: try StreamedScanTests.policies(), format: format, colour: false, rememberCopies: rememberCopies)
        let summary = try scan.run(
            output: handle, save: nil, problem: { _, _ in },
            scan: { transform, emit in
                events().map { event in DispatchQueue.global().sync { transform(event) } }.forEach(emit)
                return ScanSummary()
            })
        try handle.close()
        return (try String(contentsOf: url, encoding: .utf8), summary, scan.memo?.hits ?? 0)
    }

    @Test(arguments: [StreamedScan.Format.json, .text])
    func copiesGiveTheBytesOfAFreshRendering(format: StreamedScan.Format) throws {
        let remembered = try Self.run(format, rememberCopies: true)
        let afresh = try Self.run(format, rememberCopies: false)
        #expect(remembered.output == afresh.output)
        #expect(remembered.summary == afresh.summary)
        // The first round is judged afresh and templates are made at the second sighting, so
        // the third round of the copies is made from the template: the test exercised it.
        #expect(remembered.hits >= Self.paths.count - 1)
        #expect(afresh.hits == 0)
        for path in Self.paths where format == .json {
            #expect(remembered.output.contains(Self.jsonString(path + "-2")))
        }
    }

    static func jsonString(_ text: String) -> String {
        var out = JSONOutput()
        out.string(text)
        return out.text
    }
}
