/// The cross-reference of a PDF file (ISO 32000-1 7.5.4, 7.5.6): where each object is, from the
/// last `startxref` back through the `/Prev` chain of incremental updates. Only classic
/// cross-reference tables are read, which is what Chromium (Skia) writes and what
/// `PDFAttachment` appends; a file indexed by cross-reference streams is refused with a
/// `PDFError` that says so. Every offset is checked against the file, the chain and the entry
/// counts are bounded, so a hostile file cannot crash the reader or keep it busy.
package struct PDFCrossReference: Sendable {
    /// Offsets of objects in use, by object number (the newest section wins).
    package private(set) var offsets: [Int: (offset: Int, generation: Int)] = [:]
    /// The newest trailer dictionary.
    package private(set) var trailer = PDFObject.null
    /// The offset of the newest cross-reference section (for an update's `/Prev`).
    package let startOffset: Int
    /// The largest `/Size` of any section.
    package private(set) var size = 0

    /// Sections followed through `/Prev` at most.
    static let maximumSections = 64
    /// How far from the end `startxref` may be (the file's tail after `%%EOF` included).
    static let tailWindow = 4096

    package init(_ bytes: [UInt8]) throws {
        guard Self.isPDF(bytes) else { throw PDFError("not a PDF file (no %PDF- header)") }
        let start = try Self.lastStartXref(bytes)
        startOffset = start
        var visited = Set<Int>()
        var next: Int? = start
        var newestTrailer: PDFObject?
        while let offset = next {
            guard visited.count < Self.maximumSections else { throw PDFError("more than \(Self.maximumSections) cross-reference sections") }
            guard visited.insert(offset).inserted else { throw PDFError("the cross-reference sections form a loop") }
            let trailer = try readSection(bytes, at: offset)
            if newestTrailer == nil { newestTrailer = trailer }
            size = max(size, trailer["Size"]?.integer ?? 0)
            next = try trailer["Prev"].map { value in
                guard let prev = value.integer, prev >= 0, prev < bytes.count else { throw PDFError("bad /Prev offset in a trailer") }
                return prev
            }
        }
        guard let newestTrailer else { throw PDFError("no trailer") }
        trailer = newestTrailer
    }

    /// Whether `bytes` start like a PDF (`%PDF-` within the first 1024 bytes, as readers allow).
    package static func isPDF(_ bytes: [UInt8]) -> Bool {
        let marker = Array("%PDF-".utf8)
        let window = bytes.prefix(1024)
        guard window.count >= marker.count else { return false }
        return (0...(window.count - marker.count)).contains { index in window[index..<index + marker.count].elementsEqual(marker) }
    }

    /// The offset after the last `startxref` keyword near the end of the file.
    static func lastStartXref(_ bytes: [UInt8]) throws -> Int {
        let keyword = Array("startxref".utf8)
        let lower = max(0, bytes.count - tailWindow)
        var index = bytes.count - keyword.count
        while index >= lower {
            if bytes[index] == keyword[0], bytes[index..<index + keyword.count].elementsEqual(keyword) {
                var syntax = PDFSyntax(bytes, at: index + keyword.count)
                let offset = try syntax.unsigned()
                guard offset < bytes.count else { throw PDFError("startxref points past the end of the file (truncated?)") }
                return offset
            }
            index -= 1
        }
        throw PDFError("no startxref near the end of the file (truncated?)")
    }

    /// Reads the table at `offset` into `offsets` (entries not already known) and returns its trailer.
    private mutating func readSection(_ bytes: [UInt8], at offset: Int) throws -> PDFObject {
        var syntax = PDFSyntax(bytes, at: offset)
        syntax.skipSpace()
        guard syntax.peekToken() == "xref" else {
            if (try? syntax.unsigned()) != nil {
                throw PDFError("the file is indexed by a cross-reference stream, which this reader does not read")
            }
            throw PDFError("no cross-reference table at byte \(offset)")
        }
        try syntax.expect("xref")
        var entries = 0
        while true {
            syntax.skipSpace()
            if syntax.peekToken() == "trailer" { break }
            let first = try syntax.unsigned()
            let count = try syntax.unsigned()
            entries += count
            // Each entry is 20 bytes: no table can list more entries than the file has room for.
            guard entries <= bytes.count / 20, first <= 100_000_000 else { throw PDFError("a cross-reference table larger than the file") }
            syntax.skipSpace()
            for number in first..<first + count {
                let entryStart = syntax.position
                let position = try syntax.unsigned()
                let generation = try syntax.unsigned()
                syntax.skipSpace()
                let kind = syntax.peekToken()
                guard kind == "n" || kind == "f" else { throw PDFError("bad cross-reference entry at byte \(entryStart)") }
                syntax.position += 1
                guard kind == "n", offsets[number] == nil else { continue }
                guard position < bytes.count else { throw PDFError("object \(number) points past the end of the file") }
                offsets[number] = (position, generation)
            }
        }
        try syntax.expect("trailer")
        let trailer = try syntax.object()
        guard case .dictionary = trailer else { throw PDFError("the trailer is not a dictionary") }
        return trailer
    }

    /// The object `number` (checking that `N G obj` is at its offset), with the offset just
    /// after it (where a stream's data would begin).
    package func object(_ number: Int, in bytes: [UInt8]) throws -> (object: PDFObject, end: Int) {
        guard let entry = offsets[number] else { throw PDFError("object \(number) is not in the cross-reference") }
        var syntax = PDFSyntax(bytes, at: entry.offset)
        guard try syntax.unsigned() == number, try syntax.unsigned() == entry.generation else {
            throw PDFError("object \(number) is not where the cross-reference says")
        }
        try syntax.expect("obj")
        let object = try syntax.object()
        return (object, syntax.position)
    }

    /// `object` itself, or what it refers to (one level: a reference to a reference is refused).
    package func resolve(_ object: PDFObject?, in bytes: [UInt8]) throws -> PDFObject? {
        guard let object else { return nil }
        guard case .reference(let number, _) = object else { return object }
        let resolved = try self.object(number, in: bytes).object
        if case .reference = resolved { throw PDFError("object \(number) is a reference to a reference") }
        return resolved
    }

    /// The data of the stream object `number`: uncompressed (`/Filter` absent), `/Length` bytes
    /// after the `stream` keyword, at most `limit` bytes.
    package func streamData(_ number: Int, in bytes: [UInt8], limit: Int) throws -> (dictionary: PDFObject, data: ArraySlice<UInt8>) {
        let (dictionary, end) = try object(number, in: bytes)
        guard case .dictionary = dictionary else { throw PDFError("object \(number) is not a stream") }
        guard dictionary["Filter"] == nil else { throw PDFError("object \(number) is compressed") }
        guard let length = try resolve(dictionary["Length"], in: bytes)?.integer, length >= 0, length <= limit else {
            throw PDFError("object \(number) has no usable /Length")
        }
        var syntax = PDFSyntax(bytes, at: end)
        try syntax.expect("stream")
        // The keyword ends with CR LF or LF (7.3.8.1).
        var start = syntax.position
        if start < bytes.count, bytes[start] == 0x0D { start += 1 }
        guard start < bytes.count, bytes[start] == 0x0A else { throw PDFError("object \(number): no end of line after 'stream'") }
        start += 1
        guard length <= bytes.count - start else { throw PDFError("object \(number): the stream runs past the end of the file") }
        var after = PDFSyntax(bytes, at: start + length)
        try after.expect("endstream")
        return (dictionary, bytes[start..<start + length])
    }
}
