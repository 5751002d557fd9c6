import CryptCheckModel
import CryptCheckPolicy

/// The algorithm assets of a CBOM, taken from the findings and from nothing else: one asset per
/// primitive a finding judged, and per detail that qualified its status (the curve of an ECDH
/// group, a key below a list entry's size condition), so each asset carries exactly the status
/// the judge gave it under each list. No renderer names an algorithm from a suite or key on its
/// own: a name the judge does not use would carry no status.
struct CBOMAlgorithms {
    /// What makes two judgements the same asset.
    struct Key: Hashable {
        let primitive: Primitive
        let detail: String?
    }

    /// One asset: the statuses each list (revision) gave it and the roles it was judged in.
    struct Asset {
        let key: Key
        var statuses: [String: Set<ListStatus>] = [:]
        var roles: [PrimitiveRole] = []
    }

    /// The assets in the order their first judgement appears in the findings.
    private(set) var assets: [Asset] = []
    private var index: [Key: Int] = [:]

    init(_ findings: [Finding] = []) {
        for finding in findings { add(finding) }
    }

    /// Adds the primitives `finding` judged.
    mutating func add(_ finding: Finding) {
        for judged in finding.primitives {
            let position = self.position(Key(primitive: judged.primitive, detail: judged.detail))
            assets[position].statuses[finding.list, default: []].insert(judged.status)
            if !assets[position].roles.contains(judged.role) { assets[position].roles.append(judged.role) }
        }
    }

    /// Adds the assets of findings that come after those added (the streamed CBOM judges the
    /// files of one input before the endpoints of the next, which come first).
    mutating func merge(_ later: CBOMAlgorithms) {
        for asset in later.assets {
            let position = self.position(asset.key)
            assets[position].statuses.merge(asset.statuses) { $0.union($1) }
            for role in asset.roles where !assets[position].roles.contains(role) { assets[position].roles.append(role) }
        }
    }

    private mutating func position(_ key: Key) -> Int {
        if let known = index[key] { return known }
        index[key] = assets.count
        assets.append(Asset(key: key))
        return assets.count - 1
    }

    /// The bom-ref of the asset of one judgement.
    static func ref(_ judged: PrimitiveJudgement) -> String { ref(Key(primitive: judged.primitive, detail: judged.detail)) }

    static func ref(_ key: Key) -> String {
        "crypto/algorithm/" + key.primitive.rawValue + (key.detail.map { " (\($0))" } ?? "")
    }

    /// The CycloneDX component of `asset`; `lists` orders the status properties.
    static func component(_ asset: Asset, lists: [ListReference]) -> JSONValue {
        let info = asset.key.primitive.info
        let shape = Shape(info?.kind, id: asset.key.primitive.rawValue)
        var properties: [JSONValue] = [["name": "cryptcheck:primitive", "value": .string(asset.key.primitive.rawValue)]]
        if let detail = asset.key.detail { properties.append(["name": "cryptcheck:detail", "value": .string(detail)]) }
        // Lists in the report's order, then any a finding names that the report does not.
        let named = lists.map(\.revision)
        let revisions = named.filter { asset.statuses[$0] != nil } + asset.statuses.keys.filter { !named.contains($0) }.sorted()
        for revision in revisions {
            // One status per list is the rule; were a list to give one asset two, both are
            // shown (CycloneDX properties may repeat a name), worst first.
            for status in asset.statuses[revision, default: []].sorted(by: >) {
                properties.append(["name": .string("cryptcheck:listStatus:\(revision)"), "value": .string(status.rawValue)])
            }
        }
        properties.append(["name": "cryptcheck:roles", "value": .string(asset.roles.map(\.rawValue).joined(separator: ", "))])
        return .object(dropping: [
            ("type", "cryptographic-asset"), ("bom-ref", .string(ref(asset.key))),
            ("name", .string((info?.displayName ?? asset.key.primitive.rawValue) + (asset.key.detail.map { " (\($0))" } ?? ""))),
            (
                "cryptoProperties",
                .object(dropping: [
                    ("assetType", "algorithm"),
                    (
                        "algorithmProperties",
                        .object(dropping: [
                            ("primitive", .string(shape.primitive)),
                            ("mode", shape.mode.map(JSONValue.string)),
                            ("cryptoFunctions", .array(shape.functions.map(JSONValue.string))),
                        ])
                    ),
                ])
            ),
            ("properties", .array(properties)),
        ])
    }

    /// How CycloneDX 1.6 classifies a catalogued primitive kind (its `primitive`, `mode` and
    /// `cryptoFunctions` enumerations).
    struct Shape {
        let primitive: String
        let mode: String?
        let functions: [String]

        init(_ kind: PrimitiveKind?, id: String) {
            guard let kind else {
                (primitive, mode, functions) = ("unknown", nil, ["unknown"])
                return
            }
            let modes: Set<String> = ["cbc", "ecb", "ccm", "gcm", "cfb", "ofb", "ctr"]
            switch kind {
            case .signature: (primitive, mode, functions) = ("signature", nil, ["sign", "verify"])
            case .confidentiality: (primitive, mode, functions) = ("pke", nil, ["encrypt", "decrypt"])
            case .keyExchange: (primitive, mode, functions) = ("key-agree", nil, ["keygen"])
            case .kem: (primitive, mode, functions) = ("kem", nil, ["encapsulate", "decapsulate"])
            case .blockCipher64, .blockCipher128: (primitive, mode, functions) = ("block-cipher", nil, ["encrypt", "decrypt"])
            case .streamCipher: (primitive, mode, functions) = ("stream-cipher", nil, ["encrypt", "decrypt"])
            case .hash: (primitive, mode, functions) = ("hash", nil, ["digest"])
            case .encryptionMode:
                (primitive, mode, functions) = ("block-cipher", modes.contains(id) ? id : "other", ["encrypt", "decrypt"])
            case .authenticatedEncryption: (primitive, mode, functions) = ("ae", modes.contains(id) ? id : nil, ["encrypt", "decrypt"])
            case .mac: (primitive, mode, functions) = ("mac", nil, ["tag"])
            case .keyDerivation: (primitive, mode, functions) = ("kdf", nil, ["keyderive"])
            case .entityAuthentication, .none: (primitive, mode, functions) = ("other", nil, ["other"])
            }
        }
    }
}
