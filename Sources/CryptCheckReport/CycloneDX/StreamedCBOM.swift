import CryptCheckModel
import CryptCheckPolicy

/// The CBOM of a streamed evaluation, in memory bounded by the distinct certificates and
/// algorithms, not by the findings: each endpoint and file is built on its own (`CBOMBuilder` over
/// its evidence and findings) and its components and graph entries written to spools at once.
/// What other endpoints and files still change is kept apart and written at the end: the
/// algorithm assets (every finding adds to them), the system's own dependencies, and the
/// certificates (the same certificate is met in several places: its component lists every
/// sighting and the first finding about it names its algorithms), which the spools hold as
/// markers (`MarkedDocument`).
///
/// The whole CBOM looks a finding's subject up among every endpoint's and file's names; here
/// only its own are looked in. `ambiguous` says when that could differ (a name given twice, a
/// subject that names another endpoint or file): the caller then makes the CBOM whole.
final class StreamedCBOM {
    let components = EndpointsThenFiles(indent: 2)
    let graph = EndpointsThenFiles(indent: 2)
    /// The system's dependencies on protocols and files (its entry's `dependsOn`).
    let system = EndpointsThenFiles(indent: 6)
    var arrays: [SpooledArray] { components.arrays + graph.arrays + system.arrays }

    /// What findings gave that outlives one endpoint or file; endpoints' findings come before
    /// files' in the whole report, whatever the order the input files give them in.
    struct Side {
        var algorithms = CBOMAlgorithms()
        /// The system's dependencies on algorithms (findings about nothing known).
        var systemLinks: [String] = []
        var signatureAlgorithm: [String: String] = [:]
        var keyAlgorithm: [String: String] = [:]
        /// Certificates' and their keys' dependencies on algorithms.
        var links: [String: [String]] = [:]
        var locations: [String: [String]] = [:]

        /// Adds what one endpoint's or file's builder found; `linked`: its edges from findings.
        mutating func take(_ builder: CBOMBuilder, linked: [String: [String]]) {
            algorithms.merge(builder.algorithms)
            systemLinks = orderedUnique(systemLinks + (linked["system"] ?? []))
            for (ref, seen) in builder.locations {
                let key = CBOMBuilder.keyRef(ofCertificate: ref)
                locations[ref, default: []] += seen
                signatureAlgorithm[ref] = signatureAlgorithm[ref] ?? builder.signatureAlgorithm[ref]
                keyAlgorithm[key] = keyAlgorithm[key] ?? builder.keyAlgorithm[key]
                for target in [ref, key] { links[target] = orderedUnique(links[target, default: []] + (linked[target] ?? [])) }
            }
        }
    }
    /// Everything kept between endpoints and files, taken back whole when a file is found not
    /// valid part way (`mark`, `rewind`).
    struct State {
        var endpointSide = Side()
        var fileSide = Side()
        /// Each certificate once, as first met, with whether that was at an endpoint, and its number.
        var certificates: [String: (evidence: CertificateEvidence, atEndpoint: Bool)] = [:]
        var certificateOrder: [String] = []
        var certificateNumber: [String: Int] = [:]
        /// Hashes of the names findings are looked up by, as given, and as looked up elsewhere.
        var names = Set<Int>()
        var foreign = Set<Int>()
        var endpointNames = Set<Int>()
        /// Hashes of the text before the first space of files' certificate locations (an
        /// endpoint's certificates are those whose location starts with its name and a space).
        var spacedLocations = Set<Int>()
        var repeated = false
        /// A certificate first met in a file and then at an endpoint: its components belong there.
        var movedCertificate = false
    }
    private var state = State()

    var mark: State { state }

    func rewind(to mark: State) { state = mark }

    var ambiguous: Bool {
        state.repeated || state.movedCertificate || !state.names.isDisjoint(with: state.foreign)
            || !state.endpointNames.isDisjoint(with: state.spacedLocations)
    }

