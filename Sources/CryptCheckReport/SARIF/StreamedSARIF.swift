import CryptCheckPolicy

/// The SARIF log of a streamed evaluation: results written to spools as findings are judged,
/// the rules they rest on noted as a small set. A result's `ruleIndex` is known at once for a
/// list entry; for another rule it is known only when every rule has been noted (they are sorted
/// by id), so the result holds a marker, `NUL number NUL`, which no JSON text can hold, replaced
/// when the log is written.
final class StreamedSARIF {
    private(set) var rules: RuleCatalog
    let results = EndpointsThenFiles(indent: 6)
    var arrays: [SpooledArray] { results.arrays }
    /// The rules not list entries, by the number their markers carry.
    private var markers: [String] = []
    private var markerByID: [String: Int] = [:]
    /// Hashes of the files' paths, and of the subjects of results written as not being files: the
    /// log is the whole report's only if none of these subjects is a file's path after all.
    private var filePaths = Set<Int>()
    private var notFiles = Set<Int>()

    init(entries: [ReportListEntry]) {
        rules = RuleCatalog(entries)
    }

    /// How many rules not list entries were noted.
    var noted: Int { rules.extraCount }

    /// Writes the results among `findings`, all about the file at `path` (or none).
    func add(_ findings: [Finding], path: String?, to array: SpooledArray) {
        if let path { filePaths.insert(nameHash(path)) }
        for finding in findings where SARIFRenderer.reported(finding) {
            let id = rules.note(finding)
            let isFile = finding.subject == path
            if !isFile { notFiles.insert(nameHash(finding.subject)) }
            var out = JSONOutput()
            var object = out.beginObject(indent: 8)
            for case (let key, let value?) in SARIFRenderer.result(finding, ruleID: id, index: rules.index(of: id) ?? -1, isFile: isFile) {
                out.member(key, of: &object)
                if key == "ruleIndex" && rules.index(of: id) == nil {
                    out.bytes += MarkedDocument.marker(marker(id))
                } else {
                    value.write(to: &out, indent: 10)
                }
            }
            out.end(object)
            array.append(CollectionOfOne(out.bytes))
        }
    }

    private func marker(_ id: String) -> Int {
        if let known = markerByID[id] { return known }
        markerByID[id] = markers.count
        markers.append(id)
        return markers.count - 1
    }

    /// Whether a result written as not about a file may be about one.
    var ambiguous: Bool { !filePaths.isDisjoint(with: notFiles) }

    /// The log around `skeleton` (the report without its findings, digest set); the rules are
    /// sealed. `nil` when the results are not where the skeleton should hold them.
    func document(_ skeleton: Report) -> MarkedDocument? {
        rules.seal()
        let text = SARIFRenderer.document(skeleton, rules: rules, results: [])
        let indices = markers.map { Array(String(rules.index(of: $0) ?? -1).utf8) }
        let hole = SplicedDocument.Hole(key: "results", indent: 6, separator: ": ", empty: "[]", arrays: arrays)
        return SplicedDocument(skeleton: Array(text.utf8), holes: [hole]).map { MarkedDocument(document: $0, replacements: indices) }
    }
}
