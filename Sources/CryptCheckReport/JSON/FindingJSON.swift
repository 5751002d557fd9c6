import CryptCheckPolicy

/// Findings as JSON without Foundation's JSONEncoder, for the streamed scan output where
/// encoding dominated the run time. Same keys, same sorted order and the same values as the
/// `Codable` encoding (a test decodes both and compares), laid out like its pretty printing.
enum FindingJSON {
    static func render(_ finding: Finding, indent: Int) -> String {
        var out = JSONOutput(keySeparator: " : ")
        write(finding, to: &out, indent: indent)
        return out.text
    }

    /// Writes `finding`; `subjectRange` receives where the subject's quoted value stands.
    static func write(_ finding: Finding, to out: inout JSONOutput, indent: Int) {
        var ignored = 0..<0
        write(finding, to: &out, indent: indent, subjectRange: &ignored)
    }

    static func write(_ finding: Finding, to out: inout JSONOutput, indent: Int, subjectRange: inout Range<Int>) {
        var object = out.beginObject(indent: indent)
        if let basis = finding.basis {
            out.member("basis", of: &object)
            write(basis, to: &out, indent: indent + 2)
        }
        out.member("component", of: &object)
        out.string(finding.component)
        if let context = finding.context {
            out.member("context", of: &object)
            out.string(context)
        }
        if let deciding = finding.decidingPrimitive {
            out.member("decidingPrimitive", of: &object)
            out.string(deciding.rawValue)
        }
        out.member("derived", of: &object)
        out.bool(finding.derived)
        out.member("evidence", of: &object)
        out.string(finding.evidence.rawValue)
        out.member("item", of: &object)
        out.string(finding.item)
        out.member("list", of: &object)
        out.string(finding.list)
        out.member("listStatus", of: &object)
        out.string(finding.listStatus.rawValue)
        out.member("message", of: &object)
        out.string(finding.message)
        out.member("primitives", of: &object)
        out.array(finding.primitives, indent: indent + 2) { out, judged, indent in write(judged, to: &out, indent: indent) }
        if let remediation = finding.remediation {
            out.member("remediation", of: &object)
            out.string(remediation)
        }
        out.member("severity", of: &object)
        out.string(finding.severity.rawValue)
        if let strength = finding.strength {
            out.member("strength", of: &object)
            write(strength, to: &out, indent: indent + 2)
        }
        out.member("subject", of: &object)
        let subjectStart = out.bytes.count
        out.string(finding.subject)
        subjectRange = subjectStart..<out.bytes.count
        out.member("verdict", of: &object)
        out.string(finding.verdict.rawValue)
        out.end(object)
    }

    /// Writes `finding` as `write` does, from a rendering kept for findings that differ only
    /// in their subject (the same kind of key or certificate in many files).
    static func writeCached(_ finding: Finding, to out: inout JSONOutput, indent: Int) {
        let key = FindingRenderCache<JSONRendering>.Key(finding: finding, variant: indent)
        if let cached = JSONRendering.cache.lookup(key) {
            out.bytes.append(contentsOf: cached.prefix)
            out.string(finding.subject)
            out.bytes.append(contentsOf: cached.suffix)
            return
        }
        var rendered = JSONOutput(keySeparator: out.keySeparator)
        var subject = 0..<0
        write(key.finding, to: &rendered, indent: indent, subjectRange: &subject)
        let entry = JSONRendering(prefix: Array(rendered.bytes[..<subject.lowerBound]),
                                  suffix: Array(rendered.bytes[subject.upperBound...]))
        JSONRendering.cache.store(key, entry)
        out.bytes.append(contentsOf: entry.prefix)
        out.string(finding.subject)
        out.bytes.append(contentsOf: entry.suffix)
    }

    static func write(_ citation: Citation, to out: inout JSONOutput, indent: Int) {
        var object = out.beginObject(indent: indent)
        if let category = citation.category {
            out.member("category", of: &object)
            out.string(category)
        }
        out.member("derived", of: &object)
        out.bool(citation.derived)
        out.member("evidence", of: &object)
        out.string(citation.evidence.rawValue)
        out.member("listID", of: &object)
        out.string(citation.listID)
        out.member("notes", of: &object)
        out.array(citation.notes, indent: indent + 2) { out, note, _ in out.string(note) }
        if let question = citation.question {
            out.member("question", of: &object)
            out.string(question)
        }
        out.member("revision", of: &object)
        out.string(citation.revision)
        if let source = citation.source {
            out.member("source", of: &object)
            out.string(source)
        }
        if let technique = citation.technique {
            out.member("technique", of: &object)
            out.string(technique)
        }
        if let tier = citation.tier {
            out.member("tier", of: &object)
            out.string(tier.rawValue)
        }
        out.end(object)
    }

    static func write(_ judged: PrimitiveJudgement, to out: inout JSONOutput, indent: Int) {
        var object = out.beginObject(indent: indent)
        out.member("citation", of: &object)
        write(judged.citation, to: &out, indent: indent + 2)
        if let detail = judged.detail {
            out.member("detail", of: &object)
            out.string(detail)
        }
        out.member("primitive", of: &object)
        out.string(judged.primitive.rawValue)
        out.member("role", of: &object)
        out.string(judged.role)
        out.member("status", of: &object)
        out.string(judged.status.rawValue)
        out.end(object)
    }

    static func write(_ strength: StrengthJudgement, to out: inout JSONOutput, indent: Int) {
        var object = out.beginObject(indent: indent)
        out.member("asOf", of: &object)
        out.string(strength.asOf)
        out.member("citation", of: &object)
        write(strength.citation, to: &out, indent: indent + 2)
        out.member("family", of: &object)
        out.string(strength.family)
        out.member("meets", of: &object)
        out.bool(strength.meets)
        out.member("requiredBits", of: &object)
        out.int(strength.requiredBits)
        out.member("size", of: &object)
        out.int(strength.size)
        out.member("strengthBits", of: &object)
        out.int(strength.strengthBits)
        out.end(object)
    }
}

/// A finding's JSON around its subject's quoted value.
struct JSONRendering {
    static let cache = FindingRenderCache<JSONRendering>()
    let prefix: [UInt8]
    let suffix: [UInt8]
}
