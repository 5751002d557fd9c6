import CryptCheckModel
import Foundation
import Testing

@testable import CryptCheckFiles

/// A file's parse is remembered by content (`ParseMemo`) so copies of one file are parsed once.
/// These tests hold the memo to giving every copy exactly what parsing it alone gives, and to
/// keeping apart what the file name decides (empty files, snippets in documentation).
@Suite("Copies of one file are parsed once, and each gets what parsing it alone gives")
struct ParseMemoTests {
    /// The name rules as they were written on `String` before `FileNameFacts` read bytes.
    static func reference(_ fileName: String) -> FileNameFacts.Values {
        let last = fileName.split(separator: "/").last ?? ""
        let anyExtension = last.contains(".") ? String(last.split(separator: ".").last ?? "").lowercased() : ""
        let name = fileName.split(separator: "/").last.map(String.init) ?? fileName
        var text = false
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            text = Snippets.textExtensions.contains(name[name.index(after: dot)...].lowercased())
        }
        return .init(cryptoExtension: FileParser.cryptoExtensions.contains(anyExtension), textExtension: text)
    }

    static let names = [
        "", "/", "a", "a.pem", "A.PEM", "dir/x.Crt", "/abs/path/key.KEY", ".pem", ".bashrc", "a.", "a..", "...",
        "a.pem.", "README.md", "readme.MD", "notes.txt", "x.tar.gz", "dir.d/file", "dir/.hidden.md", "a.b.c.md",
        "trailing/", "two//slashes.p12", "caf\u{E9}.pem", "x.\u{212A}EY", "x.\u{212A}ey", "x.m\u{0301}d", "x.MD\u{0301}",
        "\u{1F511}.pem", "k.jks", "k.JKS", "bundle.p7b", "id_rsa.pub", "f.sh",
    ]

    @Test(arguments: names)
    func nameFactsFollowTheStringRules(name: String) {
        let facts = FileNameFacts(name)
        #expect(
            FileNameFacts.Values(cryptoExtension: facts.cryptoExtension, textExtension: facts.textExtension)
                == Self.reference(name), "\(name.debugDescription)")
    }

    /// A tree holding one certificate five times under other names, documentation files and a
    /// PEM file with the same failing block, and two empty files with the same (no) content.
    @Test func copiesShareAParseAndNamesStillDecide() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("cryptcheck-memo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let certificate = Fixtures.bytes("certs/rsa2048-sha256.pem")
        for name in ["one.pem", "two.crt", "three.txt", "four.pem", "five.cer"] {
            try Data(certificate).write(to: work.appendingPathComponent(name))
        }
        let snippet = Data("How to write a key:\n\n-----BEGIN CERTIFICATE-----\nnot base64 !!\n-----END CERTIFICATE-----\n".utf8)
        try snippet.write(to: work.appendingPathComponent("HOWTO.md"))
        try snippet.write(to: work.appendingPathComponent("broken.pem"))
        try snippet.write(to: work.appendingPathComponent("AGAIN.md"))
        try snippet.write(to: work.appendingPathComponent("MORE.md"))
        try Data().write(to: work.appendingPathComponent("empty.pem"))
        try Data().write(to: work.appendingPathComponent("empty.txt"))

        var options = ScanOptions()
        options.concurrency = 1
        let result = FileScanner.scan([work.path], options: options)
        let files = Dictionary(uniqueKeysWithValues: result.observations.files.map { (($0.path as NSString).lastPathComponent, $0) })

        // Every copy: what parsing it alone gives, under its own path.
        for name in [
            "one.pem", "two.crt", "three.txt", "four.pem", "five.cer", "HOWTO.md", "broken.pem", "AGAIN.md", "MORE.md", "empty.pem",
        ] {
            let file = try #require(files[name], "\(name) was not reported")
            let bytes = [UInt8](try Data(contentsOf: work.appendingPathComponent(name)))
            let alone = FileParser.parseFile(bytes, fileName: name, options: ParseOptions())
            guard case .parsed(let items, let errors) = alone.result else {
                Issue.record("\(name) parsed alone is not cryptographic")
                continue
            }
            #expect(file.items == items, "\(name)")
            #expect(file.errors == errors.map(\.message), "\(name)")
            #expect((file.errorCodes ?? []) == errors.map(\.code), "\(name)")
            #expect((file.unparsedSnippets ?? []) == alone.snippets, "\(name)")
            #expect(file.path.hasSuffix(name))
        }
        #expect(files["one.pem"]?.sha256 == files["three.txt"]?.sha256)
        // The name decides: the failing block is a snippet in documentation, an error in a PEM
        // file; an empty .pem is reported, an empty .txt is not.
        #expect(files["HOWTO.md"]?.errors.isEmpty == true && files["HOWTO.md"]?.unparsedSnippets?.count == 1)
        #expect(files["AGAIN.md"]?.errors.isEmpty == true && files["AGAIN.md"]?.unparsedSnippets?.count == 1)
        #expect(files["broken.pem"]?.errors.count == 1 && files["broken.pem"]?.unparsedSnippets == nil)
        #expect(files["empty.pem"]?.errors == ["empty file"])
        #expect(files["empty.txt"] == nil)
        // A content is kept the second time it is met with the same name facts, and given from
        // memory from the third: the certificate as .pem, .crt or .cer five times less three.txt
        // (a documentation name) gives two, the three .md files one.
        #expect(options.parse.parseMemo.hits == 3)
    }

    @Test func differentContentNeverSharesAResult() throws {
        let memo = ParseMemo()
        let name = FileNameFacts("a.pem")
        let first = Fixtures.bytes("certs/rsa2048-sha256.pem")
        var parses = 0
        func parse(_ bytes: [UInt8]) -> ParseMemo.Parsed {
            memo.parsed(bytes, name: name, options: ParseOptions()) {
                parses += 1
                return FileParser.parseFile(bytes, name: name, options: ParseOptions())
            }
        }
        _ = parse(first)
        _ = parse(first)
        #expect(parses == 2)
        let third = parse(first)
        #expect(parses == 2 && memo.hits == 1)
        // One byte changed in the base64 (a different certificate, or none): parsed anew.
        var changed = first
        let index = try #require(changed.firstIndex(of: UInt8(ascii: "\n"))) + 10
        changed[index] = changed[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let other = parse(changed)
        #expect(parses == 3 && memo.hits == 1)
        #expect(other.sha256 != third.sha256)
    }
}

