/// Colours the text report for a terminal: verdict words, profile results and the summary.
/// Works line by line on the plain rendering, so every text output (also a streamed scan)
/// gets the same colours, and the plain text stays the reference.
public enum TerminalColour {
    static let red = "\u{1B}[31m", green = "\u{1B}[32m", yellow = "\u{1B}[33m", bold = "\u{1B}[1m", dim = "\u{1B}[2m", reset = "\u{1B}[0m"

    static let verdictColours: [(String, String)] = [
        ("FAIL", red), ("PASS", green), ("INDETERMINATE", yellow), ("NOT-APPLICABLE", dim),
        ("FAILS", red), ("MEETS", green), ("UNDECIDED", yellow),
    ]

    public static func apply(_ text: String) -> String {
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
        if indent == 8, trimmed.hasPrefix("fix: ") {
            return String(repeating: " ", count: indent) + bold + "fix:" + reset + trimmed.dropFirst(4)
        }
        if indent == 8, trimmed.hasPrefix("evidence: ") { return dim + line + reset }
        if line.hasPrefix("Summary:") || line.hasPrefix("Violations by severity:") { return bold + line + reset }
        if line.hasPrefix("Incomplete:") { return yellow + line + reset }
        if line.hasPrefix("Overall: NOT CONFORMANT") { return bold + red + line + reset }
        if line.hasPrefix("Overall: CONFORMANT WITH CONDITIONS") { return bold + yellow + line + reset }
        if line.hasPrefix("Overall: CONFORMANT") { return bold + green + line + reset }
        if indent == 0, !line.isEmpty, !line.hasPrefix("cryptcheck"), !line.hasPrefix("Judged") { return bold + line + reset }
        return line
    }
}
