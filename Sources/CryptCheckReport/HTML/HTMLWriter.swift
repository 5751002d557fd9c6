import CryptCheckModel

/// Builds HTML text, escaping every piece of data. What it holds is handed on with `flush`
/// before rows kept elsewhere (the spools of a streamed report) are written after it.
struct HTMLWriter {
    private(set) var output = ""

    mutating func raw(_ markup: String) { output += markup }
    mutating func text(_ value: String) { output += escape(value) }

    /// Hands what was built so far to `sink` and starts empty.
    mutating func flush(to sink: ([UInt8]) throws -> Void) throws {
        guard !output.isEmpty else { return }
        try sink(Array(output.utf8))
        output = ""
    }

    mutating func open(_ tag: String, class name: String? = nil) {
        output += "<\(tag)" + (name.map { " class=\"\(escape($0))\"" } ?? "") + ">"
        if ["section", "header", "table", "tbody", "thead", "ul"].contains(tag) { output += "\n" }
    }

    mutating func close(_ tag: String) { output += "</\(tag)>\n" }

    mutating func element(_ tag: String, _ value: String, class name: String? = nil, lang: String? = nil) {
        output += "<\(tag)" + (name.map { " class=\"\(escape($0))\"" } ?? "") + (lang.map { " lang=\"\($0)\"" } ?? "") + ">"
        output += escape(value) + "</\(tag)>"
        if !["td", "th", "span", "code"].contains(tag) { output += "\n" }
    }

    mutating func head(_ columns: [String]) {
        open("thead")
        open("tr")
        for column in columns { element("th", column) }
        close("tr")
        close("thead")
    }

    /// Column widths in percent: fixed layout keeps narrow columns (severity, verdict) readable.
    mutating func columns(_ widths: [Int]) {
        output += "<colgroup>" + widths.map { "<col style=\"width:\($0)%\">" }.joined() + "</colgroup>\n"
    }

    mutating func table(_ columns: [String], rows: [[String]], widths: [Int], rowClasses: [String]? = nil) {
        tableStart(columns, widths: widths)
        for (index, cells) in rows.enumerated() { row(cells, class: rowClasses?[index]) }
        tableEnd()
    }

    /// A fixed-layout table up to its first row; `row` adds the rows, `tableEnd` closes it.
    mutating func tableStart(_ columns: [String], widths: [Int], dense: Bool = false) {
        open("table", class: dense ? "fixed dense" : "fixed")
        self.columns(widths)
        head(columns)
        open("tbody")
    }

    mutating func row(_ cells: [String], class name: String? = nil) {
        open("tr", class: name)
        for cell in cells { element("td", cell) }
        close("tr")
    }

    mutating func tableEnd() {
        close("tbody")
        close("table")
    }
}

func escape(_ text: String) -> String {
    // Control and bidirectional characters from files and servers become visible escapes first.
    let value = EscapedText.terminalSafeLines(text)
    // Most values hold none of the five: no walk over their characters. (These are ASCII bytes,
    // never inside another character's UTF-8, so without them the loop below changes nothing.)
    if !value.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) { return value }
    var out = ""
    out.reserveCapacity(value.count)
    for character in value {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(character)
        }
    }
    return out
}
