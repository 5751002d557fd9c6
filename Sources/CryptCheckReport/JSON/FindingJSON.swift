import CryptCheckPolicy

/// Findings as JSON without Foundation's JSONEncoder, for the streamed scan output where
/// encoding dominated the run time. Same keys, same sorted order and the same values as the
/// `Codable` encoding (a test decodes both and compares), laid out like its pretty printing.
enum FindingJSON {
    static func render(_ finding: Finding, indent: Int) -> String {
        var out = ""
        value(finding).write(to: &out, indent: indent, keySeparator: " : ")
        return out
    }

    static func value(_ finding: Finding) -> JSONValue {
        .object(dropping: [
            ("basis", finding.basis.map(value)),
            ("component", .string(finding.component)),
            ("context", finding.context.map(JSONValue.string)),
            ("decidingPrimitive", finding.decidingPrimitive.map { .string($0.rawValue) }),
            ("derived", .bool(finding.derived)),
            ("evidence", .string(finding.evidence.rawValue)),
            ("item", .string(finding.item)),
            ("list", .string(finding.list)),
            ("listStatus", .string(finding.listStatus.rawValue)),
            ("message", .string(finding.message)),
            ("primitives", .array(finding.primitives.map(value))),
            ("remediation", finding.remediation.map(JSONValue.string)),
            ("severity", .string(finding.severity.rawValue)),
            ("strength", finding.strength.map(value)),
            ("subject", .string(finding.subject)),
            ("verdict", .string(finding.verdict.rawValue)),
        ])
    }

    static func value(_ citation: Citation) -> JSONValue {
        .object(dropping: [
            ("category", citation.category.map(JSONValue.string)),
            ("derived", .bool(citation.derived)),
            ("evidence", .string(citation.evidence.rawValue)),
            ("listID", .string(citation.listID)),
            ("notes", .array(citation.notes.map(JSONValue.string))),
            ("question", citation.question.map(JSONValue.string)),
            ("revision", .string(citation.revision)),
            ("source", citation.source.map(JSONValue.string)),
            ("technique", citation.technique.map(JSONValue.string)),
            ("tier", citation.tier.map { .string($0.rawValue) }),
        ])
    }

    static func value(_ judged: PrimitiveJudgement) -> JSONValue {
        .object(dropping: [
            ("citation", value(judged.citation)),
            ("detail", judged.detail.map(JSONValue.string)),
            ("primitive", .string(judged.primitive.rawValue)),
            ("role", .string(judged.role)),
            ("status", .string(judged.status.rawValue)),
        ])
    }

    static func value(_ strength: StrengthJudgement) -> JSONValue {
        [
            "asOf": .string(strength.asOf), "citation": value(strength.citation), "family": .string(strength.family),
            "meets": .bool(strength.meets), "requiredBits": .int(strength.requiredBits), "size": .int(strength.size),
            "strengthBits": .int(strength.strengthBits),
        ]
    }
}
