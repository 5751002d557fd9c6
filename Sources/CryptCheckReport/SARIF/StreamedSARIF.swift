import CryptCheckPolicy

/// The SARIF log of a streamed evaluation: results written to spools as findings are judged,
/// the rules they rest on noted as a small set. A result's `ruleIndex` is known at once for a
/// list entry; for another rule it is known only when every rule has been noted (they are sorted
/// by id), so the result holds a marker, `NUL number NUL`, which no JSON text can hold, replaced
/// when the log is written. An endpoint's line in the endpoints artifact is its place among the
/// endpoints met, as in the report's scope.
final class StreamedSARIF {
    private(set) var rules: RuleCatalog
    let locations: SARIFLocations
    let results = EndpointsThenFiles(indent: 6)
    var arrays: [SpooledArray] { results.arrays }
    /// The rules not list entries, by the number their markers carry.
    private var markers: [String] = []
    private var markerByID: [String: Int] = [:]
    /// How many endpoints were met.
    private var endpointCount = 0
    /// Hashes of names, to tell whether every result is placed as the whole report places it
    /// (`SARIFRenderer.Place.of`, which looks subjects up across the whole set): files' paths;
    /// subjects placed at an endpoint; items placed in their file; subjects placed as paths of
    /// their own (targets not scanned), and the files those would be items of.
    private var filePaths = Set<Int>()
    private var endpointSubjects = Set<Int>()
    private var itemSubjects = Set<Int>()
    private var pathSubjects = Set<Int>()
    private var itemFilesOfPaths = Set<Int>()

    init(entries: [ReportListEntry], locations: SARIFLocations) {
        rules = RuleCatalog(entries)
        self.locations = locations
    }

    /// How many rules not list entries were noted.
    var noted: Int { rules.extraCount }

    /// Writes the results among `findings` about the endpoint `endpoint`, the next one met.
    func add(_ findings: [Finding], endpoint: String, to array: SpooledArray) {
        endpointCount += 1
        let line = endpointCount
        endpointSubjects.insert(nameHash(endpoint))
        if let file = SARIFRenderer.Place.itemFile(endpoint) { itemFilesOfPaths.insert(nameHash(file)) }
        add(findings, to: array) { subject in subject == endpoint ? .endpoint(line: line) : self.placePath(subject) }
    }

    /// Writes the results among `findings`, all about the file at `path` (or, with none, about
    /// targets not scanned).
    func add(_ findings: [Finding], path: String?, to array: SpooledArray) {
        if let path { filePaths.insert(nameHash(path)) }
        add(findings, to: array) { subject in
            guard let path else { return self.placePath(subject) }
            if subject == path { return .path(path) }
            if SARIFRenderer.Place.itemFile(subject) == path {
                self.itemSubjects.insert(nameHash(subject))
                return .path(path)
            }
            return self.placePath(subject)
        }
    }

    private func placePath(_ subject: String) -> SARIFRenderer.Place {
        pathSubjects.insert(nameHash(subject))
        if let file = SARIFRenderer.Place.itemFile(subject) { itemFilesOfPaths.insert(nameHash(file)) }
        return .path(subject)
    }

    private func add(_ findings: [Finding], to array: SpooledArray, place: (String) -> SARIFRenderer.Place) {
        for finding in findings where SARIFRenderer.reported(finding) {
            let id = rules.note(finding)
            let location = SARIFRenderer.location(finding, place: place(finding.subject), locations: locations)
            var out = JSONOutput()
            var object = out.beginObject(indent: 8)
            let members = SARIFRenderer.result(
                finding, ruleID: id, index: rules.index(of: id) ?? -1, location: location, byList: rules.byList)
            for case (let key, let value?) in members {
                out.member(key, of: &object)
                if key == "ruleIndex" && rules.index(of: id) == nil {
                    out.append(MarkedDocument.marker(marker(id)))
                } else {
                    value.write(to: &out, indent: 10)
                }
            }
            out.end(object)
            array.append(CollectionOfOne(out.takeBytes()))
        }
    }

    private func marker(_ id: String) -> Int {
        if let known = markerByID[id] { return known }
        markerByID[id] = markers.count
        markers.append(id)
        return markers.count - 1
    }

    /// Whether a result may be placed otherwise in the whole report: a subject placed at an
    /// endpoint, or in its file as an item, that is a file's path; a subject placed as a path
    /// that is an endpoint's, or an item of a file.
    var ambiguous: Bool {
        !filePaths.isDisjoint(with: endpointSubjects) || !filePaths.isDisjoint(with: itemSubjects)
            || !filePaths.isDisjoint(with: itemFilesOfPaths) || !endpointSubjects.isDisjoint(with: pathSubjects)
    }

    /// The log around `skeleton` (the report without its findings, digest set); the rules are
    /// sealed. `nil` when the results are not where the skeleton should hold them.
    func document(_ skeleton: Report) -> MarkedDocument? {
        rules.seal()
        let text = SARIFRenderer.document(skeleton, rules: rules, results: [], locations: locations)
        let indices = markers.map { Array(String(rules.index(of: $0) ?? -1).utf8) }
        let hole = SplicedDocument.Hole(key: "results", indent: 6, separator: ": ", empty: "[]", arrays: arrays)
        return SplicedDocument(skeleton: Array(text.utf8), holes: [hole]).map { MarkedDocument(document: $0, replacements: indices) }
    }
}
