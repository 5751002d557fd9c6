import Foundation

/// One `-----BEGIN LABEL-----` block of a PEM text.
struct PEMBlock {
    let label: String
    /// RFC 1421 headers (`Proc-Type`, `DEK-Info`), if any.
    let headers: [String: String]
    let der: [UInt8]
    /// The block's text from BEGIN to END, for handing to OpenSSL unchanged.
    let text: [UInt8]
}

enum PEM {
    /// Whether the text contains a PEM BEGIN line.
    static func looksLikePEM(_ text: String) -> Bool { text.contains("-----BEGIN ") }

    /// Every block in order. A BEGIN without its END, or a body that is not base64, is an error
    /// naming the block.
    static func blocks(_ text: String) throws -> [PEMBlock] {
        var blocks: [PEMBlock] = []
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)[...]
        while let start = lines.firstIndex(where: { $0.hasPrefix("-----BEGIN ") && $0.hasSuffix("-----") }) {
            let beginLine = lines[start]
            let label = String(beginLine.dropFirst(11).dropLast(5))
            let endMarker = "-----END \(label)-----"
            guard let end = lines[(start + 1)...].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == endMarker }) else {
                throw FormatError("truncated PEM: '\(label)' block has no END line")
            }
            var headers: [String: String] = [:]
            var body = ""
            var inHeaders = true
            for line in lines[(start + 1)..<end] {
                if inHeaders, let colon = line.firstIndex(of: ":") {
                    headers[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    continue
                }
                inHeaders = false
                body += line.trimmingCharacters(in: .whitespaces)
            }
            guard !body.isEmpty, let data = Data(base64Encoded: body) else {
                throw FormatError("bad base64 in PEM '\(label)' block")
            }
            let text = lines[start...end].joined(separator: "\n") + "\n"
            blocks.append(PEMBlock(label: label, headers: headers, der: [UInt8](data), text: Array(text.utf8)))
            lines = lines[(end + 1)...]
        }
        return blocks
    }
}
