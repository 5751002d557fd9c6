import Foundation
import TestSupport
import Testing

/// The README's example outputs are what the built binary prints (`Scripts/readme-examples.py`),
/// so they cannot go stale (issue 14 item 7).
@Suite("README examples")
struct ReadmeExampleTests {
    static let root = URL(fileURLWithPath: LocalServer.fixtures).deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `readme-examples.py --binary BINARY ARGUMENTS`.
    static func script(_ arguments: [String]) throws -> CLI.Result {
        try CLI.run(
            arguments, via: ["/usr/bin/env", "python3", root.appendingPathComponent("Scripts/readme-examples.py").path, "--binary"])
    }

    @Test func readmeExamplesAreWhatTheBinaryPrints() throws {
        let result = try Self.script(["--check"])
        #expect(result.status == 0, "README examples are stale; run Scripts/readme-examples.py --write:\n\(result.stdout)\(result.stderr)")
        // Every kind of example is there: the text, Japanese, the summary of several outputs, CSV.
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.components(separatedBy: "<!-- example: cryptcheck ").count - 1 >= 4)
        #expect(readme.contains("総合判定:") && readme.contains("json written to out/report.json"))
    }

    @Test func aStaleExampleIsFound() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        // One line of the first example changed, as an edit of the output would leave it.
        let stale = readme.replacingOccurrences(of: "Overall: NOT CONFORMANT", with: "Overall: CONFORMANT")
        try #require(stale != readme)
        let copy = directory.appendingPathComponent("README.md")
        try stale.write(to: copy, atomically: true, encoding: .utf8)
        let result = try Self.script(["--check", "--readme", copy.path])
        #expect(result.status == 1 && result.stdout.contains("+Overall: NOT CONFORMANT"), "\(result.stdout)\(result.stderr)")
        // --write repairs it.
        #expect(try Self.script(["--write", "--readme", copy.path]).status == 0)
        #expect(try String(contentsOf: copy, encoding: .utf8) == readme)
    }
}
