/// Colours the text report for a terminal: verdict words, profile results and the summary.
/// Works line by line on the plain rendering, so every text output (also a streamed scan)
/// gets the same colours, and the plain text stays the reference.
package enum TerminalColour {
    static let red = "\u{1B}[31m", green = "\u{1B}[32m", yellow = "\u{1B}[33m", bold = "\u{1B}[1m", dim = "\u{1B}[2m", reset = "\u{1B}[0m"

    static let verdictColours: [(String, String)] = [
        ("FAIL", red), ("PASS", green), ("INDETERMINATE", yellow), ("NOT-APPLICABLE", dim),
        ("FAILS", red), ("MEETS", green), ("UNDECIDED", yellow),
        // `--lang ja`: the same words for findings and profiles.
        ("不適合", red), ("適合", green), ("判定不能", yellow), ("対象外", dim),
    ]

    package static func apply(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count + text.count / 8)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            out += colour(String(line)) + "\n"
        }
        return String(out.dropLast())
    }

    static func colour(_ line: String) -> String {
        let trimmed = line.drop { $0 == " " }
        let indent = line.count - trimmed.count
        if indent == 4, let word = trimmed.split(separator: " ", maxSplits: 1).first,
            let colour = verdictColours.first(where: { $0.0 == String(word) })?.1
        {
            return String(repeating: " ", count: indent) + colour + word + reset + trimmed.dropFirst(word.count)
        }
        for label in ["fix:", "対処:"] where indent == 8 && trimmed.hasPrefix(label + " ") {
            return String(repeating: " ", count: indent) + bold + label + reset + trimmed.dropFirst(label.count)
        }
        if indent == 8, trimmed.hasPrefix("evidence: ") || trimmed.hasPrefix("根拠の水準: ") { return dim + line + reset }
        if ["Summary:", "Violations by severity:", "集計:", "重大度別の不適合:"].contains(where: line.hasPrefix) { return bold + line + reset }
        if line.hasPrefix("Incomplete:") || line.hasPrefix("不完全:") { return yellow + line + reset }
        if line.hasPrefix("Overall: NOT CONFORMANT") || line.hasPrefix("総合判定: 不適合") { return bold + red + line + reset }
        if line.hasPrefix("Overall: CONFORMANT WITH CONDITIONS") || line.hasPrefix("総合判定: 条件付き適合") {
            return bold + yellow + line + reset
        }
        if line.hasPrefix("Overall: CONFORMANT") || line.hasPrefix("総合判定: 適合") { return bold + green + line + reset }
        if line.hasPrefix("総合判定: 判定不能") { return bold + yellow + line + reset }
        if indent == 0, !line.isEmpty, !["cryptcheck", "Judged", "判定基準"].contains(where: line.hasPrefix) { return bold + line + reset }
        return line
    }
}
