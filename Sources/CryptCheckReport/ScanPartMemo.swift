import CryptCheckModel
import CryptCheckPolicy
import Foundation
import Synchronization

/// A file's judged and rendered part of a streamed scan, remembered by what was observed in it
/// (everything but its path), so the copies of one file (a CA bundle or a JDK's `cacerts` in
/// every application, certificates copied into each container layer) are judged and rendered
/// once and their later copies cost a comparison and a copy.
///
/// What a file's part says depends on its observation, and on its path only through the path's
/// text: the subject of its findings (`path`, `path#2`), the item of an error finding, the file
/// entry's `path`. A template is rendered with a path no file has (a random token) and cut at
/// every occurrence of that token; a copy's part is the template joined with its own path,
/// escaped as the format escapes a path (JSON string escaping and terminal escaping both work
/// character by character, so escaping a path and a suffix is escaping each). A template is
/// kept only when joining it with the path of the file it was made for gives exactly what was
/// rendered for that file, so a format that ever used a path otherwise could not go unnoticed.
///
/// Bounded: a content is remembered when it is met the second time (a tree of distinct files
/// keeps only their digests, `seenLimit` of them), and at most `byteLimit` bytes of templates.
final class ScanPartMemo: Sendable {
    /// A file's part cut at its path.
    struct Template: Sendable {
        let tally: FindingTally
        let report: [[UInt8]]
        let inventory: [[UInt8]]
    }

    /// The observation without its path; hashed by its digest alone (equal files hash alike,
    /// and the comparison of two copies is quick: their items are most often the same arrays).
    private struct Key: Hashable {
        let file: FileObservation

        init(_ file: FileObservation) {
            var file = file
            file.path = ""
            self.file = file
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(file.sha256)
            hasher.combine(file.items.count)
        }
    }

    static let seenLimit = 1 << 16
    static let byteLimit = 32 << 20

    private struct State {
        var templates: [Key: Template] = [:]
        /// The contents met once, by the first 64 bits of their SHA-256 (hex digits as nibbles; a
        /// collision only makes a template that the lookup's comparison then sets aside).
        var sightings = Sightings<UInt64>(limit: ScanPartMemo.seenLimit)
        var bytes = 0
        var hits = 0
    }

    private let state = Mutex(State())
    /// How many parts were made from a template (for tests).
    var hits: Int { state.withLock { $0.hits } }
    private let format: StreamedScan.Format
    /// Stands for the path in a template: no path or observed text holds it.
    private let token: String

    init(format: StreamedScan.Format) {
        self.format = format
        token = "cryptcheck-path-" + (0..<4).map { _ in String(UInt32.random(in: .min ... .max), radix: 16) }.joined(separator: "-")
    }

    /// The part of `file` from a template, when one was made for its observation.
    func part(of file: FileObservation) -> (tally: FindingTally, report: ScanReportPart)? {
        guard file.sha256 != nil else { return nil }
        let key = Key(file)
        guard
            let template = state.withLock({ state in
                state.templates[key].map { template in
                    state.hits += 1
                    return template
                }
            })
        else { return nil }
        let path = escaped(file.path)
        return (template.tally, ScanReportPart(report: Self.join(template.report, path), inventory: Self.join(template.inventory, path)))
    }

    /// Notes that `file` was judged to `rendered`; the second time its content is met, asks
    /// `render` for its part under a token path and keeps that as a template when it checks out.
    func offer(_ file: FileObservation, rendered: ScanReportPart, render: (FileObservation) throws -> (FindingTally, ScanReportPart)) {
        guard let sha256 = file.sha256 else { return }
        let digest = sha256.utf8.prefix(16).reduce(UInt64(0)) { $0 << 4 | UInt64(($1 <= 0x39 ? $1 &- 0x30 : $1 &- 0x57) & 0x0F) }
        let secondSighting = state.withLock { $0.sightings.metBefore(digest) && $0.bytes < Self.byteLimit }
        guard secondSighting else { return }
        var stand = file
        stand.path = token
        guard let (tally, part) = try? render(stand) else { return }
        let template = Template(tally: tally, report: cut(part.report), inventory: cut(part.inventory))
        let path = escaped(file.path)
        guard Self.join(template.report, path) == rendered.report, Self.join(template.inventory, path) == rendered.inventory else {
            return
        }
        state.withLock { state in
            let key = Key(file)
            guard state.templates[key] == nil, state.bytes < Self.byteLimit else { return }
            state.templates[key] = template
            state.bytes += part.report.count + part.inventory.count
        }
    }

    /// The path as the format writes it inside its text.
    private func escaped(_ path: String) -> [UInt8] {
        switch format {
        case .text:
            return Array(EscapedText.terminalSafe(path).utf8)
        case .json:
            var out = JSONOutput()
            out.string(path)
            return Array(out.written.dropFirst().dropLast())
        }
    }

    /// `bytes` cut at every occurrence of the token.
    private func cut(_ bytes: [UInt8]) -> [[UInt8]] {
        let needle = Array(token.utf8)
        var pieces: [[UInt8]] = []
        var start = 0
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) {
                pieces.append(Array(bytes[start..<index]))
                index += needle.count
                start = index
            } else {
                index += 1
            }
        }
        pieces.append(Array(bytes[start...]))
        return pieces
    }

    private static func join(_ pieces: [[UInt8]], _ path: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(pieces.reduce(0) { $0 + $1.count } + path.count * (pieces.count - 1))
        for (index, piece) in pieces.enumerated() {
            if index > 0 { out.append(contentsOf: path) }
            out.append(contentsOf: piece)
        }
        return out
    }
}
