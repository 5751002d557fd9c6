import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Foundation
import Testing

@testable import CryptCheckFiles

#if canImport(Glibc)
import Glibc
#endif

/// Issue 10 items 21 and 23: file names are bytes from the walk to the open and are shown
/// escaped; failed PEM blocks in documentation and source files are snippets, not breakage.
@Suite("Byte paths and snippets")
struct Issue10PathAndSnippetTests {
    /// Writes `contents` under the raw name `name` (any bytes but NUL and '/') in `directory`.
    static func write(_ contents: [UInt8], directory: String, name: [UInt8]) throws {
        let path = ScanPath(directory).appending(name)
        let descriptor = path.withCString { open($0, O_WRONLY | O_CREAT | O_EXCL, 0o644) }
        guard descriptor >= 0 else { throw FormatError(.fileCannotOpen, "cannot create \(path.display)") }
        defer { close(descriptor) }
        _ = contents.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
    }

    static func removeTree(_ directory: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/rm")
        process.arguments = ["-rf", directory]
        try? process.run()
        process.waitUntilExit()
    }

    @Test func escapingIsLosslessAndHasNoControls() {
        let samples: [[UInt8]] = [
            Array("plain/path.pem".utf8), [0x61, 0xFF, 0x2E], Array("a\u{FFFD}b".utf8), Array("back\\slash".utf8),
            [0x0A, 0x1B, 0x7F, 0x09], Array("\u{202E}txt.exe\u{0085}".utf8), [0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80],
            Array("\\xFF".utf8), Array("日本語".utf8),
        ]
        for bytes in samples {
            let text = EscapedText.escape(bytes)
            #expect(EscapedText.unescape(text) == bytes, "\(text)")
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" })
        }
        #expect(EscapedText.escape([0x61, 0xFF]) == "a\\xFF")
        #expect(EscapedText.escape(Array("\\xFF".utf8)) == "\\\\xFF")
        #expect(EscapedText.escape(Array("a\u{FFFD}".utf8)) == "a\u{FFFD}")
        #expect(EscapedText.escape(Array("日本語.pem".utf8)) == "日本語.pem")
    }

