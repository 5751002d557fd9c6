import CryptCheckModel

/// The report data inside a PDF report: an embedded file (ISO 32000-1 7.11.4) named
/// `cryptcheck-report.json`, holding exactly the bytes of report.json, listed in the catalog's
/// `/Names /EmbeddedFiles` (so `pdfdetach -list` and viewers' attachment panes show it) and in
/// its `/AF` (associated files, ISO 32000-2 14.13, relationship `/Data`).
///
/// It is added as an incremental update (7.5.6) after the printed file: the printed bytes stay
/// untouched, and the update holds the embedded file, its file specification and a new version
/// of the catalog, with a classic cross-reference table whose trailer points back with `/Prev`.
package enum PDFAttachment {
    /// The name of the embedded report data.
    package static let fileName = "cryptcheck-report.json"
    /// The filespec key that records the report's language (a second-class name: readers ignore it).
    static let languageKey = "CryptCheckLanguage"
    /// The largest embedded data `extract` reads.
    package static let maximumDataSize = 1 << 30

    /// The bytes to append to `pdf` so that it carries `data` (report.json), for a report in
    /// `language`. `pdf` must end with a classic cross-reference table (Chromium's do).
    package static func update(for pdf: [UInt8], data: [UInt8], language: ReportLanguage) throws -> [UInt8] {
        let xref = try PDFCrossReference(pdf)
        guard case .reference(let catalogNumber, let catalogGeneration)? = xref.trailer["Root"] else {
            throw PDFError("the trailer has no /Root reference")
        }
        guard case .dictionary(var catalog) = try xref.object(catalogNumber, in: pdf).object else {
            throw PDFError("the catalog is not a dictionary")
        }
        let size = max(xref.size, (xref.offsets.keys.max() ?? 0) + 1)
        let streamNumber = size
        let specNumber = size + 1
        let specReference = PDFObject.reference(number: specNumber, generation: 0)
        let entry = PDFObject.array([.string(Array(fileName.utf8)), specReference])
        var rewritten: [(number: Int, generation: Int, object: PDFObject)] = []

        // /Names: a new dictionary, or the catalog's own one with /EmbeddedFiles added.
        let names = try xref.resolve(catalog.first { $0.key == "Names" }?.value, in: pdf)
        var namesEntries: [(key: String, value: PDFObject)] = []
        if let names {
            guard case .dictionary(let entries) = names else { throw PDFError("the catalog's /Names is not a dictionary") }
            guard names["EmbeddedFiles"] == nil else { throw PDFError("the PDF has embedded files already") }
            namesEntries = entries
        }
        namesEntries.append(("EmbeddedFiles", .dictionary([("Names", .array(entry.arrayItems))])))
        if case .reference(let number, let generation)? = catalog.first(where: { $0.key == "Names" })?.value {
            rewritten.append((number, generation, .dictionary(namesEntries)))
        } else {
            set(&catalog, "Names", .dictionary(namesEntries))
        }
        switch catalog.first(where: { $0.key == "AF" })?.value {
        case nil: set(&catalog, "AF", .array([specReference]))
        case .array(let files)?: set(&catalog, "AF", .array(files + [specReference]))
        default: throw PDFError("the catalog's /AF is not an array")
        }
        rewritten.append((catalogNumber, catalogGeneration, .dictionary(catalog)))

        // The objects, then the table and the trailer.
        var out: [UInt8] = pdf.last == 0x0A || pdf.last == 0x0D ? [] : [0x0A]
        var offsets: [(number: Int, generation: Int, offset: Int)] = []
        func begin(_ number: Int, _ generation: Int) {
            offsets.append((number, generation, pdf.count + out.count))
            out += Array("\(number) \(generation) obj\n".utf8)
        }
        begin(streamNumber, 0)
        let streamDictionary = PDFObject.dictionary([
            ("Type", .name("EmbeddedFile")), ("Subtype", .name("application/json")), ("Length", .number(String(data.count))),
            ("Params", .dictionary([("Size", .number(String(data.count)))])),
        ])
        out += streamDictionary.serialized + Array("\nstream\n".utf8) + data + Array("\nendstream\nendobj\n".utf8)
        begin(specNumber, 0)
        let name = PDFObject.string(Array(fileName.utf8))
        let spec = PDFObject.dictionary([
            ("Type", .name("Filespec")), ("F", name), ("UF", name),
            ("Desc", .string(Array("cryptcheck report data (report.json): cryptcheck report verify checks this copy against it".utf8))),
            ("AFRelationship", .name("Data")),
            (
                "EF",
                .dictionary([
                    ("F", .reference(number: streamNumber, generation: 0)), ("UF", .reference(number: streamNumber, generation: 0)),
                ])
            ),
            (languageKey, .name(language.rawValue)),
        ])
        out += spec.serialized + Array("\nendobj\n".utf8)
        for (number, generation, object) in rewritten {
            begin(number, generation)
            out += object.serialized + Array("\nendobj\n".utf8)
        }
        let tableOffset = pdf.count + out.count
        out += Array("xref\n".utf8)
        for (number, generation, offset) in offsets.sorted(by: { $0.number < $1.number }) {
            // One subsection per object: simple, and any reader takes it.
            out += Array("\(number) 1\n".utf8)
            out += Array((pad(offset, 10) + " " + pad(generation, 5) + " n\r\n").utf8)
        }
        var trailer: [(key: String, value: PDFObject)] = [("Size", .number(String(specNumber + 1)))]
        for key in ["Root", "Info", "ID"] {
            if let value = xref.trailer[key] { trailer.append((key, value)) }
        }
        trailer.append(("Prev", .number(String(xref.startOffset))))
        out += Array("trailer\n".utf8) + PDFObject.dictionary(trailer).serialized
        out += Array("\nstartxref\n\(tableOffset)\n%%EOF\n".utf8)
        return out
    }

    /// What `extract` found: the embedded report data and the report's language.
    package struct Embedded: Sendable {
        package let data: [UInt8]
        package let language: ReportLanguage?
    }

    /// The embedded report data of `pdf`; `nil` when the PDF is readable but carries none;
    /// a `PDFError` when its structure cannot be read.
    package static func extract(from pdf: [UInt8]) throws -> Embedded? {
        let xref = try PDFCrossReference(pdf)
        guard let catalog = try xref.resolve(xref.trailer["Root"], in: pdf) else { throw PDFError("the trailer has no /Root") }
        guard let names = try xref.resolve(catalog["Names"], in: pdf),
            let files = try xref.resolve(names["EmbeddedFiles"], in: pdf),
            case .array(let pairs)? = try xref.resolve(files["Names"], in: pdf)
        else { return nil }
        var index = 0
        while index + 1 < pairs.count {
            defer { index += 2 }
            guard pairs[index] == .string(Array(fileName.utf8)) else { continue }
            guard let spec = try xref.resolve(pairs[index + 1], in: pdf),
                case .reference(let number, _)? = try xref.resolve(spec["EF"], in: pdf)?["F"]
            else { throw PDFError("the attachment \(fileName) has no embedded file") }
            let data = try xref.streamData(number, in: pdf, limit: maximumDataSize).data
            var language: ReportLanguage?
            if case .name(let code)? = spec[languageKey] { language = ReportLanguage(rawValue: code) }
            return Embedded(data: Array(data), language: language)
        }
        return nil
    }

    private static func set(_ entries: inout [(key: String, value: PDFObject)], _ key: String, _ value: PDFObject) {
        if let index = entries.firstIndex(where: { $0.key == key }) {
            entries[index].value = value
        } else {
            entries.append((key, value))
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension PDFObject {
    fileprivate var arrayItems: [PDFObject] {
        if case .array(let items) = self { return items }
        return [self]
    }
}
