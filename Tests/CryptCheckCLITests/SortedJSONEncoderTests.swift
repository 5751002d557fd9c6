import CryptCheckModel
import CryptCheckPolicy
import Foundation
import Testing

@testable import CryptCheckReport

/// Issue 11 item 12: reports are written by `SortedJSONEncoder`, which must give exactly the
/// bytes Foundation's JSONEncoder gives (digests of reports made before depend on it), pretty and
/// compact, for real reports and for every encoding shape.
@Suite("SortedJSONEncoder writes Foundation's bytes")
struct SortedJSONEncoderTests {
    static func foundation<T: Encodable>(_ value: T, pretty: Bool) throws -> [UInt8] {
        Array(try JSONRenderer.foundationEncoder(pretty: pretty).encode(value))
    }

    static func same<T: Encodable>(_ value: T, _ label: String = "") throws {
        for pretty in [true, false] {
            let ours = try SortedJSONEncoder(pretty: pretty).encode(value)
            let theirs = try foundation(value, pretty: pretty)
            let differs = zip(ours, theirs).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(ours.count, theirs.count)
            let context =
                "\(label) pretty=\(pretty) at byte \(differs): "
                + String(decoding: ours[max(0, differs - 80)..<min(ours.count, differs + 80)], as: UTF8.self) + " vs "
                + String(decoding: theirs[max(0, differs - 80)..<min(theirs.count, differs + 80)], as: UTF8.self)
            #expect(ours == theirs, Comment(rawValue: context))
        }
    }

    struct Shapes: Encodable {
        enum Kind: Encodable {
            case plain
            case labelled(name: String, count: Int)
            case pair(Int, [String])
        }
        struct Empty: Encodable {}
        struct Custom: Encodable {
            func encode(to encoder: any Encoder) throws {
                var keyed = encoder.container(keyedBy: AnyKey.self)
                try keyed.encodeNil(forKey: AnyKey("explicitNull"))
                var nested = keyed.nestedUnkeyedContainer(forKey: AnyKey("nested"))
                try nested.encode(1)
                var inner = nested.nestedContainer(keyedBy: AnyKey.self)
                try inner.encode("deep", forKey: AnyKey("z"))
                try inner.encode(false, forKey: AnyKey("A"))
                try nested.encodeNil()
                var deeper = nested.nestedUnkeyedContainer()
                try deeper.encode(UInt8(255))
                try Empty().encode(to: keyed.superEncoder(forKey: AnyKey("sup")))
            }
        }
        struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ string: String) { stringValue = string }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        var text = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }.joined() + "\u{7F}\u{80}\"\\/é日本\u{202E}\u{2028}\u{1F600}"
        var absent: Int? = nil
        var present: Int? = -42
        var big = UInt64.max
        var small = Int64.min
        var flags = [true, false]
        var date = Date(timeIntervalSince1970: 1_764_460_800.999)
        var emptyArray: [Int] = []
        var emptyObject = Empty()
        var emptyDictionary: [String: Int] = [:]
        var nestedEmpty: [[String]] = [[], ["a"], []]
        var sortedKeys = ["RSA-512": 1, "RSA-1024": 2, "b": 3, "B": 4, "a_b": 5, "a-b": 6, "é": 7, "e": 8, "x10": 9, "x9": 10]
        var kinds: [Kind] = [.plain, .labelled(name: "n", count: 2), .pair(3, [])]
        var custom = Custom()
        var Uppercase = "key order: uppercase first"
    }

    @Test func everyShapeOfEncoding() throws {
        try Self.same(Shapes())
        try Self.same([Shapes(), Shapes()], "array of objects")
        try Self.same("top-level string")
        try Self.same(7, "top-level number")
        try Self.same([String: [Int]](), "top-level empty object")
    }

    @Test func realReportsFromTheFixtures() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for name in ["demo.json", "files-demo.json"] {
            let data = try Data(contentsOf: root.appendingPathComponent("Fixtures/observations/\(name)"))
            let observations = try ObservationLoader.decode(data)
            let catalog = try ListCatalog.builtIn()
            let policies = try PolicySelection.policies(selected: [], catalog: catalog, asOf: PolicySelection.parseDay("2026-11-30")!)
            let projection = policies.map { $0.operating(until: PolicySelection.parseDay("2031-01-01")) }
            let inputs = ReportInputs(
                tool: ReportTool(name: "cryptcheck", version: "test"), generatedAt: Date(timeIntervalSince1970: 1_764_500_000.5))
            let report = ReportBuilder.build(
                observations: observations, policies: policies, projection: projection,
                inputs: inputs, digest: { _ in "0" })
            try Self.same(report, "\(name)")
            try Self.same(report.evaluation, "\(name) evaluation")
        }
        let golden = try Data(contentsOf: root.appendingPathComponent("Tests/Golden/report.json"))
        try Self.same(try JSONRenderer.decoder().decode(Report.self, from: golden), "golden report.json")
    }

    @Test func floatingPointIsLeftToFoundation() throws {
        struct Measured: Encodable { var ratio = 0.1; var name = "x" }
        #expect(throws: SortedJSONEncoder.Unsupported.self) { try SortedJSONEncoder(pretty: true).encode(Measured()) }
        #expect(try JSONRenderer.bytes(Measured(), pretty: true) == Self.foundation(Measured(), pretty: true))
    }
}
