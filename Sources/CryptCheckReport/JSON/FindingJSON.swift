import CryptCheckModel
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
        out.member("component", finding.component.rawValue, of: &object)
        out.member("context", finding.context, of: &object)
        out.member("decidingPrimitive", finding.decidingPrimitive?.rawValue, of: &object)
        if let declared = finding.declared {
            out.member("declared", of: &object)
            out.bool(declared)
        }
        out.member("derived", of: &object)
        out.bool(finding.derived)
        out.member("errorCode", finding.errorCode?.rawValue, of: &object)
        out.member("evidence", finding.evidence.rawValue, of: &object)
        out.member("item", finding.item, of: &object)
        out.member("list", finding.list, of: &object)
        out.member("listStatus", finding.listStatus.rawValue, of: &object)
        out.member("message", finding.message, of: &object)
        out.member("primitives", of: &object)
        out.array(finding.primitives, indent: indent + 2) { out, judged, indent in write(judged, to: &out, indent: indent) }
        out.member("remediation", finding.remediation, of: &object)
        out.member("remediationCode", finding.remediationCode?.rawValue, of: &object)
        out.member("severity", finding.severity.rawValue, of: &object)
        if let strength = finding.strength {
            out.member("strength", of: &object)
            write(strength, to: &out, indent: indent + 2)
        }
        out.member("subject", of: &object)
        let subjectStart = out.count
        out.string(finding.subject)
        subjectRange = subjectStart..<out.count
        out.member("verdict", finding.verdict.rawValue, of: &object)
        out.end(object)
    }

    /// Writes `finding` as `write` does, from a rendering kept for findings that differ only
    /// in their subject (the same kind of key or certificate in many files).
    static func writeCached(_ finding: Finding, to out: inout JSONOutput, indent: Int) {
        if JSONRendering.cache.bypasses(finding.component) { return write(finding, to: &out, indent: indent) }
        let key = FindingRenderCache<JSONRendering>.Key(finding: finding, variant: indent * 4 + out.layout.rawValue)
        let entry: JSONRendering
        if let cached = JSONRendering.cache.lookup(key) {
            entry = cached
        } else {
            var rendered =
                out.layout == .scan
                ? JSONOutput(keySeparator: out.keySeparator)
                : JSONOutput(foundationPretty: out.layout == .foundationPretty)
            var subject = 0..<0
            write(key.finding, to: &rendered, indent: indent, subjectRange: &subject)
            entry = JSONRendering(
                prefix: Array(rendered.written[..<subject.lowerBound]),
                suffix: Array(rendered.written[subject.upperBound...]))
            JSONRendering.cache.store(key, entry)
        }
        out.append(entry.prefix)
        out.string(finding.subject)
        out.append(entry.suffix)
    }

    static func write(_ citation: Citation, to out: inout JSONOutput, indent: Int) {
        var object = out.beginObject(indent: indent)
        out.member("category", citation.category, of: &object)
        out.member("derived", of: &object)
        out.bool(citation.derived)
        out.member("evidence", citation.evidence.rawValue, of: &object)
        out.member("listID", citation.listID, of: &object)
        out.member("notes", of: &object)
        out.array(citation.notes, indent: indent + 2) { out, note, _ in out.string(note) }
        out.member("question", citation.question, of: &object)
        out.member("revision", citation.revision, of: &object)
        out.member("source", citation.source, of: &object)
        out.member("technique", citation.technique, of: &object)
        out.member("tier", citation.tier?.rawValue, of: &object)
        out.end(object)
    }

    static func write(_ judged: PrimitiveJudgement, to out: inout JSONOutput, indent: Int) {
        var object = out.beginObject(indent: indent)
        out.member("citation", of: &object)
        write(judged.citation, to: &out, indent: indent + 2)
        out.member("detail", judged.detail, of: &object)
        out.member("primitive", judged.primitive.rawValue, of: &object)
        out.member("role", judged.role.rawValue, of: &object)
        out.member("status", judged.status.rawValue, of: &object)
        out.end(object)
    }

    static func write(_ strength: StrengthJudgement, to out: inout JSONOutput, indent: Int) {
        var object = out.beginObject(indent: indent)
        out.member("asOf", strength.asOf, of: &object)
        out.member("citation", of: &object)
        write(strength.citation, to: &out, indent: indent + 2)
        out.member("deadline", strength.deadline, of: &object)
        out.member("family", strength.family.rawValue, of: &object)
        out.member("meets", of: &object)
        out.bool(strength.meets)
        out.member("operationEnd", strength.operationEnd, of: &object)
        out.member("requiredBits", of: &object)
        out.int(strength.requiredBits)
        out.member("size", of: &object)
        out.int(strength.size)
        out.member("status", strength.status.rawValue, of: &object)
        out.member("strengthBits", of: &object)
        out.int(strength.strengthBits)
        if let target = strength.targetBits {
            out.member("targetBits", of: &object)
            out.int(target)
        }
        out.member("use", strength.use.rawValue, of: &object)
        out.end(object)
    }
}

/// A finding's JSON around its subject's quoted value.
struct JSONRendering {
    static let cache = FindingRenderCache<JSONRendering>()
    let prefix: [UInt8]
    let suffix: [UInt8]
}
