import CryptCheckModel
import CryptCheckPolicy

/// SHA-256 as lower-case hex of the bytes `produce` hands to its sink, given by the caller (this
/// module does not reach OpenSSL), so the data digest of a report is taken as it is written.
package typealias StreamingDigest = (_ produce: (_ sink: ([UInt8]) throws -> Void) throws -> Void) throws -> String

/// The report (`cryptcheck-report/2`) of a streamed evaluation, behind its JSON, SARIF, CBOM and HTML:
/// the arrays that grow with the input (evidence, findings, profiles, rule differences, endpoint
/// names, projection changes) are spooled in the JSON report's layout as each endpoint, file and
/// target is judged; `StreamedEvaluation` keeps the counts. At the end the JSON is written around
/// a skeleton `Report` holding everything else, and the data digest is taken over those same
/// bytes made compact, which are the report's canonical bytes.
final class StreamedReport {
    /// Values laid out as the pretty JSON report lays them out.
    private let context = SortedJSONEncoder.Context(pretty: true)
    let certificates = EndpointsThenFiles(indent: 4)
    let endpoints = SpooledArray(indent: 4)
    let files = SpooledArray(indent: 4)
    let findings = EndpointsThenFiles(indent: 2)
    let profiles = SpooledArray(indent: 2)
    /// Per policy, in the order of the policies.
    let ruleDifferences: [SpooledArray]
    let scopeEndpoints = SpooledArray(indent: 4)
    let changes = EndpointsThenFiles(indent: 4)
    /// The SARIF results, when SARIF is written.
    let sarif: StreamedSARIF?
    /// The CBOM's components, when the CBOM is written.
    let cbom: StreamedCBOM?
    /// The rows of the HTML report's page, when it is written.
    let html: StreamedHTML?
    /// Why the streamed report cannot be the whole report's bytes (a value the encoder leaves to
    /// Foundation, a SARIF rule noted by a file then found not valid): the caller builds it whole.
    private(set) var failure: (any Error)?

    private var all: [SpooledArray] {
        certificates.arrays + [endpoints, files] + findings.arrays + [profiles, scopeEndpoints] + changes.arrays + ruleDifferences
            + (sarif?.arrays ?? []) + (cbom?.arrays ?? [])
    }
    /// The file being read and where every array stood before it.
    private var file = -1
    private var marks: [(bytes: Int, count: Int)] = []
    private var sarifMark = 0
    private var cbomMark: StreamedCBOM.State?

    init(policies: Int, sarif: StreamedSARIF?, cbom: StreamedCBOM?, html: StreamedHTML?) {
        ruleDifferences = (0..<policies).map { _ in SpooledArray(indent: 2) }
        self.sarif = sarif
        self.cbom = cbom
        self.html = html
    }

    /// Notes that what comes next is from file number `index`.
    func begin(file index: Int) {
        guard index != file else { return }
        file = index
        marks = all.map(\.mark)
        sarifMark = sarif?.noted ?? 0
        cbomMark = cbom?.mark
        html?.markFile()
    }

    /// Forgets what file number `index` gave: it turned out not valid part way.
    func abandon(file index: Int) {
        guard index == file else { return }
        for (array, mark) in zip(all, marks) { array.rewind(to: mark) }
        if let sarif, sarif.noted != sarifMark {
            failure = failure ?? StreamedEvaluation.NotStreamable(reason: "a SARIF rule came from a file not valid")
        }
        if let cbom, let cbomMark { cbom.rewind(to: cbomMark) }
        html?.rewindFile()
    }

    /// Appends `value`, encoded at the array's depth, to `array`.
    func add<T: Encodable>(_ value: T, to array: SpooledArray) {
        guard failure == nil else { return }
        do {
            let chunks = try context.bytes(of: value, depth: array.indent / 2 + 1, codingPath: nil)
            array.append(chunks.sealed + [chunks.current])
        } catch {
            failure = error
        }
    }

    func add<S: Sequence>(each values: S, to array: SpooledArray) where S.Element: Encodable {
        for value in values { add(value, to: array) }
    }

    /// A change on the projection day, from an endpoint or from a file or target.
    func add(change: TransitionChange, atEndpoint: Bool) {
        add(change, to: changes.side(atEndpoint: atEndpoint))
        html?.add(change, atEndpoint: atEndpoint)
    }

    /// The suites policy number `index` and the guideline judge differently at an endpoint.
    func add(differences: [RuleDifference], policy index: Int) {
        add(each: differences, to: ruleDifferences[index])
        html?.add(differences: differences, policy: index)
    }

    /// The JSON report around `skeleton` (the report with those arrays empty); `nil` when an
    /// array is not where the skeleton should hold it.
    func document(_ skeleton: Report) throws -> SplicedDocument? {
        let bytes = try SortedJSONEncoder(pretty: true).encode(skeleton)
        func hole(_ key: String, indent: Int, _ arrays: [SpooledArray]) -> SplicedDocument.Hole {
            SplicedDocument.Hole(
                key: key, indent: indent, separator: " : ", empty: "[\n\n" + String(repeating: " ", count: indent) + "]", arrays: arrays)
        }
        // In the order of the sorted keys: evidence, findings, profiles, ruleDifferences, scope, transition.
        var holes = [
            hole("certificates", indent: 4, certificates.arrays), hole("endpoints", indent: 4, [endpoints]),
            hole("files", indent: 4, [files]), hole("findings", indent: 2, findings.arrays),
            hole("profiles", indent: 2, [profiles]), hole("ruleDifferences", indent: 2, ruleDifferences),
            hole("endpoints", indent: 4, [scopeEndpoints]),
        ]
        if skeleton.transition != nil { holes.append(hole("changes", indent: 4, changes.arrays)) }
        return SplicedDocument(skeleton: bytes, holes: holes)
    }

    /// `sha256:HEX` of the canonical bytes of the report `document` writes (without its digest).
    static func digest(_ document: SplicedDocument, sha256: StreamingDigest) throws -> String {
        var filter = CompactingFilter()
        return "sha256:" + (try sha256 { sink in try document.write { try sink(filter.filter($0)) } })
    }
}
