import CryptCheckModel
import CryptCheckPolicy

/// The CBOM document around the collected components: metadata, components in the order they
/// were added, and the dependency graph.
extension CBOMBuilder {
    /// The CBOM of `report` (its metadata) with the components collected.
    func document(_ report: Report) -> String {
        let graph = (["system"] + order).map(graphEntry)
        return Self.document(report, components: order.map { located(components[$0]!) }, graph: graph)
    }

    /// The dependency graph's entry of `ref`.
    func graphEntry(_ ref: String) -> JSONValue {
        .object(dropping: [("ref", .string(ref)), ("dependsOn", .array((edges[ref] ?? []).map(JSONValue.string)))])
    }

    /// `component` with where it was seen added last, so all sightings (of a certificate) are listed.
    func located(_ component: JSONValue) -> JSONValue {
        guard case .object(var members) = component,
            let ref = members.first(where: { $0.0 == "bom-ref" }).flatMap({ if case .string(let value) = $0.1 { value } else { nil } }),
            let seen = locations[ref]
        else { return component }
        let properties = orderedUnique(seen).map { JSONValue.object([("name", "cryptcheck:location"), ("value", .string($0))]) }
        if let index = members.firstIndex(where: { $0.0 == "properties" }), case .array(let existing) = members[index].1 {
            members[index].1 = .array(existing + properties)
        } else {
            members.append(("properties", .array(properties)))
        }
        return .object(members)
    }

    /// The CBOM document of `report` (metadata from it) around `components` and `graph`.
    static func document(_ report: Report, components: [JSONValue], graph: [JSONValue]) -> String {
        let hex = (report.dataDigest ?? "").replacingOccurrences(of: "sha256:", with: "")
        let padded = Array((hex + String(repeating: "0", count: 32)).prefix(32))
        // A name-based UUID (RFC 9562 version 8) from the report digest: the same report gives
        // the same serial number.
        var uuid = padded
        uuid[12] = "8"
        uuid[16] = ["8", "9", "a", "b"][Int(String(uuid[16]), radix: 16).map { $0 & 3 } ?? 0]
        let text = String(uuid)
        let serial =
            "urn:uuid:"
            + [
                text.prefix(8), text.dropFirst(8).prefix(4), text.dropFirst(12).prefix(4),
                text.dropFirst(16).prefix(4), text.dropFirst(20),
            ].map(String.init).joined(separator: "-")
        let system = report.system
        let document: JSONValue = .object(dropping: [
            ("bomFormat", "CycloneDX"), ("specVersion", "1.6"), ("serialNumber", .string(serial)), ("version", 1),
            (
                "metadata",
                .object(dropping: [
                    ("timestamp", .string(report.generatedAt)),
                    (
                        "tools",
                        [
                            "components": [
                                ["type": "application", "name": .string(report.tool.name), "version": .string(report.tool.version)]
                            ]
                        ]
                    ),
                    (
                        "component",
                        .object(dropping: [
                            ("type", "application"), ("bom-ref", "system"), ("name", .string(system.name ?? "scanned system")),
                            ("description", system.reference.map { .string("procurement reference \($0)") }),
                        ])
                    ),
                    (
                        "properties",
                        .array(
                            [
                                ["name": "cryptcheck:asOf", "value": .string(report.asOf)],
                                ["name": "cryptcheck:operationEnd", "value": .string(report.operationEnd.date)],
                                ["name": "cryptcheck:operationEndGiven", "value": .string(report.operationEnd.given ? "true" : "false")],
                                ["name": "cryptcheck:overallVerdict", "value": .string(report.verdict.status.rawValue)],
                            ] + report.lists.map { ["name": "cryptcheck:list", "value": .string($0.revision)] }
                                + (report.dataDigest.map { [["name": "cryptcheck:dataDigest", "value": .string($0)]] } ?? []))
                    ),
                ])
            ),
            ("components", .array(components)),
            ("dependencies", .array(graph)),
        ])
        return document.rendered()
    }
}
