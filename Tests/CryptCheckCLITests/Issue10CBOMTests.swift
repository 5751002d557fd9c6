import CryptCheckModel
import CryptCheckPolicy
import Foundation
import TestSupport
import Testing

@testable import CryptCheckReport

/// Issue 10 item 24: the CBOM's algorithm assets are the primitives the findings judged, each
/// with the status the finding gave it, and nothing the renderer named on its own.
@Suite("CBOM algorithm assets come from the findings", .serialized)
struct CBOMAlgorithmAssetTests {
    /// The algorithm assets of a CBOM by (primitive, detail), with their statuses per list.
    struct Assets {
        var statuses: [String: [String: [String]]] = [:]
        var refs: Set<String> = []
        var dependedOn: Set<String> = []
        /// `algorithmRef`s of keys and `signatureAlgorithmRef`s of certificates.
        var pointers: [String] = []
        var keysWithoutAlgorithm: [String] = []
        var certificatesWithoutSignature: [String] = []
    }

    static func key(_ primitive: String, _ detail: String?) -> String { primitive + "|" + (detail ?? "") }

    static func assets(_ cbom: String) throws -> Assets {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(cbom.utf8)) as? [String: Any])
        let components = try #require(document["components"] as? [[String: Any]])
        var assets = Assets()
        for component in components {
            let crypto = component["cryptoProperties"] as? [String: Any]
            let properties = (component["properties"] as? [[String: String]]) ?? []
            func property(_ name: String) -> String? { properties.first { $0["name"] == name }?["value"] }
            switch crypto?["assetType"] as? String {
            case "algorithm":
                let primitive = try #require(property("cryptcheck:primitive"), "\(component["bom-ref"] ?? "?") names no primitive")
                var byList: [String: [String]] = [:]
                for entry in properties where entry["name"]?.hasPrefix("cryptcheck:listStatus:") == true {
                    byList[String(entry["name"]!.dropFirst("cryptcheck:listStatus:".count)), default: []].append(entry["value"]!)
                }
                let key = Self.key(primitive, property("cryptcheck:detail"))
                #expect(assets.statuses[key] == nil, "two assets for \(key)")
                assets.statuses[key] = byList
                assets.refs.insert(try #require(component["bom-ref"] as? String))
            case "related-crypto-material":
                let material = crypto?["relatedCryptoMaterialProperties"] as? [String: Any]
                if let ref = material?["algorithmRef"] as? String {
                    assets.pointers.append(ref)
                } else {
                    assets.keysWithoutAlgorithm.append(component["bom-ref"] as? String ?? "?")
                }
                if let ref = (material?["securedBy"] as? [String: Any])?["algorithmRef"] as? String { assets.pointers.append(ref) }
            case "certificate":
                if let ref = (crypto?["certificateProperties"] as? [String: Any])?["signatureAlgorithmRef"] as? String {
                    assets.pointers.append(ref)
                } else {
                    assets.certificatesWithoutSignature.append(component["bom-ref"] as? String ?? "?")
                }
            default: break
            }
        }
        for dependency in try #require(document["dependencies"] as? [[String: Any]]) {
            for ref in dependency["dependsOn"] as? [String] ?? [] { assets.dependedOn.insert(ref) }
        }
        return assets
    }

    /// Every judged primitive is an asset with the finding's status; every asset was judged;
    /// every asset hangs in the dependency graph; every key and signature points at an asset.
    static func check(_ report: Report, _ cbom: String, _ label: String) throws {
        let assets = try assets(cbom)
        var judged = Set<String>()
        for finding in report.findings {
            for judgement in finding.primitives {
                let key = Self.key(judgement.primitive.rawValue, judgement.detail)
                judged.insert(key)
                let statuses = assets.statuses[key]?[finding.list] ?? []
                #expect(
                    statuses == [judgement.status.rawValue],
                    "\(label): \(key) under \(finding.list) carries \(statuses), the finding on \(finding.subject) says \(judgement.status.rawValue)"
                )
            }
        }
        #expect(
            Set(assets.statuses.keys) == judged,
            "\(label): assets no finding judged: \(Set(assets.statuses.keys).subtracting(judged)); judged without an asset: \(judged.subtracting(assets.statuses.keys))"
        )
        #expect(
            assets.refs.isSubset(of: assets.dependedOn),
            "\(label): assets nothing depends on: \(assets.refs.subtracting(assets.dependedOn))")
        #expect(
            Set(assets.pointers).isSubset(of: assets.refs), "\(label): refs to no asset: \(Set(assets.pointers).subtracting(assets.refs))")
    }

    static func report(_ inputs: [String], _ extra: [String] = []) throws -> (Report, String) {
        let json = try CLI.run(["report"] + inputs + DemoReport.fixed + extra + ["--format", "json"])
        let cbom = try CLI.run(["report"] + inputs + DemoReport.fixed + extra + ["--format", "cbom"])
        #expect(json.status == cbom.status && !cbom.stdout.isEmpty, "\(cbom.stderr)")
        return (try JSONRenderer.decoder().decode(Report.self, from: Data(json.stdout.utf8)), cbom.stdout)
    }

    @Test(arguments: [["Fixtures/observations/demo.json"], ["Fixtures/observations/files-demo.json"], DemoReport.inputs])
    func everyJudgedPrimitiveCarriesItsStatus(inputs: [String]) throws {
        let (report, cbom) = try Self.report(inputs)
        try Self.check(report, cbom, inputs.joined(separator: "+"))
        // The defect of the issue: RSA and ChaCha20 assets had no status.
        let assets = try Self.assets(cbom)
        // Every key and certificate of the demo was judged: each points at its algorithm.
        #expect(assets.keysWithoutAlgorithm.isEmpty, "\(assets.keysWithoutAlgorithm)")
        #expect(assets.certificatesWithoutSignature.isEmpty, "\(assets.certificatesWithoutSignature)")
        for primitive in ["rsassa-pkcs1-v1_5"]
            + (inputs.contains("Fixtures/observations/demo.json") ? ["chacha20-poly1305", "rsaes-pkcs1-v1_5"] : [])
        {
            #expect(assets.statuses[Self.key(primitive, nil)]?.isEmpty == false, "\(primitive) has no status")
        }
    }

    @Test func twoCiphersListsGiveEachAssetAStatusPerList() throws {
        let (report, cbom) = try Self.report(DemoReport.inputs, ["--list", "LS-0001-2012R8", "--list", "LS-0001-2022R2"])
        let lists = Set(report.findings.filter { !$0.primitives.isEmpty }.map(\.list))
        #expect(lists.count == 2, "\(lists)")
        try Self.check(report, cbom, "two lists")
    }

    /// Findings the renderer has never seen: an uncatalogued primitive, a qualified status, a
    /// status under a second list, and a subject that matches no observed component.
    @Test func syntheticFindingsAreAllAssets() throws {
        var (report, _) = try Self.report(DemoReport.inputs)
        let citation = Citation(listID: "LS-0001", revision: "LS-0001-2022R2", evidence: .confirmed)
        let other = Citation(listID: "LS-0001", revision: "LS-9999", evidence: .unconfirmed)
        report.findings.append(
            Finding(
                subject: "127.0.0.1:8443", component: .group, item: "brainpoolP256r1 (0x001A)", list: "LS-0001-2022R2",
                listStatus: .notListed,
                primitives: [
                    PrimitiveJudgement(
                        role: .keyExchange, primitive: "ecdh", status: .notListed, citation: citation,
                        detail: "curve brainpoolP256r1 is not among the curves the list's ECDH entry covers")
                ],
                verdict: .violation, severity: .high, evidence: .confirmed, derived: true, message: "synthetic"))
        report.findings.append(
            Finding(
                subject: "/nowhere/at/all.bin#7", component: .privateKey, item: "made up", list: "LS-9999", listStatus: .candidate,
                primitives: [
                    PrimitiveJudgement(role: .key, primitive: "zz-uncatalogued", status: .candidate, citation: other),
                    PrimitiveJudgement(role: .cipher, primitive: "aes", status: .monitored, citation: other),
                ],
                verdict: .pass, severity: .info, evidence: .unconfirmed, derived: false, message: "synthetic"))
        let cbom = CBOMRenderer.render(report)
        try Self.check(report, cbom, "synthetic")
        let assets = try Self.assets(cbom)
        #expect(assets.statuses[Self.key("aes", nil)] == ["LS-0001-2022R2": ["recommended"], "LS-9999": ["monitored"]])
        #expect(cbom.contains("\"primitive\": \"unknown\""), "an uncatalogued primitive is classified unknown")
    }

    @Test func cbomStillValidatesAgainstCycloneDX() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("cbom.json").path
        let result = try CLI.run(
            ["report"] + DemoReport.inputs + DemoReport.fixed
                + ["--list", "LS-0001-2012R8", "--list", "LS-0001-2022R2", "--format", "cbom", "-o", path])
        #expect(result.status == 1, "\(result.stderr)")
        let valid = try SchemaValidationTests().validate("Tests/Schemas/bom-1.6.SNAPSHOT.schema.json", path)
        #expect(valid.status == 0, "\(valid.output)")
    }
}
