import CryptCheckModel
import Foundation

/// Whether a PDF shows what an HTML report says: the PDF's text (as `pdftotext -raw -bbox`
/// gives it: each page's words with their boxes, in the order they are drawn) against the text
/// of the HTML it should have been printed from. Chromium's PDFs differ from print to print and
/// from version to version (line breaks, page breaks, fonts), so the texts are compared after
/// normalisation:
///
/// - Both sides: Unicode NFKC (full-width and half-width forms, ligatures), then every white
///   space character and the invisible formatting characters (soft hyphen, zero-width space and
///   joiners, word joiner, byte order mark) removed. Line and page breaks, and the spaces layout
///   adds or drops, therefore do not count; every visible character does, in order.
/// - HTML: the text of the `<body>` in document order, without what is not drawn: `<script>`,
///   `<style>`, `<template>`, `<title>` and SVG `<desc>` elements, and elements with the `hidden`
///   attribute. List bullets are not text in the PDF either.
/// - PDF: the words inside each page's margins as the HTML's general `@page` rule sets them
///   (page size from the PDF). What lies wholly in a margin is the running header, footer and
///   page number of the CSS margin boxes: compared apart, page by page, with what the `@page`
///   rules' margin boxes show there (`content` strings, `counter(page)`, `counter(pages)`; the
///   boxes in any order, as Chromium's drawing order is not the document's). When the rules use
///   more than that (named or blank pages, other functions), the margins are not compared. At
///   the start of a page, the header row of a table (`<thead>`) that Chromium repeats on every
///   page a table spans is left out when the HTML does not have it there.
///
/// Anything else, a changed, added, removed or reordered character, is a difference.
package enum PDFTextComparison {
    /// Where the texts part: `nil` when they are the same.
    package struct Difference: Sendable, Equatable, CustomStringConvertible {
        /// The page (1-based) where the PDF's text leaves the HTML's.
        package let page: Int
        /// A short excerpt of each side (normalised) at that point.
        package let expected: String
        package let found: String
        package var description: String {
            "page \(page): expected “\(expected)…”, found “\(found)…”"
        }
    }

    /// Compares the `pdftotext -raw -bbox` output `bboxText` with `html`.
    package static func compare(html: String, bboxText: String) -> Difference? {
        let expected = HTMLVisibleText(html)
        let rules = PageRules(css: expected.styles)
        let margins = rules.margins
        let pages = BBoxPages(bboxText)
        var position = 0
        let text = expected.text
        for (index, page) in pages.pages.enumerated() {
            let inMargin = page.words.map { margins.holds($0, pageWidth: page.width, pageHeight: page.height) }
            // The margin boxes: what the style sheet has them show on this page, in any order.
            if let boxes = rules.marginTexts(page: index + 1, of: pages.pages.count) {
                let found = normalise(zip(page.words, inMargin).filter(\.1).map(\.0.text).joined())
                let expectedBoxes = boxes.map(normalise).filter { !$0.isEmpty }
                if !concatenates(found, from: 0, expectedBoxes, used: Array(repeating: false, count: expectedBoxes.count)) {
                    return Difference(
                        page: index + 1,
                        expected: "running header and footer: " + expectedBoxes.map { excerpt($0, from: 0) }.joined(separator: " | "),
                        found: excerpt(found, from: 0))
                }
            }
            let words = zip(page.words, inMargin).filter { !$0.1 }.map(\.0.text)
            var body = normalise(words.joined())
            if index > 0 {
                // Repeated table headers at the top of the page.
                var changed = true
                while changed {
                    changed = false
                    for header in expected.tableHeaders where !header.isEmpty && body.starts(with: header) {
                        if text.count - position >= header.count, text[position..<position + header.count].elementsEqual(header) {
                            continue
                        }
                        body.removeFirst(header.count)
                        changed = true
                    }
                }
            }
            var matched = 0
            while matched < body.count, position + matched < text.count, body[matched] == text[position + matched] { matched += 1 }
            guard matched == body.count else {
                return Difference(
                    page: index + 1, expected: excerpt(text, from: position + matched), found: excerpt(body, from: matched))
            }
            position += body.count
        }
        guard position == text.count else {
            return Difference(page: pages.pages.count, expected: excerpt(text, from: position), found: "")
        }
        return nil
    }

    /// Whether `found[start...]` is the texts of the unused `boxes`, each once, in some order.
    static func concatenates(_ found: [Unicode.Scalar], from start: Int, _ boxes: [[Unicode.Scalar]], used: [Bool]) -> Bool {
        if start == found.count { return !used.contains(false) }
        var tried: [[Unicode.Scalar]] = []
        for (index, box) in boxes.enumerated() where !used[index] && !tried.contains(box) && found[start...].starts(with: box) {
            // Boxes with the same text are interchangeable: one of them is tried at each step.
            tried.append(box)
            var next = used
            next[index] = true
            if concatenates(found, from: start + box.count, boxes, used: next) { return true }
        }
        return false
    }

    /// `text` normalised as above, as Unicode scalars.
    package static func normalise(_ text: String) -> [Unicode.Scalar] {
        text.precomposedStringWithCompatibilityMapping.unicodeScalars.filter { scalar in
            !scalar.properties.isWhitespace && !invisible.contains(scalar.value)
        }
    }

    /// Formatting characters that draw nothing.
    static let invisible: Set<UInt32> = [0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]

    private static func excerpt(_ scalars: [Unicode.Scalar], from start: Int) -> String {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[min(start, scalars.count)..<min(start + 40, scalars.count)])
        return EscapedText.terminalSafe(String(out))
    }
}

