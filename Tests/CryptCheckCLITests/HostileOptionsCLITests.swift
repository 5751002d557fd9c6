import Foundation
import Testing
import TestSupport

/// Inputs that once crashed or misled the command line (issue 11): one-character paths through
/// saved observations, and numeric options that overflowed.
@Suite("Hostile options and paths")
struct HostileOptionsCLITests {
    @Test func oneCharacterPathsSurviveSavingAndEvaluating() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = try Data(contentsOf: URL(fileURLWithPath: LocalServer.fixtures + "/certs/rsa2048-sha256.pem"))
        for name in ["k", "鍵"] {
            let file = directory.appendingPathComponent(name)
            try certificate.write(to: file)
            let saved = directory.appendingPathComponent("o-\(name).json").path
            // Scanned by the one-character relative path, as a user would type it.
            let scan = try CLI.run(["scan", name, "--save-observations", saved], in: directory)
            #expect([0, 1].contains(scan.status), "\(name): \(scan.stderr)")
            for command in [["evaluate", saved], ["report", saved, "--format", "json"], ["report", saved]] {
                let result = try CLI.run(command, in: directory)
                #expect([0, 1].contains(result.status), "\(command): exit \(result.status) \(result.stderr)")
            }
        }
    }

    @Test func numericOptionsOutsideTheirRangesAreUsageErrors() throws {
        for arguments in [["scan", ".", "--max-size", "17592186044416"], ["scan", ".", "--max-size", "0"],
                          ["scan", ".", "--max-size", "4097"], ["scan", ".", "--jobs", "0"], ["scan", ".", "--jobs", "100000"]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 64 && result.stderr.contains(arguments[2]), "\(arguments): \(result.stderr)")
        }
    }
}
