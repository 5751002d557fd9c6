import CryptCheckModel
import CryptCheckPolicy
import Foundation

/// A declared inventory (a CycloneDX BOM given to `diff`) against an observed one (a saved
/// observation file or a stored scan): what is used but not declared, and what is declared
/// but not seen. Compared by value, not by target (a BOM names assets, a scan names hosts and
/// paths): protocol versions, cipher suites per version, SSH algorithms per list, keys (type and size or curve),
/// signature algorithms, and the primitives the findings judged on each side.
package struct InventoryDiff: Sendable, Hashable, Codable {
    /// One value of one field (`cipher-suite`, `TLSv1.2 TLS_AES_128_GCM_SHA256`).
    package struct Value: Sendable, Hashable, Codable, Comparable {
        package var field: String
        package var value: String

        package static func < (lhs: Value, rhs: Value) -> Bool { (lhs.field, lhs.value) < (rhs.field, rhs.value) }
    }

    /// `A` or `B`: the side that is the declared inventory.
    package var declared: String
    package var usedNotDeclared: [Value]
    package var declaredNotSeen: [Value]
    /// Declared assets that could not be mapped (each `BOM#bom-ref: reason`): not compared.
    package var notJudged: [String]
    /// Targets the observed side could not scan: a value missing there was not seen.
    package var notScanned: [String]

    /// The fields compared, in the order they are shown.
    package static let fields = ["protocol-version", "cipher-suite", "ssh-algorithm", "key", "signature-algorithm", "primitive"]

    package init(declared: ObservationSet, observed: ObservationSet, declaredSide: String, policies: [Policy]) {
        let have = Self.inventory(declared, policies: policies)
        let seen = Self.inventory(observed, policies: policies)
        self.declared = declaredSide
        usedNotDeclared = seen.subtracting(have).sorted(by: Self.order)
        declaredNotSeen = have.subtracting(seen).sorted(by: Self.order)
        notJudged = declared.unscanned.map { "\($0.target): \($0.reason)" }
        notScanned = observed.unscanned.map { "\($0.target): \($0.reason)" }
    }

    package var changed: Bool { !usedNotDeclared.isEmpty || !declaredNotSeen.isEmpty }

    private static func order(_ a: Value, _ b: Value) -> Bool {
        let left = (fields.firstIndex(of: a.field) ?? fields.count, a.value)
        let right = (fields.firstIndex(of: b.field) ?? fields.count, b.value)
        return left < right
    }

    /// Every value of `set`, declared or observed alike.
    static func inventory(_ set: ObservationSet, policies: [Policy]) -> Set<Value> {
        var values = Set<Value>()
        func add(_ field: String, _ value: String) { values.insert(Value(field: field, value: value)) }
        func addSignature(_ signature: SignatureAlgorithmFacts) {
            guard let scheme = signature.scheme else { return add("signature-algorithm", signature.name) }
            add("signature-algorithm", scheme.displayName + (signature.hash.map { " with \($0.displayName)" } ?? ""))
        }
        for endpoint in set.endpoints {
            for support in endpoint.versions where support.status == .yes { add("protocol-version", support.version.name) }
            for enumeration in endpoint.cipherSuites {
                for suite in enumeration.accepted { add("cipher-suite", "\(enumeration.version.name) \(suite.name)") }
            }
            for kind in endpoint.sslv2CipherKinds { add("cipher-suite", "SSLv2 \(kind.name)") }
            for chain in endpoint.certificateChains {
                for certificate in chain.certificates {
                    add("key", certificate.publicKey.summary)
                    addSignature(certificate.signature)
                }
            }
        }
        for endpoint in set.sshEndpoints {
            // What the server accepted offered alone, per list (`kex curve25519-sha256`), and the
            // host keys it proved (a certificate's CA key too).
            for support in endpoint.algorithms where support.accepted == .yes {
                add("ssh-algorithm", "\(support.category.rawValue) \(support.name)")
            }
            for hostKey in endpoint.hostKeys where hostKey.isObserved {
                if let key = hostKey.key { add("key", key.summary) }
                if let certificate = hostKey.certificate { add("key", certificate.caKey.summary) }
            }
        }
        for file in set.files {
            for item in file.items {
                if let certificate = item.certificate {
                    add("key", certificate.publicKey.summary)
                    addSignature(certificate.signature)
                    continue
                }
                if let key = item.key { add("key", key.summary) }
                if let signature = item.signature { addSignature(signature) }
            }
            if let algorithm = file.declaredAlgorithm {
                if let key = algorithm.key, algorithm.signature == nil { add("key", key.summary) }
                if let signature = algorithm.signature { addSignature(signature) }
            }
        }
        let findings = Evaluator.evaluate(set, policies: Array(policies.prefix(1))).findings
        for finding in findings {
            for judged in finding.primitives where judged.primitive.isKnown { add("primitive", judged.primitive.displayName) }
        }
        return values
    }
}