    /// A name with byte 0xFF and a decoy named with U+FFFD (what the old lossy decoding made
    /// of it): each file is read once, under its real name, and shown escaped.
    @Test func nonUTF8NamesAreReadAsThemselves() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cc-bytes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { Self.removeTree(directory) }
        let real = Fixtures.bytes("certs/ec-p256-sha256.pem"), decoy = Fixtures.bytes("certs/rsa2048-sha256.pem")
        let control = Fixtures.bytes("certs/ed25519.pem")
        try Self.write(real, directory: directory, name: [0x61, 0xFF, 0x2E, 0x70, 0x65, 0x6D])
        try Self.write(decoy, directory: directory, name: Array("a\u{FFFD}.pem".utf8))
        try Self.write(control, directory: directory, name: Array("c\n\u{1B}[31m.pem".utf8))
        let result = FileScanner.scan([directory], options: ScanOptions())
        let files = result.observations.files
        #expect(result.observations.unscanned.isEmpty, "\(result.observations.unscanned)")
        #expect(files.count == 3 && result.summary.filesWalked == 3)
        let byPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let realFile = try #require(byPath[directory + "/a\\xFF.pem"], "\(files.map(\.path))")
        #expect(realFile.sha256 == (try Digest.sha256Hex(real)))
        #expect(realFile.items.first?.certificate?.publicKey.curve == "secp256r1")
        let decoyFile = try #require(byPath[directory + "/a\u{FFFD}.pem"])
        #expect(decoyFile.sha256 == (try Digest.sha256Hex(decoy)))
        let controlFile = try #require(byPath[directory + "/c\\x0A\\x1B[31m.pem"], "\(files.map(\.path))")
        #expect(controlFile.items.first?.certificate?.publicKey.algorithm == .ed25519)
    }

    static let badBlock = Array("-----BEGIN CERTIFICATE-----\nMIIB...your certificate here...\n-----END CERTIFICATE-----\n".utf8)

    func parse(_ bytes: [UInt8], _ name: String) -> (items: [FileItem], errors: [FormatError], snippets: [String]) {
        let (result, snippets) = FileParser.parseFile(bytes, fileName: name, options: ParseOptions())
        guard case .parsed(let items, let errors) = result else { return ([], [FormatError(.unknown, "not crypto")], snippets) }
        return (items, errors, snippets)
    }

    @Test(arguments: ["README.md", "example.py", "notes.txt", "main.go"])
    func failedBlockInDocumentationIsASnippet(name: String) {
        let text = Array("How to configure TLS:\n\n```\n".utf8) + Self.badBlock + Array("```\n".utf8)
        let parsed = parse(text, name)
        #expect(parsed.items.isEmpty && parsed.errors.isEmpty && parsed.snippets.count == 1, "\(parsed)")
        #expect(parsed.snippets.first?.contains("line 4") == true)
    }

    @Test(arguments: ["server.pem", "server.crt", "tls.key", "config.yaml", "cert", "settings.json"])
    func failedBlockInMaterialOrConfigurationIsBroken(name: String) {
        let text = Array("# comment\n".utf8) + Self.badBlock
        let parsed = parse(text, name)
        #expect(parsed.errors.count == 1 && parsed.snippets.isEmpty, "\(parsed)")
    }

    /// A documentation-named file that is nothing but PEM blocks is material (key.txt).
    @Test func documentationFileThatIsOnlyPEMIsBroken() {
        let parsed = parse(Array("\n".utf8) + Self.badBlock, "key.txt")
        #expect(parsed.errors.count == 1 && parsed.snippets.isEmpty)
    }

    /// A block that parses inside documentation is still judged, next to a snippet.
    @Test func goodBlockInDocumentationIsStillRead() {
        let text =
            Array("Example:\n".utf8) + Fixtures.bytes("certs/rsa1024-sha256.pem") + Array("and a placeholder:\n".utf8) + Self.badBlock
        let parsed = parse(text, "README.md")
        #expect(parsed.items.count == 1 && parsed.items.first?.certificate?.publicKey.bits == 1024)
        #expect(parsed.errors.isEmpty && parsed.snippets.count == 1)
    }

    /// A bad block no longer hides the good ones after it (the file stays broken).
    @Test func badBlockDoesNotHideLaterBlocks() {
        let text = Self.badBlock + Fixtures.bytes("certs/ec-p256-sha256.pem")
        let parsed = parse(text, "bundle.pem")
        #expect(parsed.items.count == 1 && parsed.errors.count == 1)
    }

    @Test func snippetsAreCountedAndListedByTheScanner() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cc-snip-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { Self.removeTree(directory) }
        try Self.write(Array("Docs\n".utf8) + Self.badBlock, directory: directory, name: Array("README.md".utf8))
        let result = FileScanner.scan([directory], options: ScanOptions())
        #expect(result.summary.unparsedSnippets == 1 && result.summary.filesWithErrors == 0 && result.summary.cryptoFiles == 0)
        #expect(result.observations.files.first?.unparsedSnippets?.count == 1)
        #expect(result.observations.files.first?.errors.isEmpty == true)
    }
}

/// Hostile snippet input: many failed blocks cost one pass and a bounded report.
@Suite("Many failed PEM blocks")
struct Issue10ManyFailedBlocksTests {
    @Test func failedBlocksAreBoundedAndInFileOrder() {
        // Each BEGIN line runs on for 250 bytes without dashes: malformed, and scanning goes on.
        let many = Array(repeating: Array(("-----BEGIN " + String(repeating: "a", count: 250) + "\n").utf8), count: 20_000).flatMap { $0 }
        let (result, snippets) = FileParser.parseFile(Array("Docs\n".utf8) + many, fileName: "README.md", options: ParseOptions())
        guard case .parsed(let items, let errors) = result else { Issue.record("not parsed"); return }
        #expect(items.isEmpty && errors.isEmpty)
        #expect(snippets.count == FileParser.failureLimit + 1)
        #expect(snippets.first?.contains("line 2") == true && snippets[1].contains("line 3"))
        #expect(snippets.last == "\(20_000 - FileParser.failureLimit) more PEM blocks failed")
    }

    @Test func labelsAreEscaped() {
        let text = Array("Docs\n-----BEGIN X\u{1B}[31m-----\nAAAA\n-----END X\u{1B}[31m-----\n".utf8)
        let (_, snippets) = FileParser.parseFile(text, fileName: "README.md", options: ParseOptions())
        #expect(snippets.count == 1 && snippets[0].contains("X\\x1B[31m") && !snippets[0].contains("\u{1B}"), "\(snippets)")
    }
}
