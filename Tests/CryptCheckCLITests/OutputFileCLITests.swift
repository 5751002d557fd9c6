import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `-o` writes into what is at the path, never replaces a device, pipe or link; and no output
/// lands in a scanned tree however the path is spelt (issue 11 items 8 and 9).
@Suite("Where outputs are written")
struct OutputFileCLITests {
    static let observations = URL(fileURLWithPath: LocalServer.fixtures).deletingLastPathComponent()
        .appendingPathComponent("observations/demo.json").path

    static func kind(_ path: String) -> mode_t {
        var status = stat()
        guard lstat(path, &status) == 0 else { return 0 }
        return status.st_mode & S_IFMT
    }

    @Test func devicesPipesAndLinksAreWrittenThroughNotReplaced() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A null device of our own (as root; where mknod is not allowed, the FIFO still tests streams).
        let device = directory.appendingPathComponent("null").path
        let haveDevice = mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0  // major 1, minor 3: /dev/null
        if haveDevice {
            let result = try CLI.run(["evaluate", Self.observations, "--format", "json", "-o", device])
            #expect([0, 1, 2].contains(result.status), "\(result.stderr)")
            #expect(Self.kind(device) == S_IFCHR, "the device was replaced")
        }
        // A FIFO with a reader: the output arrives through it, and it stays a FIFO.
        let fifo = directory.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        final class Box: @unchecked Sendable {  // written by the reader thread before it signals
            var data = Data()
        }
        let received = Box()
        let readerDone = DispatchSemaphore(value: 0)
        Thread {
            received.data = (try? FileHandle(forReadingFrom: URL(fileURLWithPath: fifo)).readToEnd()) ?? Data()
            readerDone.signal()
        }.start()
        let piped = try CLI.run(["evaluate", Self.observations, "--format", "json", "-o", fifo])
        #expect([0, 1, 2].contains(piped.status), "\(piped.stderr)")
        #expect(readerDone.wait(timeout: .now() + 10) == .success)
        #expect(received.data.count > 100 && Self.kind(fifo) == S_IFIFO)
        // A link to a file: the file gets the output, the link stays a link.
        let target = directory.appendingPathComponent("target.json").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        let link = directory.appendingPathComponent("link.json").path
        #expect(symlink("target.json", link) == 0)
        _ = try CLI.run(["evaluate", Self.observations, "--format", "json", "-o", link])
        #expect(Self.kind(link) == S_IFLNK)
        let written = try String(contentsOfFile: target, encoding: .utf8)
        #expect(written.contains("cryptcheck-report/2"), "\(written.prefix(80))")
        // A dangling link creates what it names.
        let dangling = directory.appendingPathComponent("dangling.json").path
        #expect(symlink("made.json", dangling) == 0)
        _ = try CLI.run(["evaluate", Self.observations, "--format", "json", "-o", dangling])
        #expect(Self.kind(dangling) == S_IFLNK && Self.kind(directory.appendingPathComponent("made.json").path) == S_IFREG)
        // A directory is refused with a message naming it; "-" is standard output.
        let refused = try CLI.run(["evaluate", Self.observations, "-o", directory.path])
        #expect(refused.status == 2 && refused.stderr.contains("is a directory"), "\(refused.stderr)")
        let dash = try CLI.run(["evaluate", Self.observations, "--format", "json", "-o", "-"])
        #expect(dash.stdout.contains("cryptcheck-report/2"))
        #expect(!FileManager.default.fileExists(atPath: "-"))
    }

    @Test func scanOutputsFollowTheSameRules() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tree = directory.appendingPathComponent("tree")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: LocalServer.fixtures + "/certs/rsa2048-sha256.pem", toPath: tree.appendingPathComponent("c.pem").path)
        let alias = directory.appendingPathComponent("alias").path
        #expect(symlink(tree.path, alias) == 0)
        for arguments in [
            ["scan", tree.path, "--save-observations", alias + "/saved.json"], ["scan", alias, "-o", tree.path + "/out.txt"],
            ["scan", tree.path, "--format", "json", "-o", tree.path + "/../tree/out.json"],
        ] {
            let result = try CLI.run(arguments)
            #expect(result.status == 64 && result.stderr.contains("inside a scanned path"), "\(arguments): \(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: tree.path) == ["c.pem"])
        // Streamed text and JSON, and the saved observations, go through links and into devices.
        let device = directory.appendingPathComponent("null").path
        let haveDevice = mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0
        let target = directory.appendingPathComponent("target.txt").path
        let link = directory.appendingPathComponent("link.txt").path
        #expect(symlink("target.txt", link) == 0)
        for format in ["text", "json"] {
            let result = try CLI.run(["scan", tree.path, "--format", format, "-o", link, "--save-observations", haveDevice ? device : "-"])
            #expect([0, 1].contains(result.status), "\(result.stderr)")
            #expect(Self.kind(link) == S_IFLNK && Self.kind(target) == S_IFREG)
            #expect(try String(contentsOfFile: target, encoding: .utf8).contains(format == "json" ? "cryptcheck-scan/2" : "c.pem"))
            if haveDevice { #expect(Self.kind(device) == S_IFCHR, "the device was replaced") }
        }
    }

    @Test func reportOutputsNeverLandInAScannedTreeWhateverTheSpelling() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tree = directory.appendingPathComponent("tree")
        try FileManager.default.createDirectory(at: tree.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: LocalServer.fixtures + "/certs/rsa2048-sha256.pem",
            toPath: tree.appendingPathComponent("sub/cert.pem").path)
        // A link outside the tree that points into it, and a spelling with "..".
        let alias = directory.appendingPathComponent("alias").path
        #expect(symlink(tree.path, alias) == 0)
        let attempts: [[String]] = [
            ["report", "--path", tree.path, "--output-dir", tree.appendingPathComponent("x").path],
            ["report", "--path", tree.path, "--output-dir", alias + "/new/deeper"],
            ["report", "--path", tree.path, "--output-dir", tree.appendingPathComponent("sub/../x").path],
            ["report", "--path", alias, "-o", tree.appendingPathComponent("report.html").path],
            ["report", "--path", tree.path, "-o", alias + "/sub/report.html"],
        ]
        for arguments in attempts {
            let result = try CLI.run(arguments)
            #expect(result.status == 64 && result.stderr.contains("inside a scanned path"), "\(arguments): \(result.stderr)")
        }
        let before = try FileManager.default.subpathsOfDirectory(atPath: tree.path).sorted()
        #expect(before == ["sub", "sub/cert.pem"], "something was written into the tree: \(before)")
        // Beside the tree is fine.
        let beside = try CLI.run(["report", "--path", tree.path, "--output-dir", directory.appendingPathComponent("out").path])
        #expect([0, 1, 2].contains(beside.status) && beside.stderr.contains("wrote"), "\(beside.stderr)")
    }
}
