/// The page each named destination of a PDF is on (ISO 32000-1 12.3.2.3): Chromium writes one
/// entry in the catalog's `/Dests` for every element id a link of the page points at, so the
/// table of contents' links give the page each report section starts on. Pages are numbered
/// from 1 in page-tree order (7.7.3.2). The walk is bounded in depth and page count, and a tree
/// that reaches a node twice is refused, so a hostile file cannot keep the reader busy.
package enum PDFDestinations {
    /// Pages read at most.
    static let maximumPages = 100_000
    /// Page-tree levels followed at most.
    static let maximumDepth = 32

    /// The page number of every named destination that points at a page of the file.
    package static func pages(in bytes: [UInt8]) throws -> [String: Int] {
        let xref = try PDFCrossReference(bytes)
        guard case .reference(let root, _)? = xref.trailer["Root"] else { throw PDFError("the trailer has no /Root reference") }
        let catalog = try xref.object(root, in: bytes).object
        var numbers: [Int: Int] = [:]
        var visited = Set<Int>()
        func walk(_ node: PDFObject?, depth: Int) throws {
            guard depth < maximumDepth else { throw PDFError("the page tree is deeper than \(maximumDepth) levels") }
            guard case .reference(let number, _)? = node else { throw PDFError("a page tree node is not an indirect object") }
            guard visited.insert(number).inserted else { throw PDFError("the page tree reaches object \(number) twice") }
            let object = try xref.object(number, in: bytes).object
            if object["Type"] == .name("Page") {
                guard numbers.count < maximumPages else { throw PDFError("more than \(maximumPages) pages") }
                numbers[number] = numbers.count + 1
                return
            }
            guard case .array(let kids)? = try xref.resolve(object["Kids"], in: bytes) else {
                throw PDFError("page tree node \(number) has no /Kids")
            }
            for kid in kids { try walk(kid, depth: depth + 1) }
        }
        try walk(catalog["Pages"], depth: 0)
        guard case .dictionary(let entries)? = try xref.resolve(catalog["Dests"], in: bytes) else { return [:] }
        var pages: [String: Int] = [:]
        for (name, value) in entries {
            // An explicit destination ([page /XYZ left top zoom]), or a dictionary holding one in /D.
            var destination = try xref.resolve(value, in: bytes)
            if let inner = destination?["D"] { destination = try xref.resolve(inner, in: bytes) }
            guard case .array(let parts)? = destination, case .reference(let page, _)? = parts.first, let number = numbers[page] else {
                continue
            }
            pages[name] = number
        }
        return pages
    }
}
