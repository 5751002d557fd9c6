import CryptCheckModel
import CryptCheckPolicy

/// Collects a CBOM's components once each (by bom-ref) and the edges between them. Protocols,
/// certificates, keys and files come from the observations; algorithms only from the findings
/// (`CBOMAlgorithms`), linked from the component each finding judged.
struct CBOMBuilder {
    let evidence: ReportEvidence
    let findings: [Finding]
    var algorithms: CBOMAlgorithms
    var components: [String: JSONValue] = [:]
    var order: [String] = []
    var edges: [String: [String]] = [:]
    /// The edges as sets, so adding one is no search of a list (the system depends on every file).
    private var linked: [String: Set<String>] = [:]
    /// Where each certificate was seen, by certificate ref.
    var locations: [String: [String]] = [:]
    /// What a finding's subject (and context) stands for: see `owners(of:)`.
    var owners = CBOMOwners()
    /// The algorithm ref of each key component (the primitive its key finding judged), of each
    /// certificate's signature, and of the first protection of each private key.
    var keyAlgorithm: [String: String] = [:]
    var signatureAlgorithm: [String: String] = [:]
    var protectionAlgorithm: [String: String] = [:]
    /// The subjects a CycloneDX BOM declared (findings marked declared): their components
    /// carry `cryptcheck:declared`.
    let declaredSubjects: Set<String>

    /// A builder of the components of `evidence` and `findings` (a whole report's, or one
    /// endpoint's or file's in the streamed CBOM).
    init(evidence: ReportEvidence, findings: [Finding]) {
        self.evidence = evidence
        self.findings = findings
        algorithms = CBOMAlgorithms(findings)
        declaredSubjects = Set(findings.lazy.filter { $0.declared == true }.map(\.subject))
    }

    /// The property that marks a component declared in a BOM, not observed.
    static let declaredProperty: JSONValue = ["name": "cryptcheck:declared", "value": "true"]

    /// Whether `subject` (an endpoint, a file, or a certificate's or key's location in one) was declared.
    func isDeclared(_ location: String) -> Bool {
        if declaredSubjects.contains(location) { return true }
        // `path#position` of an item in a declared "file" (`BOM#bom-ref`).
        guard let cut = location.lastIndex(of: "#") else { return false }
        return declaredSubjects.contains(String(location[..<cut]))
    }

    // MARK: graph

    mutating func add(_ ref: String, _ component: JSONValue) {
        guard components[ref] == nil else { return }
        components[ref] = component
        order.append(ref)
    }

    mutating func link(_ from: String, _ to: String) {
        if linked[from, default: []].insert(to).inserted { edges[from, default: []].append(to) }
    }

    /// Registers the components the findings can be about, before any is written.
    mutating func collect() {
        for endpoint in evidence.endpoints {
            var refs: [String] = []
            for version in endpoint.versions where version.status == "yes" {
                let ref = Self.protocolRef(endpoint.endpoint, version.version)
                owners.protocolByVersion[CBOMOwners.key(endpoint.endpoint, version.version)] = ref
                refs.append(ref)
            }
            owners.protocols[endpoint.endpoint] = refs
        }
        // An SSH endpoint is one protocol asset; the findings of its algorithms and host keys hang on it.
        for endpoint in evidence.sshEndpoints ?? [] {
            owners.protocols[endpoint.subject] = endpoint.outcome.isObserved ? [Self.sshProtocolRef(endpoint.subject)] : []
        }
        for certificate in evidence.certificates {
            owners.certificates[certificate.location] = Self.certificateRef(certificate)
        }
        for file in evidence.files {
            owners.files[file.path] = Self.fileRef(file.path)
            for item in file.items {
                let subject = file.items.count > 1 ? "\(file.path)#\(item.position)" : file.path
                if let certificate = owners.certificates["\(file.path)#\(item.position)"] {
                    owners.items[subject] = .init(main: certificate, key: Self.keyRef(ofCertificate: certificate))
                } else if item.key != nil {
                    owners.items[subject] = .init(
                        main: Self.keyRef("\(file.path)#\(item.position)"), key: Self.keyRef("\(file.path)#\(item.position)"))
                } else {
                    owners.items[subject] = .init(main: Self.fileRef(file.path), key: nil)
                }
            }
        }
    }

