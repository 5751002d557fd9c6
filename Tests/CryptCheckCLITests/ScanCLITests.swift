import CryptCheckModel
import CryptCheckPolicy
import CryptCheckReport
import Foundation
import TestSupport
import Testing

@Suite("cryptcheck scan", .serialized)
struct ScanCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/files").path

    /// A readable copy of one fixture in a fresh tree.
    func tree() throws -> URL {
        let directory = try CLI.temporaryDirectory()
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("etc/pki"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Self.fixtures + "/certs/rsa2048-sha256.pem",
            toPath: directory.appendingPathComponent("etc/pki/server.pem").path)
        return directory
    }

    /// Runs the binary; as root, with privileges dropped to nobody so file modes bite.
    func runUnprivileged(_ arguments: [String]) throws -> CLI.Result {
        guard getuid() == 0 else { return try CLI.run(arguments) }
        return try CLI.run(arguments, via: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
    }

    @Test func loopUnreadableAndHugeFilesCompleteWithExitTwoAndSayWhy() throws {
        let directory = try tree()
        defer { try? FileManager.default.removeItem(at: directory) }
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: directory.appendingPathComponent("etc/pki/loop").path, withDestinationPath: "..")
        let secret = directory.appendingPathComponent("etc/pki/secret.key").path
        try manager.copyItem(atPath: Self.fixtures + "/keys/ec-p256-sec1.pem", toPath: secret)
        try manager.setAttributes([.posixPermissions: 0o000], ofItemAtPath: secret)
        let huge = directory.appendingPathComponent("etc/huge.bin").path
        #expect(manager.createFile(atPath: huge, contents: Data(count: 2 << 20)))
        try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        let result = try runUnprivileged(["scan", directory.path, "--follow-symlinks", "--max-size", "1", "--as-of", "2026-11-30"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("etc/pki/loop: symlink loop"))
        #expect(result.stderr.contains("secret.key: cannot open: Permission denied"))
        #expect(result.stderr.contains("huge.bin: skipped: 2097152 bytes is over the 1 MiB size cap"))
        #expect(result.stdout.contains("etc/pki/server.pem"))
        #expect(result.stdout.contains("Not scanned (3)"))
        // The JSON output says why by code.
        let json = try runUnprivileged([
            "scan", directory.path, "--follow-symlinks", "--max-size", "1", "--as-of", "2026-11-30", "--format", "json",
        ])
        let unscanned = ErrorCodeCLITests.objects(
            in: try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)), with: ["target", "reason"])
        let codes = Dictionary(
            uniqueKeysWithValues: unscanned.compactMap { target in
                (target["target"] as? String).map { (($0 as NSString).lastPathComponent, target["code"] as? String) }
            })
        #expect(codes == ["loop": "file.symlink-loop", "secret.key": "file.cannot-open", "huge.bin": "file.too-large"], "\(unscanned)")
    }

    @Test func symlinksAreNotFollowedUnlessAskedAndExcludesApply() throws {
        let directory = try tree()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createSymbolicLink(
            atPath: directory.appendingPathComponent("link.pem").path,
            withDestinationPath: directory.appendingPathComponent("etc/pki/server.pem").path)
        try "not crypto\n".write(to: directory.appendingPathComponent("readme.txt"), atomically: true, encoding: .utf8)
        let json = try CLI.run(["scan", directory.path, "--format", "json", "--as-of", "2026-11-30"])
        #expect(json.status == 0, "\(json.stderr)")
        let report = try JSONRenderer.decoder().decode(ScanReport.self, from: Data(json.stdout.utf8))
        #expect(report.scan.symlinksNotFollowed == 1 && report.scan.cryptoFiles == 1 && report.scan.otherFiles == 1)
        #expect(report.scan.itemsByAlgorithm == ["RSA-2048": 1])
        let followed = try CLI.run(["scan", directory.path, "--follow-symlinks", "--format", "json"])
        #expect(try JSONRenderer.decoder().decode(ScanReport.self, from: Data(followed.stdout.utf8)).scan.cryptoFiles == 2)
        let excluded = try CLI.run(["scan", directory.path, "--exclude", "*.pem", "--format", "json"])
        let summary = try JSONRenderer.decoder().decode(ScanReport.self, from: Data(excluded.stdout.utf8)).scan
        #expect(summary.cryptoFiles == 0 && summary.excluded == 2)  // link.pem and server.pem
    }

    @Test func fixtureTreeIsJudgedAndSavedObservationsReevaluateIdentically() throws {
        let output = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let saved = output.appendingPathComponent("obs.json").path
        let scan = try CLI.run([
            "scan", Self.fixtures, "--format", "json", "--as-of", "2026-11-30", "--list", "LS-0001-2022",
            "--save-observations", saved,
        ])
        #expect(scan.status == 1)  // weak fixtures are violations, which outrank incompleteness
        for broken in ["bad-base64.pem", "empty.crt", "garbage.der", "truncated.pem"] {
            #expect(scan.stderr.contains("broken/\(broken)"), "\(broken)")
        }
        let report = try JSONRenderer.decoder().decode(ScanReport.self, from: Data(scan.stdout.utf8))
        #expect(report.evaluation.summary.incomplete)  // the broken fixtures could not be read
        #expect(report.scan.filesWithErrors == 4 && report.scan.otherFiles == 3)
        let legacy = try #require(
            report.evaluation.findings.first {
                $0.subject.hasSuffix("legacy-rc2-40.p12") && $0.component == .keyProtection
            })
        #expect(legacy.verdict == .violation && legacy.severity == .critical && legacy.message.contains("RC2"))
        let ed25519 = try #require(report.evaluation.findings.first { $0.subject.hasSuffix("keys/ed25519.pem") })
        #expect(ed25519.verdict == .pass)
        let reevaluated = try CLI.run(["evaluate", saved, "--format", "json", "--as-of", "2026-11-30", "--list", "LS-0001-2022"])
        let evaluation = try JSONRenderer.decoder().decode(Evaluation.self, from: Data(reevaluated.stdout.utf8))
        #expect(evaluation.findings == report.evaluation.findings)
    }

    @Test func scanningWritesNothingAndRefusesToSaveInsideTheTree() throws {
        let directory = try tree()
        defer { try? FileManager.default.removeItem(at: directory) }
        func listing() throws -> [String] {
            try FileManager.default.subpathsOfDirectory(atPath: directory.path).sorted().map { path in
                let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(path).path)
                return "\(path) \(attributes[.size] ?? 0) \(attributes[.modificationDate] ?? "")"
            }
        }
        let before = try listing()
        _ = try CLI.run(["scan", directory.path])
        let refused = try CLI.run(["scan", directory.path, "--save-observations", directory.appendingPathComponent("etc/o.json").path])
        #expect(refused.status == 64 && refused.stderr.contains("must not be inside a scanned path"))
        #expect(try listing() == before)
    }

    @Test func missingPathIsReportedAndTheRestScanned() throws {
        let directory = try tree()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["scan", directory.appendingPathComponent("nope").path, directory.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("nope: cannot stat: No such file or directory"))
        #expect(result.stdout.contains("server.pem"))
    }
}