extension ParseMemoTests {
    /// A store opened with a derived key (the empty password PKCS#12 is tried without being
    /// asked) is kept the first time it is met: its copies cost a digest, not the iterations.
    @Test func aParseThatDerivedKeysIsKeptTheFirstTime() throws {
        let memo = ParseMemo()
        let name = FileNameFacts("store.p12")
        let bytes = Fixtures.bytes("pkcs12-empty/empty-string-modern.p12")
        var parses = 0
        func parse() -> ParseMemo.Parsed {
            memo.parsed(bytes, name: name, options: ParseOptions()) {
                parses += 1
                return FileParser.parseFile(bytes, name: name, options: ParseOptions())
            }
        }
        let first = parse()
        guard case .parsed(let items, _) = first.result else {
            Issue.record("the empty-password store was not read")
            return
        }
        #expect(items.contains { item in item.protection.contains { ($0.iterations ?? 0) > 0 } })
        let second = parse()
        #expect(parses == 1 && memo.hits == 1)
        #expect(second.sha256 == first.sha256)
    }

    /// The content hash only picks a candidate; it still tells apart the files it is given here.
    @Test func theContentHashSeesEveryByteAndTheLength() {
        let base = [UInt8](repeating: 0x41, count: 37)
        var seen: Set<Int> = [ParseMemo.contentHash(base), ParseMemo.contentHash(Array(base.dropLast()))]
        for index in base.indices {
            var changed = base
            changed[index] ^= 0x01
            seen.insert(ParseMemo.contentHash(changed))
        }
        #expect(seen.count == base.count + 2)
        #expect(ParseMemo.contentHash([]) != ParseMemo.contentHash([0]))
    }
}

extension FileNameFacts {
    /// The two facts as a value the tests compare.
    struct Values: Equatable, CustomStringConvertible {
        let cryptoExtension: Bool
        let textExtension: Bool
        var description: String { "crypto \(cryptoExtension), text \(textExtension)" }
    }
}
