/// Which PEM blocks that fail to parse are example snippets rather than broken material
/// (issue 10 item 23).
///
/// The rule: a failed block is a *snippet* when the file is documentation or source code by
/// its extension (`textExtensions`) **and** the file is more than PEM blocks (it has text
/// other than white space outside every BEGIN ... END block). Everything else that fails is
/// *broken* and makes the scan incomplete: files named as cryptographic material (`.pem`,
/// `.crt`, `.key`, ...), configuration files (`.yaml`, `.json`, `.conf`, ... often embed real
/// certificates), files with no or another extension, and a documentation or source file that
/// holds nothing but PEM blocks (a key saved as `key.txt` is still a key). A block that
/// parses is judged wherever it is.
enum Snippets {
    /// Documentation and source-code extensions (lower case).
    static let textExtensions: Set<String> = [
        // documentation
        "md", "markdown", "mdx", "rst", "txt", "text", "adoc", "asciidoc", "org", "tex", "html", "htm", "ipynb",
        // source code
        "c", "h", "cc", "cpp", "cxx", "hpp", "hh", "m", "mm", "swift", "go", "rs", "java", "kt", "kts", "scala",
        "groovy", "clj", "cs", "fs", "vb", "py", "pyi", "rb", "php", "pl", "pm", "t", "lua", "r", "jl", "dart",
        "js", "mjs", "cjs", "jsx", "ts", "tsx", "vue", "ex", "exs", "erl", "hrl", "hs", "ml", "mli", "nim", "zig",
        "sh", "bash", "zsh", "fish", "ps1", "bat", "cmd", "sql",
    ]

    /// Whether failed blocks in this file are snippets. `blocks` are the ranges of every
    /// BEGIN ... END block, read or not.
    static func isSnippetHost(_ name: FileNameFacts, bytes: [UInt8], blocks: [Range<Int>]) -> Bool {
        guard name.textExtension else { return false }
        var cursor = 0
        for range in blocks.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if range.lowerBound > cursor && hasText(bytes[cursor..<range.lowerBound]) { return true }
            cursor = max(cursor, range.upperBound)
        }
        return cursor < bytes.count && hasText(bytes[cursor...])
    }

    private static func hasText(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.contains { byte in
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C: false
            default: true
            }
        }
    }
}

/// What a file's name tells the parser; everything else comes from the content. Two files with
/// the same content and equal name facts parse alike (`ParseMemo` relies on it).
struct FileNameFacts: Hashable, Sendable {
    /// An empty file with this extension is reported (`FileParser.cryptoExtensions`), not skipped.
    let cryptoExtension: Bool
    /// A documentation or source file by its extension (`Snippets.textExtensions`).
    let textExtension: Bool

    /// `fileName`: a name or a path. Made for every file a scan reads, so it works on the
    /// UTF-8 bytes (the two extensions differ for a hidden file: `.pem` is an empty PEM file's
    /// name, and no documentation file).
    init(_ fileName: String) {
        var fileName = fileName
        (cryptoExtension, textExtension) = fileName.withUTF8 { Self.extensions(of: $0) }
    }

    /// Read in place from the name's bytes: a scan makes this for every file, and copying each
    /// path into an array took longer than the rest.
    private static func extensions(of path: UnsafeBufferPointer<UInt8>) -> (crypto: Bool, text: Bool) {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var end = path.count
        while end > 0 && path[end - 1] == slash { end -= 1 }
        var start = end
        while start > 0 && path[start - 1] != slash { start -= 1 }
        let name = path[start..<end]
        // `split(separator: ".").last`: the last part between dots that is not empty.
        var trimmedEnd = end
        while trimmedEnd > start && path[trimmedEnd - 1] == dot { trimmedEnd -= 1 }
        let trimmed = path[start..<trimmedEnd]
        let anyExtension = name.contains(dot) ? path[((trimmed.lastIndex(of: dot) ?? start - 1) + 1)..<trimmedEnd] : path[start..<start]
        let crypto = FileParser.cryptoExtensions.contains(lowercased(anyExtension))
        guard let lastDot = name.lastIndex(of: dot), lastDot != start else { return (crypto, false) }
        return (crypto, Snippets.textExtensions.contains(lowercased(path[(lastDot + 1)..<end])))
    }

    /// `String.lowercased()` of the bytes, without its Unicode tables for ASCII.
    private static func lowercased(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return String(decoding: bytes, as: UTF8.self).lowercased() }
        return String(unsafeUninitializedCapacity: bytes.count) { output in
            for (offset, byte) in bytes.enumerated() { output[offset] = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
            return bytes.count
        }
    }
}