    /// Adds one endpoint's or file's components (`evidence` holds it alone), or the findings of a
    /// target not scanned (`evidence` empty).
    func add(_ evidence: ReportEvidence, findings: [Finding], atEndpoint: Bool) {
        var own = Set<Int>()
        func register(_ name: String) {
            let hash = nameHash(name)
            own.insert(hash)
            if !state.names.insert(hash).inserted { state.repeated = true }
        }
        for endpoint in evidence.endpoints {
            register(endpoint.endpoint)
            state.endpointNames.insert(nameHash(endpoint.endpoint))
        }
        for file in evidence.files {
            register(file.path)
            if file.items.count > 1 { for item in file.items { register("\(file.path)#\(item.position)") } }
        }
        if !atEndpoint {
            for certificate in evidence.certificates {
                if let space = certificate.location.firstIndex(of: " ") {
                    state.spacedLocations.insert(nameHash(String(certificate.location[..<space])))
                }
            }
        }
        // `CBOMOwners.owner(of:)` looks a subject up as given and without its `#position`.
        for finding in findings where !finding.primitives.isEmpty {
            let subject = finding.subject
            let path = subject.split(separator: "#", omittingEmptySubsequences: false).dropLast().joined(separator: "#")
            for name in [subject, path] where !own.contains(nameHash(name)) { state.foreign.insert(nameHash(name)) }
        }

        var builder = CBOMBuilder(evidence: evidence, findings: findings)
        builder.collect()
        builder.linkFindings()
        let linked = builder.edges
        builder.addEndpoints()
        builder.addFiles()

        let systemLinks = linked["system"] ?? []
        if atEndpoint { state.endpointSide.take(builder, linked: linked) } else { state.fileSide.take(builder, linked: linked) }
        for ref in (builder.edges["system"] ?? []).dropFirst(systemLinks.count) {
            system.side(atEndpoint: atEndpoint).append(CollectionOfOne(Self.rendered(.string(ref), indent: 8)))
        }
        // A certificate met before is written where it was first met; one met first here, here.
        var deferred = Set<String>()
        for ref in builder.locations.keys {
            if let known = state.certificates[ref] {
                if atEndpoint && !known.atEndpoint { state.movedCertificate = true }
                deferred.formUnion([ref, CBOMBuilder.keyRef(ofCertificate: ref)])
            } else if let first = evidence.certificates.first(where: { CBOMBuilder.certificateRef($0) == ref }) {
                state.certificates[ref] = (first, atEndpoint)
                state.certificateNumber[ref] = state.certificateOrder.count
                state.certificateOrder.append(ref)
            }
        }

        let components = self.components.side(atEndpoint: atEndpoint)
        let graph = self.graph.side(atEndpoint: atEndpoint)
        for ref in builder.order where !deferred.contains(ref) {
            if builder.locations[Self.certificate(of: ref)] != nil, let number = state.certificateNumber[Self.certificate(of: ref)] {
                // The certificate's key, then the certificate: four markers per certificate.
                let slot = 4 * number + (ref.hasPrefix("crypto/key/") ? 0 : 1)
                components.append(CollectionOfOne(MarkedDocument.marker(slot)))
                graph.append(CollectionOfOne(MarkedDocument.marker(slot + 2)))
                continue
            }
            components.append(CollectionOfOne(Self.rendered(builder.components[ref]!, indent: 4)))
            graph.append(CollectionOfOne(Self.rendered(builder.graphEntry(ref), indent: 4)))
        }
    }

    /// The CBOM around `skeleton` (the report without its findings and evidence, digest set);
    /// `nil` when an array is not where the skeleton should hold it.
    func document(_ skeleton: Report) -> MarkedDocument? {
        var final = CBOMBuilder(evidence: skeleton.evidence, findings: [])
        final.algorithms = state.endpointSide.algorithms
        final.algorithms.merge(state.fileSide.algorithms)
        final.addAlgorithms(lists: skeleton.lists)
        let algorithms = final.order
        final.signatureAlgorithm = state.endpointSide.signatureAlgorithm.merging(state.fileSide.signatureAlgorithm) { first, _ in first }
        final.keyAlgorithm = state.endpointSide.keyAlgorithm.merging(state.fileSide.keyAlgorithm) { first, _ in first }
        for target in Set(state.endpointSide.links.keys).union(state.fileSide.links.keys) {
            for to in orderedUnique((state.endpointSide.links[target] ?? []) + (state.fileSide.links[target] ?? [])) {
                final.link(target, to)
            }
        }
        for to in state.endpointSide.systemLinks + state.fileSide.systemLinks { final.link("system", to) }
        var replacements: [[UInt8]] = []
        for ref in state.certificateOrder {
            final.addCertificate(state.certificates[ref]!.evidence)
            final.locations[ref] = (state.endpointSide.locations[ref] ?? []) + (state.fileSide.locations[ref] ?? [])
            let key = CBOMBuilder.keyRef(ofCertificate: ref)
            replacements += [
                Self.rendered(final.components[key]!, indent: 4), Self.rendered(final.located(final.components[ref]!), indent: 4),
                Self.rendered(final.graphEntry(key), indent: 4), Self.rendered(final.graphEntry(ref), indent: 4),
            ]
        }
        let text = CBOMBuilder.document(
            skeleton, components: algorithms.map { final.components[$0]! },
            graph: (["system"] + algorithms).map(final.graphEntry))
        let holes = [
            SplicedDocument.Hole(key: "components", indent: 2, separator: ": ", empty: "[]", arrays: components.arrays),
            SplicedDocument.Hole(key: "dependsOn", indent: 6, separator: ": ", empty: "[]", arrays: system.arrays),
            SplicedDocument.Hole(key: nil, indent: 2, separator: ": ", empty: "[]", arrays: graph.arrays),
        ]
        return SplicedDocument(skeleton: Array(text.utf8), holes: holes).map { MarkedDocument(document: $0, replacements: replacements) }
    }

    /// The certificate a certificate's or its key's ref names (`crypto/key/SHA` → `crypto/certificate/SHA`).
    private static func certificate(of ref: String) -> String {
        ref.hasPrefix("crypto/key/") ? "crypto/certificate/" + ref.dropFirst("crypto/key/".count) : ref
    }

    private static func rendered(_ value: JSONValue, indent: Int) -> [UInt8] {
        var out = JSONOutput()
        value.write(to: &out, indent: indent)
        return out.takeBytes()
    }
}
