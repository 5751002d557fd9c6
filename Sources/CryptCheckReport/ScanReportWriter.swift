import CryptCheckModel
import CryptCheckPolicy
import Foundation

/// Writes a scan's report as files are judged, so output and memory do not grow with the tree.
/// `render` is pure and runs on worker threads; `write` puts rendered parts out in order.
package protocol ScanReportWriter {
    /// One subject's part of the report (a file with its inventory, or an unscanned target).
    static func render(subject: String, file: FileObservation?, findings: [Finding]) throws -> ScanReportPart
    mutating func begin(lists: [ListReference], asOf: String, operationEnd: OperationEnd, targetProfile: String) throws
    mutating func write(_ rendered: ScanReportPart)
    mutating func end(summary: EvaluationSummary, scan: ScanSummary, unscanned: [UnscannedTarget]) throws
}

/// One subject's rendered part of a scan report, as UTF-8.
package struct ScanReportPart: Sendable {
    /// What is written in place, in path order: the text block, or the JSON findings.
    package var report: [UInt8]
    /// The file's entry in a list kept apart from the findings (the JSON `files`); empty when
    /// the format has none or the subject is not a file.
    package var inventory: [UInt8]

    package init(report: [UInt8], inventory: [UInt8] = []) {
        self.report = report
        self.inventory = inventory
    }
}

/// The text report: header, a block per file with its inventory and findings, the summaries.
package struct TextScanWriter: ScanReportWriter {
    private let output: ([UInt8]) -> Void
    private let language: ReportLanguage

    /// `language`: of the headings, verdict words and summaries (`--lang`).
    package init(output: @escaping ([UInt8]) -> Void, language: ReportLanguage = .en) {
        self.output = output
        self.language = language
    }

    package static func render(subject: String, file: FileObservation?, findings: [Finding]) -> ScanReportPart {
        render(subject: subject, file: file, findings: findings, language: .en)
    }

    /// One subject's block in `language`.
    package static func render(subject: String, file: FileObservation?, findings: [Finding], language: ReportLanguage) -> ScanReportPart {
        ScanReportPart(report: Array(EvaluationTextRenderer.block(subject, findings: findings, file: file, language: language).utf8))
    }

    package mutating func begin(lists: [ListReference], asOf: String, operationEnd: OperationEnd, targetProfile: String) {
        output(Array(EvaluationTextRenderer.header(lists: lists, asOf: asOf, operationEnd: operationEnd, language: language).utf8))
    }

    package mutating func write(_ rendered: ScanReportPart) { output(rendered.report) }

    package mutating func end(summary: EvaluationSummary, scan: ScanSummary, unscanned: [UnscannedTarget]) {
        output(Array(("\n" + EvaluationTextRenderer.summary(summary, language: language)).utf8))
        output(Array(ScanSummaryTextRenderer.render(scan, unscanned: unscanned, language: language).utf8))
    }
}

/// The JSON report, `ScanReport` written piece by piece: the findings array is streamed; each
/// file's entry (its items) is put aside in a `ByteSpool` and the `files` array written after the
/// evaluation, then the counts. A JSON decoder reads it back as `ScanReport`; its published
/// schema is `Schemas/cryptcheck-scan-2.schema.json`.
package struct JSONScanWriter: ScanReportWriter {
    private let output: ([UInt8]) -> Void
    private var lists: [ListReference] = []
    private var targetProfile = ""
    private var operationEnd = OperationEnd(date: "", given: false)
    private var first = true
    private let files: ByteSpool

    package init(output: @escaping ([UInt8]) -> Void) { self.init(output: output, spoolLimit: 1 << 20) }

    /// `spoolLimit`: how many bytes of file entries stay in memory before going to a temporary file.
    init(output: @escaping ([UInt8]) -> Void, spoolLimit: Int) {
        self.output = output
        files = ByteSpool(limit: spoolLimit)
    }

    private func output(_ text: String) { output(Array(text.utf8)) }

    package static func render(subject: String, file: FileObservation?, findings: [Finding]) throws -> ScanReportPart {
        var out = JSONOutput(keySeparator: " : ", capacity: findings.count * 2048)
        for (index, finding) in findings.enumerated() {
            if index > 0 { out.raw(",\n      ") }
            FindingJSON.writeCached(finding, to: &out, indent: 6)
        }
        guard let file else { return ScanReportPart(report: out.takeBytes()) }
        var inventory = JSONOutput(keySeparator: " : ", capacity: 1024 * max(1, file.items.count))
        FileObservationJSON.write(file, to: &inventory, indent: 4)
        return ScanReportPart(report: out.takeBytes(), inventory: inventory.takeBytes())
    }

    package mutating func begin(lists: [ListReference], asOf: String, operationEnd: OperationEnd, targetProfile: String) throws {
        self.lists = lists
        self.targetProfile = targetProfile
        self.operationEnd = operationEnd
        output("{\n  \"evaluation\" : {\n    \"asOf\" : \(try JSONRenderer.fragment(asOf, indent: 0)),\n    \"findings\" : [")
    }

    package mutating func write(_ rendered: ScanReportPart) {
        if !rendered.inventory.isEmpty {
            files.append(Array((files.isEmpty ? "\n    " : ",\n    ").utf8))
            files.append(rendered.inventory)
        }
        guard !rendered.report.isEmpty else { return }
        output(first ? "\n      " : ",\n      ")
        output(rendered.report)
        first = false
    }

    package mutating func end(summary: EvaluationSummary, scan: ScanSummary, unscanned: [UnscannedTarget]) throws {
        output(first ? "],\n" : "\n    ],\n")
        output("    \"lists\" : \(try JSONRenderer.fragment(lists, indent: 4)),\n")
        output("    \"operationEnd\" : \(try JSONRenderer.fragment(operationEnd, indent: 4)),\n")
        output("    \"profiles\" : [],\n")
        output("    \"schema\" : \(try JSONRenderer.fragment(Evaluation.currentSchema, indent: 0)),\n")
        output("    \"summary\" : \(try JSONRenderer.fragment(summary, indent: 4)),\n")
        output("    \"targetProfile\" : \(try JSONRenderer.fragment(targetProfile, indent: 0)),\n")
        output("    \"unscanned\" : \(try JSONRenderer.fragment(unscanned, indent: 4))\n  },\n")
        let empty = files.isEmpty
        output(empty ? "  \"files\" : [],\n" : "  \"files\" : [")
        try files.drain { output($0) }
        if !empty { output("\n  ],\n") }
        output("  \"scan\" : \(try JSONRenderer.fragment(scan, indent: 2)),\n")
        output("  \"schema\" : \(try JSONRenderer.fragment(ScanReport.currentSchema, indent: 0))\n}\n")
    }
}
