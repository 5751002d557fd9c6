import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 10 items 21 and 23 through the binary: exit codes for snippets and broken files,
/// and file names shown escaped.
@Suite("cryptcheck scan: snippets and byte names", .serialized)
struct Issue10FilesCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/files").path
    static let badBlock = "-----BEGIN CERTIFICATE-----\nMIIB...paste your certificate here...\n-----END CERTIFICATE-----\n"

    /// Writes `contents` under the raw file name `name` in `directory`.
    func write(_ contents: [UInt8], _ directory: URL, _ name: [UInt8]) throws {
        let path = Array(directory.path.utf8) + [0x2F] + name + [0]
        let descriptor = path.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_EXCL, 0o644) }
        }
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(descriptor) }
        _ = contents.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
    }

    func removeTree(_ directory: URL) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/rm")
        process.arguments = ["-rf", directory.path]
        try? process.run()
        process.waitUntilExit()
    }

    @Test func snippetInDocumentationLeavesTheScanComplete() throws {
        let directory = try CLI.temporaryDirectory()
        defer { removeTree(directory) }
        try write(
            Array(("# Set-up\n\nPut your certificate here:\n\n```\n" + Self.badBlock + "```\n").utf8), directory, Array("README.md".utf8))
        let result = try CLI.run(["scan", directory.path, "--as-of", "2026-11-30"])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("unparsed snippet"), "\(result.stdout)")
        #expect(result.stdout.contains("Unparsed snippets: 1"), "\(result.stdout)")
    }

    @Test(arguments: ["server.pem", "only-pem.md"])
    func brokenMaterialStillMakesTheScanIncomplete(name: String) throws {
        let directory = try CLI.temporaryDirectory()
        defer { removeTree(directory) }
        try write(Array(Self.badBlock.utf8), directory, Array(name.utf8))
        let result = try CLI.run(["scan", directory.path, "--as-of", "2026-11-30"])
        #expect(result.status == 2, "\(result.stdout)\n\(result.stderr)")
    }

    @Test func goodBlockInDocumentationIsJudged() throws {
        let directory = try CLI.temporaryDirectory()
        defer { removeTree(directory) }
        let weak = try String(contentsOfFile: Self.fixtures + "/certs/rsa1024-sha256.pem", encoding: .utf8)
        try write(Array(("Example:\n" + weak + "\nPlaceholder:\n" + Self.badBlock).utf8), directory, Array("README.md".utf8))
        let result = try CLI.run(["scan", directory.path, "--as-of", "2026-11-30"])
        #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")  // RSA-1024 is a violation
    }

    @Test func nonUTF8NameIsShownEscapedAndReadAsItself() throws {
        let directory = try CLI.temporaryDirectory()
        defer { removeTree(directory) }
        let real = try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/certs/rsa1024-sha256.pem"))
        let decoy = try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/certs/ec-p256-sha256.pem"))
        try write(Array(real), directory, [0x77, 0x65, 0x61, 0x6B, 0xFF, 0x2E, 0x70, 0x65, 0x6D])  // weak\xFF.pem
        try write(Array(decoy), directory, Array("weak\u{FFFD}.pem".utf8))
        let result = try CLI.run(["scan", directory.path, "--as-of", "2026-11-30"])
        #expect(result.stdout.contains("weak\\xFF.pem"), "\(result.stdout)")
        #expect(result.stdout.contains("weak\u{FFFD}.pem"))
        #expect(result.stdout.contains("RSA-1024"), "the real file (RSA-1024) was not read: \(result.stdout)")
        #expect(result.status == 1)
    }
}

/// A path argument that is not UTF-8 is scanned as the bytes it was given as.
@Suite("cryptcheck scan: non-UTF-8 arguments")
struct Issue10RawArgumentTests {
    @Test func nonUTF8ArgumentIsScannedAsItself() throws {
        let directory = try CLI.temporaryDirectory()
        defer {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/rm")
            process.arguments = ["-rf", directory.path]
            try? process.run()
            process.waitUntilExit()
        }
        let fixture = Issue10FilesCLITests.fixtures + "/certs/rsa1024-sha256.pem"
        // The shell makes the byte 0xFF; Foundation's arguments are text.
        let made = Process()
        made.executableURL = URL(fileURLWithPath: "/bin/sh")
        made.arguments = [
            "-c", "mkdir \"$1/d$(printf '\\377')\" && cp \"$2\" \"$1/d$(printf '\\377')/weak.pem\"", "sh", directory.path, fixture,
        ]
        try made.run()
        made.waitUntilExit()
        #expect(made.terminationStatus == 0)
        // CLI.run passes the binary after the launcher arguments: $0 is the directory, $1 the binary.
        let result = try CLI.run(
            [], via: ["/bin/sh", "-c", "exec \"$1\" scan \"$0/d$(printf '\\377')\" --as-of 2026-11-30", directory.path])
        #expect(result.stdout.contains("d\\xFF/weak.pem") && result.stdout.contains("RSA-1024"), "\(result.stdout)\n\(result.stderr)")
        #expect(result.status == 1)
    }
}
