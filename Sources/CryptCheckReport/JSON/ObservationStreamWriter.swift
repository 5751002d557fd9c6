import CryptCheckModel
import Foundation

/// Writes an `ObservationSet` file (for `cryptcheck evaluate`) one file or endpoint at a time,
/// so saving a large scan does not hold it in memory. The result decodes as `ObservationSet`,
/// with the same bytes `JSONRenderer.render` gives for the whole set.
package struct ObservationStreamWriter {
    /// Which of the set's arrays is written as it comes (the other is empty).
    package enum Subjects: Sendable { case files, endpoints }

    private let handle: FileHandle
    private var first = true
    private let observedAt: Date
    private let tool: String
    private let subjects: Subjects

    /// Writes to `handle`, which the caller opened (and closes, or commits, after `finish`).
    package init(handle: FileHandle, observedAt: Date = Date(), tool: String = "cryptcheck scan", subjects: Subjects = .files) throws {
        self.handle = handle
        self.observedAt = observedAt
        self.tool = tool
        self.subjects = subjects
        try write(subjects == .files ? "{\n  \"endpoints\" : [],\n  \"files\" : [" : "{\n  \"endpoints\" : [")
    }

    private func write(_ text: String) throws { try handle.write(contentsOf: Data(text.utf8)) }

    /// One file's entry, rendered on any thread, for `write`.
    package static func render(_ file: FileObservation) throws -> String { try JSONRenderer.fragment(file, indent: 4) }

    /// One endpoint's entry, for `write` (a writer made for `.endpoints`).
    package static func render(_ endpoint: TLSEndpointObservation) throws -> String { try JSONRenderer.fragment(endpoint, indent: 4) }

    /// Appends a rendered entry.
    package mutating func write(rendered: String) throws {
        try write((first ? "\n    " : ",\n    ") + rendered)
        first = false
    }

    /// Closes the array and writes the rest of the set: its time (`observedAt`, else the one
    /// given at the start), SSH endpoints (when there are some), tool and unscanned targets.
    package func finish(unscanned: [UnscannedTarget], observedAt end: Date? = nil, sshEndpoints: [SSHEndpointObservation] = []) throws {
        let date = try JSONRenderer.fragment(end ?? observedAt, indent: 0)
        try write(first ? "]," : "\n  ],")
        try write(subjects == .endpoints ? "\n  \"files\" : [],\n" : "\n")
        try write("  \"observedAt\" : \(date),\n  \"schema\" : \"\(ObservationSet.currentSchema)\",\n")
        if !sshEndpoints.isEmpty { try write("  \"sshEndpoints\" : \(try JSONRenderer.fragment(sshEndpoints, indent: 2)),\n") }
        try write("  \"tool\" : \(try JSONRenderer.fragment(tool, indent: 0)),\n")
        try write("  \"unscanned\" : \(try JSONRenderer.fragment(unscanned, indent: 2))\n}\n")
    }
}
