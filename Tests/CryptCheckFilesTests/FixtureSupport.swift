import CryptCheckModel
import Foundation

@testable import CryptCheckFiles

/// The committed fixtures and their manifest (written by Scripts/make-fixtures.sh).
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/files")

    struct Row {
        let file: String, position: Int, kind: String, format: String, key: String, bits: String, curve: String
        let scheme: String, hash: String, protection: String, error: String
    }

    static let manifest: [Row] = {
        let text = try! String(contentsOf: root.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Row(
                file: cells[0], position: Int(cells[1])!, kind: cells[2], format: cells[3], key: cells[4],
                bits: cells[5], curve: cells[6], scheme: cells[7], hash: cells[8], protection: cells[9], error: cells[10])
        }
    }()

    static func bytes(_ file: String) -> [UInt8] {
        [UInt8](try! Data(contentsOf: root.appendingPathComponent(file)))
    }

    static func parse(_ file: String, passwords: [String] = []) -> ParseResult {
        FileParser.parse(bytes(file), fileName: (file as NSString).lastPathComponent, options: ParseOptions(passwords: passwords))
    }

    /// The manifest's notation for an envelope: role:primitive[-keybits][/hash][#iterations];...
    static func notation(_ protection: [ProtectionAlgorithm]) -> String {
        protection.map { algorithm in
            var text = "\(algorithm.role):\(algorithm.primitive)"
            if let bits = algorithm.keyBits { text += "-\(bits)" }
            if let hash = algorithm.hash { text += "/\(hash)" }
            if let iterations = algorithm.iterations { text += "#\(iterations)" }
            return text
        }.joined(separator: ";")
    }
}
