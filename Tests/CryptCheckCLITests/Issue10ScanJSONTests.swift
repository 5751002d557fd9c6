import CryptCheckModel
import CryptCheckPolicy
import Foundation
import TestSupport
import Testing

@testable import CryptCheckReport

/// Issue 10 item 25: `cryptcheck scan --format json` lists each file's items, not only the
/// findings, in its published schema.
@Suite("The streamed scan JSON carries every file's items", .serialized)
struct ScanJSONItemsTests {
    /// One row of Fixtures/files/MANIFEST.tsv, by column name.
    typealias Row = [String: String]

    static func manifest() throws -> [Row] {
        let text = try String(contentsOfFile: packageRoot + "/Fixtures/files/MANIFEST.tsv", encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        return lines.dropFirst().map {
            Dictionary(uniqueKeysWithValues: zip(header, $0 + Array(repeating: "", count: max(0, header.count - $0.count))))
        }
    }

    /// A scan of the fixture tree: the JSON document and the saved observations of the same run.
    /// The manifest describes what is read without a password; with one, more is read.
    static func scan(_ directory: URL, password: Bool = true) throws -> (json: String, report: ScanReport, observations: ObservationSet) {
        let json = directory.appendingPathComponent("scan.json").path, saved = directory.appendingPathComponent("observations.json").path
        let result = try CLI.run(
            ["scan", "Fixtures/files"] + (password ? ["--password", "changeit"] : [])
                + ["--format", "json", "-o", json, "--save-observations", saved, "--as-of", "2026-11-30"])
        #expect([1, 2].contains(result.status) && result.stdout.isEmpty, "\(result.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: json))
        return (
            json, try JSONRenderer.decoder().decode(ScanReport.self, from: data),
            try JSONRenderer.decoder().decode(ObservationSet.self, from: Data(contentsOf: URL(fileURLWithPath: saved)))
        )
    }

    @Test func itemsEqualTheSavedObservations() throws {
        for password in [true, false] {
            let directory = try CLI.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let (_, report, observations) = try Self.scan(directory, password: password)
            // Exactly what the observation file of the same run holds (written by the Codable
            // encoder), so no field of the model is left out.
            #expect(report.files == observations.files)
            #expect((report.files ?? []).flatMap(\.items).count > 50)
        }
    }

    /// Each manifest row's facts, as FixtureManifestTests reads them (an empty cell is not
    /// stated by the generator), and exactly the rows' items per file.
    @Test func itemsMatchTheManifest() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (_, report, _) = try Self.scan(directory, password: false)
        let files = try #require(report.files, "the scan JSON has no files")
        let byPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let rows = try Self.manifest()
        #expect(rows.count > 40)
        for (file, fileRows) in Dictionary(grouping: rows, by: { $0["file"]! }) {
            let observed = try #require(byPath["Fixtures/files/" + file], "\(file) is not in the scan JSON")
            if let error = fileRows.first?["error"], !error.isEmpty {
                #expect(observed.items.isEmpty && !observed.errors.isEmpty, "\(file)")
                continue
            }
            #expect(observed.items.count == fileRows.count, "\(file): \(observed.items.map(\.kind))")
            for row in fileRows {
                let item = try #require(observed.items.first { String($0.position) == row["position"] }, "\(file)#\(row["position"]!)")
                #expect(item.kind.rawValue == row["kind"], "\(file)#\(item.position) kind")
                #expect(item.format == row["format"], "\(file)#\(item.position) format")
                let key = item.key ?? item.certificate?.publicKey
                if row["key"] != "" { #expect(key?.algorithm.rawValue == row["key"], "\(file)#\(item.position) key") }
                if row["bits"] != "" { #expect(key?.bits.map(String.init) == row["bits"], "\(file)#\(item.position) bits") }
                if row["curve"] != "" { #expect(key?.curve == row["curve"], "\(file)#\(item.position) curve") }
                let signature = item.signature ?? item.certificate?.signature
                if row["sig_scheme"] != "" {
                    #expect(signature?.scheme?.rawValue == row["sig_scheme"], "\(file)#\(item.position) signature")
                }
                #expect((signature?.hash?.rawValue ?? "") == row["sig_hash"], "\(file)#\(item.position) signature hash")
                let protection = item.protection.map {
                    [$0.role.rawValue, $0.primitive.rawValue, $0.hash?.rawValue ?? "", $0.keyBits.map(String.init) ?? ""].joined(
                        separator: ":")
                }
                #expect(protection.isEmpty == (row["protection"] == ""), "\(file)#\(item.position) protection \(protection)")
            }
        }
        // A file with no cryptographic material is counted, not listed.
        #expect(byPath["Fixtures/files/broken/notes.txt"] == nil && byPath["Fixtures/files/MANIFEST.tsv"] == nil)
    }

    @Test func validatesAgainstItsSchemaAndABrokenItemDoesNot() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (json, _, _) = try Self.scan(directory)
        let validator = SchemaValidationTests()
        let schema = "Schemas/cryptcheck-scan-2.schema.json"
        let valid = try validator.validate(schema, json)
        #expect(valid.status == 0, "\(valid.output)")
        let text = try String(contentsOfFile: json, encoding: .utf8)
        for (from, to) in [
            ("\"kind\" : \"certificate\"", "\"kind\" : \"potato\""), ("\"isCA\" : false", "\"isCA\" : \"no\""),
            ("\"sha256Fingerprint\" : \"", "\"sha256Fingerprint\" : \"X"), ("\"position\" : 1", "\"position\" : 0"),
        ] {
            #expect(text.contains(from), "\(from)")
            let broken = directory.appendingPathComponent("broken.json").path
            try text.replacingOccurrences(of: from, with: to).write(toFile: broken, atomically: true, encoding: .utf8)
            #expect(try validator.validate(schema, broken).status == 1, "\(to) passed validation")
        }
        // A document written before `files` existed stays valid.
        var old = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        old["files"] = nil
        let oldPath = directory.appendingPathComponent("old.json").path
        try JSONSerialization.data(withJSONObject: old).write(to: URL(fileURLWithPath: oldPath))
        #expect(try validator.validate(schema, oldPath).status == 0)
    }

    /// Every kind and key algorithm the model can produce is allowed by the schema the items are
    /// validated against (the scan schema takes both enumerations from the report schema).
    @Test func schemaAllowsEveryItemKindAndKeyAlgorithm() throws {
        func load(_ name: String) throws -> [String: Any] {
            let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Schemas/" + name))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
        let scan = try load("cryptcheck-scan-2.schema.json"), report = try load("cryptcheck-report-2.schema.json")
        func resolve(_ node: [String: Any], in document: [String: Any]) throws -> [String: Any] {
            guard let ref = node["$ref"] as? String else { return node }
            let parts = ref.split(separator: "#", maxSplits: 1).map(String.init)
            var target: Any = parts[0].isEmpty ? document : (parts[0] == "cryptcheck-report-2.schema.json" ? report : [:])
            for component in parts[1].split(separator: "/") {
                target = try #require((target as? [String: Any])?[String(component)], "\(ref)")
            }
            let resolved = try #require(target as? [String: Any])
            return try resolve(resolved, in: parts[0].isEmpty ? document : report)
        }
        let definitions = try #require(scan["definitions"] as? [String: Any])
        let item = try #require(definitions["fileItem"] as? [String: Any])
        let properties = try #require(item["properties"] as? [String: Any])
        let kindNode = try #require(properties["kind"] as? [String: Any])
        let kinds = try #require(try resolve(kindNode, in: scan)["enum"] as? [String])
        for kind in FileItemKind.allCases { #expect(kinds.contains(kind.rawValue), "the schema does not allow item kind \(kind.rawValue)") }
        let keyNode = try #require(properties["key"] as? [String: Any])
        let key = try resolve(keyNode, in: scan)
        let algorithmNode = (key["properties"] as? [String: Any])?["algorithm"] as? [String: Any]
        let algorithms = try #require(algorithmNode?["enum"] as? [String])
        for algorithm in KeyAlgorithm.allCases {
            #expect(algorithms.contains(algorithm.rawValue), "the schema does not allow key algorithm \(algorithm.rawValue)")
        }
    }

    /// The PEM bodies of every fixture (keys, certificates, requests) appear nowhere in the JSON.
    @Test func noKeyMaterialInTheOutput() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (json, _, _) = try Self.scan(directory)
        let text = try String(contentsOfFile: json, encoding: .utf8)
        var checked = 0
        let root = URL(fileURLWithPath: packageRoot + "/Fixtures/files")
        for case let url as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)! {
            guard let content = try? String(contentsOf: url, encoding: .utf8), content.contains("-----BEGIN") else { continue }
            for line in content.split(separator: "\n") where line.count >= 40 && !line.contains(" ") && !line.contains(":") {
                checked += 1
                #expect(!text.contains(line), "\(url.lastPathComponent): a PEM body line is in the scan JSON")
            }
        }
        #expect(checked > 100)
    }
}
