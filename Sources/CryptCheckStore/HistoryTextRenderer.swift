import CryptCheckModel

/// `cryptcheck history` as text: one line per scan, newest first.
package enum HistoryTextRenderer {
    package static func render(_ target: String, _ entries: [HistoryEntry]) -> String {
        guard !entries.isEmpty else { return "\(EscapedText.terminalSafe(target)): no scans in the store\n" }
        var lines = [
            "scan  started (UTC)             tool              lists                                     verdict        violations  indeterminate"
        ]
        for entry in entries {
            let tool = entry.tool.replacingOccurrences(of: "cryptcheck ", with: "")
            lines.append(
                [
                    pad(String(entry.scanId), 5), pad(entry.startedAt, 25), pad(tool, 17), pad(entry.lists.joined(separator: ","), 41),
                    pad(entry.verdict + (entry.interrupted ? "*" : ""), 14), pad(String(entry.violations), 11),
                    String(entry.indeterminate),
                ].joined(separator: " "))
        }
        if entries.contains(where: \.interrupted) { lines.append("* interrupted (SIGINT): what was not scanned is indeterminate") }
        return EscapedText.terminalSafeLines(lines.joined(separator: "\n")) + "\n"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
