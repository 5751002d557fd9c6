import Foundation
import TestSupport
import Testing

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
        for arguments in [
            ["scan", ".", "--max-size", "17592186044416"], ["scan", ".", "--max-size", "0"],
            ["scan", ".", "--max-size", "4097"], ["scan", ".", "--jobs", "0"], ["scan", ".", "--jobs", "100000"],
            ["scan", ".", "--max-kdf-iterations", "0"], ["scan", ".", "--max-kdf-iterations", "18446744073709551616"],
        ] {
            let result = try CLI.run(arguments)
            #expect(result.status == 64 && result.stderr.contains(arguments[2]), "\(arguments): \(result.stderr)")
        }
    }

    /// Issue 11 item 1 end to end: a key whose derivation is over the limit is "not opened",
    /// the scan goes on with the other files, and the exit status says something was not seen.
    @Test func aKeyOverTheKDFLimitIsNotOpenedAndTheScanGoesOn() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["keys/rsa2048-pbes2-aes256.pem", "certs/rsa2048-sha256.pem"] {
            let source = URL(fileURLWithPath: LocalServer.fixtures + "/" + name)
            try Data(contentsOf: source).write(to: directory.appendingPathComponent(source.lastPathComponent))
        }
        let result = try CLI.run(
            ["scan", ".", "--password", "changeit", "--max-kdf-iterations", "100000", "--as-of", "2026-11-30"],
            in: directory)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "rsa2048-pbes2-aes256.pem: PEM block at line 1 (ENCRYPTED PRIVATE KEY): encrypted PKCS#8 key "
                    + "not opened: iteration count 600000 exceeds the limit (100000 per file; raise it with --max-kdf-iterations)"))
        #expect(result.stdout.contains("rsa2048-sha256.pem") && result.stdout.contains("RSA-2048"))
        let raised = try CLI.run(["scan", ".", "--password", "changeit", "--as-of", "2026-11-30"], in: directory)
        #expect(!raised.stderr.contains("not opened"), "\(raised.stderr)")
    }
}
