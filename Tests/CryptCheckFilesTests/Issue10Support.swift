import CryptCheckModel
import CryptCheckX509
import Foundation

@testable import CryptCheckFiles
@testable import CryptCheckPolicy

/// Inputs made at test time with the openssl CLI, in a temporary directory removed afterwards.
final class Workbench {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cryptcheck-i10a-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Runs `openssl ARGS` in the directory; throws with its error output when it fails.
    func openssl(_ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(
                domain: "openssl", code: Int(process.terminationStatus),
                userInfo: [NSLocalizedDescriptionKey: String(decoding: text, as: UTF8.self)])
        }
    }

    func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: directory.appendingPathComponent(name))) }

    func write(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: directory.appendingPathComponent(name)) }
}

/// A minimal DER builder for crafted inputs.
enum Build {
    static func tlv(_ tag: UInt8, _ value: [UInt8]) -> [UInt8] {
        var length: [UInt8]
        if value.count < 0x80 {
            length = [UInt8(value.count)]
        } else {
            var count = value.count
            var bytes: [UInt8] = []
            while count > 0 { bytes.insert(UInt8(count & 0xFF), at: 0); count >>= 8 }
            length = [0x80 | UInt8(bytes.count)] + bytes
        }
        return [tag] + length + value
    }

    static func sequence(_ parts: [UInt8]...) -> [UInt8] { tlv(0x30, parts.flatMap { $0 }) }

    static func oid(_ dotted: String) -> [UInt8] {
        let arcs = dotted.split(separator: ".").map { UInt64($0)! }
        var body: [UInt8] = []
        for arc in [arcs[0] * 40 + arcs[1]] + arcs.dropFirst(2) {
            var chunk: [UInt8] = [UInt8(arc & 0x7F)]
            var rest = arc >> 7
            while rest > 0 { chunk.insert(UInt8(rest & 0x7F) | 0x80, at: 0); rest >>= 7 }
            body += chunk
        }
        return tlv(0x06, body)
    }

    static func integer(_ bytes: [UInt8]) -> [UInt8] { tlv(0x02, (bytes.first ?? 0) & 0x80 != 0 ? [0] + bytes : bytes) }

    static func algorithm(_ dotted: String, parameters: [UInt8]? = nil) -> [UInt8] {
        sequence(oid(dotted), parameters ?? [])
    }

    static func pem(_ label: String, _ der: [UInt8]) -> [UInt8] {
        let body = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return Array("-----BEGIN \(label)-----\n\(body)\n-----END \(label)-----\n".utf8)
    }
}

/// Parsing and judging in one step.
enum Scan {
    static let judge = Judge(
        policy: Policy(
            list: {
                guard case .ciphers(let list) = try! ListCatalog.builtIn().document(named: "LS-0001-2022R2", asOf: .distantFuture)! else {
                    fatalError()
                }
                return list
            }(), strength: try! ListCatalog.builtIn().strengthRequirements.first, guideline: nil,
            asOf: PolicySelection.parseDay("2026-11-30")!, targetProfile: "recommended"))

    static func items(_ bytes: [UInt8], name: String = "input", passwords: [String] = []) -> (items: [FileItem], errors: [FormatError]) {
        guard case .parsed(let items, let errors) = FileParser.parse(bytes, fileName: name, options: ParseOptions(passwords: passwords))
        else {
            return ([], [FormatError(.unknown, "not cryptographic material")])
        }
        return (items, errors)
    }

    static func findings(_ bytes: [UInt8], path: String = "/scan/input", passwords: [String] = []) -> [Finding] {
        let (items, errors) = items(bytes, name: path, passwords: passwords)
        return judge.fileFindings(
            FileObservation(path: path, items: items, errors: errors.map(\.message), errorCodes: errors.map(\.code)))
    }
}