/// The text an HTML report draws, in document order, and the text of each table's header row;
/// `styles` is the content of its `<style>` elements. A small tokenizer for the HTML this tool
/// writes (tags, comments, character references), not a general HTML parser.
struct HTMLVisibleText {
    let text: [Unicode.Scalar]
    let tableHeaders: [[Unicode.Scalar]]
    let styles: String

    static let notDrawn: Set<String> = ["head", "script", "style", "template", "title", "desc"]
    static let void: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]

    init(_ html: String) {
        let bytes = Array(html.utf8)
        var text: [Unicode.Scalar] = []
        var tableHeaders: [[Unicode.Scalar]] = []
        var styles = ""
        var index = 0
        var hiddenDepth = 0
        /// Open elements while hidden: their names, to find where hiding ends.
        var hiddenStack: [String] = []
        var header: String?
        var pending = ""
        func flush() {
            guard !pending.isEmpty else { return }
            let decoded = Self.decodeReferences(pending)
            if hiddenDepth == 0 { text += PDFTextComparison.normalise(decoded) }
            if hiddenDepth == 0, header != nil { header! += decoded }
            pending = ""
        }
        while index < bytes.count {
            guard bytes[index] == 0x3C else {
                var end = index
                while end < bytes.count, bytes[end] != 0x3C { end += 1 }
                pending += String(decoding: bytes[index..<end], as: UTF8.self)
                index = end
                continue
            }
            flush()
            // A comment, a doctype or other declaration: skipped whole.
            if bytes[index...].starts(with: Array("<!--".utf8)) {
                index = Self.find(Array("-->".utf8), in: bytes, from: index + 4).map { $0 + 3 } ?? bytes.count
                continue
            }
            guard let close = Self.find([0x3E], in: bytes, from: index) else { break }
            let tag = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
            index = close + 1
            if tag.hasPrefix("!") || tag.hasPrefix("?") { continue }
            let isEnd = tag.hasPrefix("/")
            let name = String(tag.drop { $0 == "/" }.prefix { !$0.isWhitespace && $0 != "/" && $0 != ">" }).lowercased()
            let selfClosing = tag.hasSuffix("/") || Self.void.contains(name)
            if isEnd {
                if hiddenDepth > 0, hiddenStack.last == name {
                    hiddenStack.removeLast()
                    if hiddenStack.isEmpty { hiddenDepth = 0 }
                }
                if name == "thead", let done = header {
                    tableHeaders.append(PDFTextComparison.normalise(done))
                    header = nil
                }
                continue
            }
            if name == "thead" { header = "" }
            guard !selfClosing else { continue }
            if hiddenDepth > 0 {
                hiddenStack.append(name)
            } else if Self.notDrawn.contains(name) || Self.hasHiddenAttribute(tag) {
                hiddenDepth = 1
                hiddenStack = [name]
            }
            // The raw text of <script> and <style> ends only at its end tag.
            if name == "script" || name == "style" {
                let endTag = Array("</\(name)".utf8)
                let end = Self.find(endTag, in: bytes, from: index) ?? bytes.count
                if name == "style" { styles += String(decoding: bytes[index..<end], as: UTF8.self) }
                index = end
            }
        }
        flush()
        self.text = text
        self.tableHeaders = tableHeaders
        self.styles = styles
    }

    private static func hasHiddenAttribute(_ tag: String) -> Bool {
        tag.split(whereSeparator: { $0.isWhitespace }).dropFirst().contains { $0 == "hidden" || $0.hasPrefix("hidden=") }
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, start <= bytes.count - needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`, `&apos;`, `&nbsp;` and numeric references.
    static func decodeReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[amp...]
            guard let semicolon = after.prefix(12).firstIndex(of: ";") else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let name = String(after[after.index(after: amp)..<semicolon])
            let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]
            var value: String?
            if let character = named[name] {
                value = character
            } else if name.hasPrefix("#x") || name.hasPrefix("#X") {
                value = UInt32(name.dropFirst(2), radix: 16).flatMap { Unicode.Scalar($0) }.map { String($0) }
            } else if name.hasPrefix("#") {
                value = UInt32(name.dropFirst()).flatMap { Unicode.Scalar($0) }.map { String($0) }
            }
            if let value {
                out += value
                rest = rest[rest.index(after: semicolon)...]
            } else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
            }
        }
        return out + rest
    }
}

/// The pages of `pdftotext -bbox` output: each page's size and its words with their boxes (in
/// points, origin top left), in the order pdftotext gives them.
struct BBoxPages {
    struct Word {
        let xMin: Double
        let yMin: Double
        let xMax: Double
        let yMax: Double
        let text: String
    }
    struct Page {
        let width: Double
        let height: Double
        var words: [Word] = []
    }
    private(set) var pages: [Page] = []

    init(_ output: String) {
        for line in output.split(separator: "\n") {
            let line = line.drop { $0 == " " }
            if line.hasPrefix("<page ") {
                pages.append(Page(width: Self.attribute("width", in: line) ?? 0, height: Self.attribute("height", in: line) ?? 0))
            } else if line.hasPrefix("<word "), !pages.isEmpty, let open = line.firstIndex(of: ">"),
                let close = line.range(of: "</word>", options: .backwards), open < close.lowerBound
            {
                let text = HTMLVisibleText.decodeReferences(String(line[line.index(after: open)..<close.lowerBound]))
                pages[pages.count - 1].words.append(
                    Word(
                        xMin: Self.attribute("xMin", in: line) ?? 0, yMin: Self.attribute("yMin", in: line) ?? 0,
                        xMax: Self.attribute("xMax", in: line) ?? 0, yMax: Self.attribute("yMax", in: line) ?? 0, text: text))
            }
        }
    }

    private static func attribute(_ name: String, in line: Substring) -> Double? {
        guard let start = line.range(of: " \(name)=\"") else { return nil }
        let rest = line[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return Double(rest[..<end])
    }
}
