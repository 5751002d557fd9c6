import CryptCheckModel
import CryptCheckTLS
import Foundation

/// Endpoints listed in a file or on standard input (`-f FILE`, `-f -`): one target per line as
/// on the command line (`host`, `host:port`, `proto://host:port`, `host:port{address}`); blank
/// lines and lines starting with `#` are skipped. A line that is not a target is reported with
/// the file's name and its line number and becomes a target not scanned; the others are scanned.
struct TargetsFile {
    /// The targets read, each with the line it came from (`FILE:LINE`).
    var targets: [(place: String, target: EndpointTarget)] = []
    /// The lines that are not targets, as targets not scanned (`target.syntax`).
    var problems: [UnscannedTarget] = []

    /// The most bytes read from one targets file (a million lines of typical length).
    static let sizeLimit = 64 << 20

    /// How a file is named in messages: its path, or "standard input" for `-`.
    static func displayName(_ path: String) -> String { path == "-" ? "standard input" : EscapedText.terminalSafe(path) }

    /// Reads and parses `path` (`-`: standard input). Throws when the file cannot be read.
    static func read(_ path: String) throws -> TargetsFile {
        let name = displayName(path)
        let data: Data
        do {
            let handle = path == "-" ? FileHandle.standardInput : try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            data = try handle.read(upToCount: sizeLimit + 1) ?? Data()
        } catch {
            throw TargetsFileError(description: "\(name): cannot read the targets file: \(error.localizedDescription)")
        }
        guard data.count <= sizeLimit else {
            throw TargetsFileError(description: "\(name): the targets file is larger than \(sizeLimit >> 20) MiB")
        }
        return parse(Array(data), name: name)
    }

    /// Parses the bytes of a targets file called `name` in messages.
    static func parse(_ bytes: [UInt8], name: String) -> TargetsFile {
        var file = TargetsFile()
        for (index, raw) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let place = "\(name):\(index + 1)"
            guard let text = String(validating: raw, as: UTF8.self) else {
                file.problems.append(
                    UnscannedTarget(
                        target: place, reason: "\(place): not UTF-8: \(EscapedText.escape(raw))", code: .targetSyntax))
                continue
            }
            let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            do {
                file.targets.append((place, try EndpointTarget.parse(line)))
            } catch {
                file.problems.append(
                    UnscannedTarget(target: place, reason: "\(place): not a target: \(error.description)", code: .targetSyntax))
            }
        }
        return file
    }
}

/// A targets file that cannot be read: names the file.
struct TargetsFileError: Error, CustomStringConvertible {
    let description: String
}
