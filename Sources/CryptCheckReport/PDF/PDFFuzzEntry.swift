/// The way in for the PDF fuzz target (`Fuzz/`), which sees only `public` declarations: hostile
/// bytes through the readers `report verify` uses (the attachment, the pages of the link
/// destinations) and through the attachment writer, whose output must read back.
public enum PDFFuzzEntry {
    /// The writer produced a file whose attachment does not read back as written.
    public struct Mismatch: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads `bytes` as a PDF report; when the writer accepts them, attaches a probe and checks
    /// that the reader finds exactly that probe in the result.
    public static func read(_ bytes: [UInt8]) throws {
        _ = try? PDFAttachment.extract(from: bytes)
        _ = try? PDFDestinations.pages(in: bytes)
        let probe = Array("{\"probe\": true}\n".utf8)
        guard let update = try? PDFAttachment.update(for: bytes, data: probe, language: .ja) else { return }
        let back: PDFAttachment.Embedded?
        do {
            back = try PDFAttachment.extract(from: bytes + update)
        } catch {
            throw Mismatch(description: "the attached file does not read back: \(error)")
        }
        guard let back, back.data == probe, back.language == .ja else {
            throw Mismatch(description: "the attachment read back is not the one written")
        }
    }
}
