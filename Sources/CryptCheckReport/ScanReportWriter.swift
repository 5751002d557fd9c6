import CryptCheckModel
import CryptCheckPolicy
import Foundation

/// Writes a scan's report as files are judged, so output and memory do not grow with the tree.
/// `render` is pure and runs on worker threads; `write` puts rendered parts out in order.
public protocol ScanReportWriter {
    /// One subject's part of the report (a file with its inventory, or an unscanned target),
    /// as UTF-8.
    static func render(subject: String, file: FileObservation?, findings: [Finding]) throws -> [UInt8]
    mutating func begin(lists: [ListReference], asOf: String, targetProfile: String) throws
    mutating func write(_ rendered: [UInt8])
    mutating func end(summary: EvaluationSummary, scan: ScanSummary, unscanned: [UnscannedTarget]) throws
}

/// The text report: header, a block per file with its inventory and findings, the summaries.
public struct TextScanWriter: ScanReportWriter {
    private let output: ([UInt8]) -> Void

    public init(output: @escaping ([UInt8]) -> Void) { self.output = output }

    public static func render(subject: String, file: FileObservation?, findings: [Finding]) -> [UInt8] {
        Array(EvaluationTextRenderer.block(subject, findings: findings, file: file).utf8)
    }

    public mutating func begin(lists: [ListReference], asOf: String, targetProfile: String) {
        output(Array(EvaluationTextRenderer.header(lists: lists, asOf: asOf).utf8))
    }

    public mutating func write(_ rendered: [UInt8]) { output(rendered) }

    public mutating func end(summary: EvaluationSummary, scan: ScanSummary, unscanned: [UnscannedTarget]) {
        output(Array(("\n" + EvaluationTextRenderer.summary(summary)).utf8))
        output(Array(ScanSummaryTextRenderer.render(scan, unscanned: unscanned).utf8))
    }
}

/// The JSON report, `ScanReport` written piece by piece: the findings array is streamed, the
/// counts come at the end. A JSON decoder reads it back as `ScanReport`; its published schema
/// is `Schemas/cryptcheck-scan-1.schema.json`.
public struct JSONScanWriter: ScanReportWriter {
    private let output: ([UInt8]) -> Void
    private var lists: [ListReference] = []
    private var targetProfile = ""
    private var first = true

    public init(output: @escaping ([UInt8]) -> Void) { self.output = output }

    private func output(_ text: String) { output(Array(text.utf8)) }

    public static func render(subject: String, file: FileObservation?, findings: [Finding]) throws -> [UInt8] {
        var out = JSONOutput(keySeparator: " : ", capacity: findings.count * 2048)
        for (index, finding) in findings.enumerated() {
            if index > 0 { out.raw(",\n      ") }
            FindingJSON.writeCached(finding, to: &out, indent: 6)
        }
        return out.bytes
    }

    public mutating func begin(lists: [ListReference], asOf: String, targetProfile: String) throws {
        self.lists = lists
        self.targetProfile = targetProfile
        output("{\n  \"evaluation\" : {\n    \"asOf\" : \(try JSONRenderer.fragment(asOf, indent: 0)),\n    \"findings\" : [")
    }

    public mutating func write(_ rendered: [UInt8]) {
        guard !rendered.isEmpty else { return }
        output(first ? "\n      " : ",\n      ")
        output(rendered)
        first = false
    }

    public mutating func end(summary: EvaluationSummary, scan: ScanSummary, unscanned: [UnscannedTarget]) throws {
        output(first ? "],\n" : "\n    ],\n")
        output("    \"lists\" : \(try JSONRenderer.fragment(lists, indent: 4)),\n")
        output("    \"profiles\" : [],\n")
        output("    \"schema\" : \(try JSONRenderer.fragment(Evaluation.currentSchema, indent: 0)),\n")
        output("    \"summary\" : \(try JSONRenderer.fragment(summary, indent: 4)),\n")
        output("    \"targetProfile\" : \(try JSONRenderer.fragment(targetProfile, indent: 0)),\n")
        output("    \"unscanned\" : \(try JSONRenderer.fragment(unscanned, indent: 4))\n  },\n")
        output("  \"scan\" : \(try JSONRenderer.fragment(scan, indent: 2)),\n")
        output("  \"schema\" : \(try JSONRenderer.fragment(ScanReport.currentSchema, indent: 0))\n}\n")
    }
}
