import CryptCheckModel
import Foundation

/// Writes an `ObservationSet` file (for `cryptcheck evaluate`) file by file, so saving a large
/// scan does not hold it in memory. The result decodes as `ObservationSet`.
package struct ObservationStreamWriter {
    private let handle: FileHandle
    private var first = true
    private let observedAt: Date

    /// Writes to `handle`, which the caller opened (and closes, or commits, after `finish`).
    package init(handle: FileHandle, observedAt: Date = Date()) throws {
        self.handle = handle
        self.observedAt = observedAt
        try write("{\n  \"endpoints\" : [],\n  \"files\" : [")
    }

    private func write(_ text: String) throws { try handle.write(contentsOf: Data(text.utf8)) }

    /// One file's entry, rendered on any thread, for `write`.
    package static func render(_ file: FileObservation) throws -> String { try JSONRenderer.fragment(file, indent: 4) }

    /// Appends a rendered file entry.
    package mutating func write(rendered: String) throws {
        try write((first ? "\n    " : ",\n    ") + rendered)
        first = false
    }

    package func finish(unscanned: [UnscannedTarget]) throws {
        let date = try JSONRenderer.fragment(observedAt, indent: 0)
        try write(first ? "],\n" : "\n  ],\n")
        try write("  \"observedAt\" : \(date),\n  \"schema\" : \"\(ObservationSet.currentSchema)\",\n")
        try write("  \"tool\" : \"cryptcheck scan\",\n  \"unscanned\" : \(try JSONRenderer.fragment(unscanned, indent: 2))\n}\n")
    }
}