    /// Links every finding's primitives from what the finding judged, and notes which
    /// primitive a key, a signature and a protection envelope stand for.
    mutating func linkFindings() {
        for finding in findings where !finding.primitives.isEmpty {
            let owner = owners.owner(of: finding)
            for target in owner.refs {
                for judged in finding.primitives { link(target, CBOMAlgorithms.ref(judged)) }
            }
            if finding.component == .certificateSignature {
                let signature = finding.primitives.first { $0.role == .signature } ?? finding.primitives[0]
                if let certificate = owner.refs.first, signatureAlgorithm[certificate] == nil {
                    signatureAlgorithm[certificate] = CBOMAlgorithms.ref(signature)
                }
                continue
            }
            guard let keyRef = owner.key else { continue }
            if finding.component == .keyProtection {
                let cipher = finding.primitives.first { $0.role == .cipher } ?? finding.primitives[0]
                if protectionAlgorithm[keyRef] == nil { protectionAlgorithm[keyRef] = CBOMAlgorithms.ref(cipher) }
            } else if let judged = finding.primitives.first(where: { $0.role == .key }), keyAlgorithm[keyRef] == nil {
                keyAlgorithm[keyRef] = CBOMAlgorithms.ref(judged)
            }
        }
    }

    /// Every algorithm asset, in the order the findings first judged it.
    mutating func addAlgorithms(lists: [ListReference]) {
        for asset in algorithms.assets {
            add(CBOMAlgorithms.ref(asset.key), CBOMAlgorithms.component(asset, lists: lists))
        }
    }

    // MARK: refs

    static func protocolRef(_ endpoint: String, _ version: String) -> String { "crypto/protocol/\(endpoint)/\(version)" }
    static func sshProtocolRef(_ subject: String) -> String { "crypto/protocol/\(subject)/SSH-2.0" }
    static func sshHostKeyRef(_ subject: String, _ fingerprint: String) -> String { "crypto/ssh-host-key/\(subject)/\(fingerprint)" }
    /// By fingerprint; a certificate a BOM declared without one, by where it was declared.
    static func certificateRef(_ certificate: CertificateEvidence) -> String {
        "crypto/certificate/" + (certificate.sha256.isEmpty ? "declared/" + certificate.location : certificate.sha256)
    }
    static func keyRef(ofCertificate certificate: String) -> String {
        "crypto/key/" + certificate.dropFirst("crypto/certificate/".count)
    }
    /// A key held in a file, named by its full location (`path#position`).
    static func keyRef(_ location: String) -> String { "crypto/key/" + location }
    static func fileRef(_ path: String) -> String { "file/" + path }
}

/// What each finding is about, as CBOM components: findings name their subject as text
/// (`host:port`, `path`, `path#2`) and the part within it as context (`TLSv1.2`,
/// `chain 1 certificate 2 (leaf)`).
struct CBOMOwners {
    /// The components of one file item: the item itself and the key component it holds.
    struct Item {
        let main: String
        let key: String?
    }

    /// Where a finding's primitives hang: `refs` depend on them; `key` is the key component
    /// the finding is about, if any.
    struct Owner {
        let refs: [String]
        let key: String?
    }

    var protocols: [String: [String]] = [:]
    var protocolByVersion: [String: String] = [:]
    var certificates: [String: String] = [:]
    var items: [String: Item] = [:]
    var files: [String: String] = [:]

    static func key(_ endpoint: String, _ part: String) -> String { endpoint + "\u{1F}" + part }

    func owner(of finding: Finding) -> Owner {
        // The certificate's own parts; its key's findings hang on the key component.
        let certificateFinding = finding.component == .certificateSignature || finding.component == .certificateValidity
        if let protocolRefs = protocols[finding.subject] {
            if let context = finding.context, let location = Self.chainLocation(context),
                let certificate = certificates[finding.subject + " " + location]
            {
                let key = CBOMBuilder.keyRef(ofCertificate: certificate)
                return finding.component == .certificateKey ? Owner(refs: [key], key: key) : Owner(refs: [certificate], key: nil)
            }
            if let context = finding.context, let ref = protocolByVersion[Self.key(finding.subject, context)] {
                return Owner(refs: [ref], key: nil)
            }
            return Owner(refs: protocolRefs.isEmpty ? ["system"] : protocolRefs, key: nil)
        }
        if let item = items[finding.subject] {
            if certificateFinding { return Owner(refs: [item.main], key: nil) }
            return Owner(refs: [item.key ?? item.main], key: item.key)
        }
        // A file-level finding (`path`), or one whose subject names a part of a file this
        // renderer does not know: hang it on the file, else on the system.
        let path = finding.subject.split(separator: "#", omittingEmptySubsequences: false).dropLast().joined(separator: "#")
        if let file = files[finding.subject] ?? files[path] { return Owner(refs: [file], key: nil) }
        return Owner(refs: ["system"], key: nil)
    }

    /// `chain 1 certificate 2` from `chain 1 certificate 2 (leaf)`; nil for other contexts.
    static func chainLocation(_ context: String) -> String? {
        let words = context.split(separator: " ")
        guard words.count >= 4, words[0] == "chain", words[2] == "certificate", Int(words[1]) != nil, Int(words[3]) != nil
        else { return nil }
        return words[0..<4].joined(separator: " ")
    }
}
