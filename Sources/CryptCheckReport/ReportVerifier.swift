import Foundation

/// Checks a copy of a report as a reader sees it, not only its embedded data: the data must
/// match its digest, and the copy must be byte for byte what this renderer makes of that data
/// (renderers are pure). So an edited verdict, deleted rows, an added `<script>` or a JSON copy
/// with a duplicated key all fail, though the embedded data still matches its digest. A PDF,
/// which Chromium never prints the same twice, is checked by its text instead (`verifyPDF`).
package enum ReportVerifier {
    /// What verifying one copy showed.
    package enum Result: Sendable, Equatable {
        /// Data and digest match, and the copy is exactly what the data renders to.
        case verified(digest: String)
        /// The data does not match its digest.
        case dataModified(digest: String?)
        /// The data matches its digest, but the copy differs from its rendering; `detail` says
        /// where, when known (a PDF's first differing page).
        case copyModified(digest: String, format: String, detail: String? = nil)
        /// Made by another version of the renderer: only the data digest could be checked.
        case otherVersion(version: String, digestMatches: Bool)
        /// No cryptcheck report data in the file.
        case noData
        /// The file's structure could not be read (a truncated or damaged PDF): why.
        case unreadable(reason: String)
    }

    /// Verifies `bytes` (a report.json or a report-*.html), made by `version` of the tool;
    /// `digest` is SHA-256 as lower-case hex.
    package static func verify(_ bytes: [UInt8], version: String, digest: ([UInt8]) -> String) -> Result {
        let text = String(decoding: bytes, as: UTF8.self)
        let isHTML = text.hasPrefix("<")
        guard let json = isHTML ? HTMLReportRenderer.embeddedData(in: text) : text else { return .noData }
        guard let report = try? JSONRenderer.decoder().decode(Report.self, from: Data(json.utf8)) else {
            return otherSchema(json, digest: digest) ?? .noData
        }
        let digestMatches = report.verifies(digest: digest)
        guard report.tool.version == version else { return .otherVersion(version: report.tool.version, digestMatches: digestMatches) }
        guard digestMatches, let recorded = report.dataDigest else { return .dataModified(digest: report.dataDigest) }
        let rendered: String?
        if isHTML {
            let language: ReportLanguage? =
                text.hasPrefix("<!DOCTYPE html>\n<html lang=\"ja\">")
                ? .ja
                : text.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">") ? .en : nil
            rendered = language.flatMap { try? HTMLReportRenderer.render(report, language: $0) }
        } else {
            rendered = try? JSONRenderer.render(report)
        }
        guard let rendered, Array(rendered.utf8) == bytes else { return .copyModified(digest: recorded, format: isHTML ? "HTML" : "JSON") }
        return .verified(digest: recorded)
    }

    /// A report of another schema version (`cryptcheck-report/1`, made before strength was
    /// judged by the end of operation): only its data digest can be checked, over the data as
    /// its writer encoded it.
    static func otherSchema(_ json: String, digest: ([UInt8]) -> String) -> Result? {
        guard let document = try? JSONRenderer.decoder().decode(AnyJSON.self, from: Data(json.utf8)),
            case .object(var members) = document,
            let schema = members["schema"]?.string, schema.hasPrefix("cryptcheck-report/"), schema != Report.currentSchema
        else { return nil }
        let recorded = members.removeValue(forKey: "dataDigest")?.string
        let canonical = (try? JSONRenderer.bytes(AnyJSON.object(members), pretty: false)) ?? []
        let version = (document["tool"]?["version"]?.string ?? "?") + " (\(schema))"
        return .otherVersion(version: version, digestMatches: recorded == "sha256:" + digest(canonical))
    }

    /// Verifies a PDF report: the report data embedded in it (`PDFAttachment`) must match its
    /// digest and be exactly report.json as this version writes it, and the PDF's text,
    /// `pdfText()` (`pdftotext -raw -bbox` of the file, run by the caller), must be the text of
    /// the HTML report that data renders to, in the language recorded with it, as
    /// `PDFTextComparison` normalises both. `pdfText` is called only when the data verifies;
    /// what it throws is passed on.
    package static func verifyPDF(
        _ bytes: [UInt8], version: String, digest: ([UInt8]) -> String, pdfText: () throws -> String
    ) throws -> Result {
        let embedded: PDFAttachment.Embedded
        do {
            guard let found = try PDFAttachment.extract(from: bytes) else { return .noData }
            embedded = found
        } catch let error as PDFError {
            return .unreadable(reason: error.description)
        }
        let json = String(decoding: embedded.data, as: UTF8.self)
        guard let report = try? JSONRenderer.decoder().decode(Report.self, from: Data(embedded.data)) else {
            return otherSchema(json, digest: digest) ?? .noData
        }
        let digestMatches = report.verifies(digest: digest)
        guard report.tool.version == version else { return .otherVersion(version: report.tool.version, digestMatches: digestMatches) }
        guard digestMatches, let recorded = report.dataDigest else { return .dataModified(digest: report.dataDigest) }
        guard let rendered = try? JSONRenderer.render(report), Array(rendered.utf8) == embedded.data else {
            return .copyModified(
                digest: recorded, format: "PDF", detail: "the embedded \(PDFAttachment.fileName) is not what its data renders to")
        }
        guard let language = embedded.language else {
            return .unreadable(reason: "the embedded report data does not say the report's language")
        }
        // The table of contents shows the page each section starts on, as the PDF's own link
        // destinations say, so a number edited in the text does not match. A copy printed from
        // the HTML file (no numbers in its contents) shows nothing false and verifies too.
        let pages = (try? PDFDestinations.pages(in: bytes)) ?? [:]
        let text = try pdfText()
        var first: PDFTextComparison.Difference?
        for shown in pages.isEmpty ? [pages] : [pages, [:]] {
            let html = try HTMLReportRenderer.render(report, language: language, pages: shown)
            guard let difference = PDFTextComparison.compare(html: html, bboxText: text) else { return .verified(digest: recorded) }
            first = first ?? difference
        }
        return .copyModified(digest: recorded, format: "PDF", detail: "its text differs from the report: \(first.map { "\($0)" } ?? "")")
    }
}
