import CryptCheckModel

/// What a policy accepts on a TLS server and for keys, found by judging every suite, group and
/// signature scheme of the registry, and the usual key sizes, with the policy's own rules: the
/// configuration lines a report prints (`ssl_ciphers`, `Groups`, `openssl genpkey`) follow the
/// encoded lists, never a hand-written string that could drift from them.
package struct AcceptableConfiguration: Sendable, Hashable, Codable {
    /// A registry value by its IANA name and the name OpenSSL's configuration takes.
    package struct Name: Sendable, Hashable, Codable {
        package var iana: String
        package var openssl: String
        package init(iana: String, openssl: String) {
            self.iana = iana
            self.openssl = openssl
        }
    }

    /// The ciphers list (revision) judged against.
    package var list: String
    /// The protocol versions the target profile allows, oldest first (`TLSv1.2`, `TLSv1.3`).
    package var versions: [String]
    /// TLS 1.3 suites that pass the list and the target profile, in code-point order.
    package var tls13Suites: [Name]
    /// TLS 1.2 suites (with a certificate) that pass the list and that the target GL-3001
    /// profile recommends: forward-secret AEAD suites first.
    package var tls12Suites: [Name]
    /// Elliptic-curve and finite-field groups that pass.
    package var groups: [Name]
    /// Post-quantum groups (ML-KEM, hybrid) that pass: not in the configuration lines, since
    /// OpenSSL knows them only from 3.5 and an unknown group stops an older server.
    package var hybridGroups: [Name]
    /// Signature schemes that pass (TLS 1.3 names, which OpenSSL takes for TLS 1.2 as well).
    package var signatureSchemes: [Name]
    /// The smallest RSA modulus usable, without migration, through the end of operation.
    package var rsaBits: Int?
    /// The smallest named curve on the list strong enough through the end of operation (`P-256`).
    package var curve: String?
    /// The smallest RFC 7919 group strong enough through the end of operation (`ffdhe3072`).
    package var dhGroup: String?
    /// The hash a signature and a keystore's MAC should use (`sha256`).
    package var hash: String?
    /// The cipher a keystore or encrypted key should use (`AES-256-CBC`).
    package var keyCipher: String?

    package init(
        list: String, versions: [String], tls13Suites: [Name], tls12Suites: [Name], groups: [Name], hybridGroups: [Name],
        signatureSchemes: [Name], rsaBits: Int?, curve: String?, dhGroup: String?, hash: String?, keyCipher: String?
    ) {
        self.list = list
        self.versions = versions
        self.tls13Suites = tls13Suites
        self.tls12Suites = tls12Suites
        self.groups = groups
        self.hybridGroups = hybridGroups
        self.signatureSchemes = signatureSchemes
        self.rsaBits = rsaBits
        self.curve = curve
        self.dhGroup = dhGroup
        self.hash = hash
        self.keyCipher = keyCipher
    }
}

extension Policy {
    /// What this policy accepts (see `AcceptableConfiguration`): each candidate judged as a
    /// server's would be, kept when its finding passes.
    package func acceptableConfiguration() -> AcceptableConfiguration {
        let judge = Judge(policy: self)
        let subject = "configuration"
        let versions: [ProtocolVersion] = [.sslv3, .tlsv1_0, .tlsv1_1, .tlsv1_2, .tlsv1_3].filter {
            judge.versionFinding($0, subject: subject).verdict == .pass
        }
        // A suite passes when the list accepts it and, with a TLS guideline, the target profile
        // recommends it (a suite in neither class is a should-level note there, not a choice).
        let classes = guideline.flatMap { $0.profile(targetProfile) }.map { guideline?.suiteClasses(of: $0.id) ?? [] }
        func passes(_ suite: CipherSuiteInfo, _ version: ProtocolVersion) -> Bool {
            guard suite.versions.contains(version), judge.suiteFinding(suite.suite, version: version, subject: subject).verdict == .pass
            else { return false }
            guard let classes else { return suite.hasForwardSecrecy || version >= .tlsv1_3 }
            return !SuiteClassification(suite, under: version, entries: classes).recommendedBy.isEmpty
        }
        let tls13 = CipherSuiteRegistry.all.filter { $0.keyExchange == .negotiatedSeparately && passes($0, .tlsv1_3) }
        let tls12 = CipherSuiteRegistry.all.filter {
            $0.keyExchange != .negotiatedSeparately && $0.opensslName != nil && $0.usesCertificate && passes($0, .tlsv1_2)
        }
        .sorted { a, b in
            // Forward secrecy, then AEAD, then ECDSA before RSA; the registry order within.
            let left = (a.hasForwardSecrecy ? 0 : 1, a.isAEAD ? 0 : 1, a.authentication == .ecdsa ? 0 : 1, a.code)
            let right = (b.hasForwardSecrecy ? 0 : 1, b.isAEAD ? 0 : 1, b.authentication == .ecdsa ? 0 : 1, b.code)
            return left < right
        }
        let groups = NamedGroupRegistry.all.filter {
            $0.isStandard && ($0.versions.contains(.tlsv1_3) || $0.versions.contains(.tlsv1_2))
                && judge.groupFinding($0.group, subject: subject).verdict == .pass
        }
        // The schemes OpenSSL's SignatureAlgorithms names: RSA (PKCS #1 and PSS) and ECDSA on the
        // SEC curves with a hash, EdDSA (brainpool TLS 1.3 names need OpenSSL 3.2, ML-DSA 3.5).
        let nameable: Set<Primitive> = ["rsassa-pkcs1-v1_5", "rsa-pss", "ecdsa", "eddsa"]
        let schemes = SignatureSchemeRegistry.all.filter { info in
            info.isStandard && info.versions.contains(.tlsv1_3) && info.components.count == 1
                && info.components.allSatisfy(nameable.contains) && (info.hash != nil || info.components == ["eddsa"])
                && (info.curve.map { $0.hasPrefix("secp") || !info.components.contains("ecdsa") } ?? true)
                && judge.schemeFinding(SignatureScheme(rawValue: info.code), version: .tlsv1_3, subject: subject).verdict == .pass
        }
        func usable(_ strength: StrengthJudgement?) -> Bool {
            guard let strength else { return false }
            return strength.status == .acceptable && strength.strengthBits >= (targetStrength ?? strength.requiredBits)
        }
        let rsaBits =
            judge.primitive("rsassa-pkcs1-v1_5", role: .signature).status == .recommended
            ? [2048, 3072, 4096, 7680, 15360].first { usable(judge.strength(.rsa, size: $0)) } : nil
        let curve = [("P-256", "secp256r1"), ("P-384", "secp384r1"), ("P-521", "secp521r1")].first { nist, name in
            judge.primitive("ecdsa", role: .signature, curve: name).status == .recommended
                && usable(judge.strength(.ecc, size: EllipticCurve.named(name)?.orderBits ?? 0, curve: name))
        }?.0
        let dhGroup = groups.first { $0.kind == .ffdhe }.map { $0.name.lowercased() }
        let hash = ["sha-256", "sha-384", "sha-512"].first { hash in
            judge.primitive(Primitive(hash), role: .signatureHash).status == .recommended
        }
        let aes = judge.primitive("aes", role: .cipher, keyBits: 256).status == .recommended
        let cbc = judge.primitive(CipherMode.cbc.primitive, role: .mode).status == .recommended
        return AcceptableConfiguration(
            list: list.header.revision, versions: versions.map(\.name),
            tls13Suites: tls13.map { Self.name($0) }, tls12Suites: tls12.map { Self.name($0) },
            groups: groups.filter { $0.kind == .ellipticCurve || $0.kind == .ffdhe }.map {
                .init(iana: $0.name, openssl: Self.opensslGroup($0.name))
            },
            hybridGroups: groups.filter { $0.kind == .hybrid || $0.kind == .kem }.map {
                .init(iana: $0.name, openssl: $0.name.replacingOccurrences(of: "_", with: ""))
            },
            signatureSchemes: schemes.map {
                let name = SignatureScheme(rawValue: $0.code).name(in: .tlsv1_3)
                // TLS 1.2's hash-and-signature pairs for RSA are TLS 1.3's rsa_pkcs1_* schemes.
                let openssl = name.hasPrefix("rsa_sha") ? "rsa_pkcs1_" + name.dropFirst("rsa_".count) : name
                return .init(iana: name, openssl: openssl)
            },
            rsaBits: rsaBits, curve: curve, dhGroup: dhGroup, hash: hash.map { $0.replacingOccurrences(of: "-", with: "") },
            keyCipher: aes && cbc ? "AES-256-CBC" : nil)
    }

    /// OpenSSL's name of a group: the registry name in lower case (`secp256r1`, `ffdhe3072`),
    /// brainpool curves as RFC 5639 spells them (`brainpoolP256r1`).
    static func opensslGroup(_ name: String) -> String {
        let lower = name.lowercased()
        return lower.hasPrefix("brainpoolp") ? "brainpoolP" + lower.dropFirst("brainpoolp".count) : lower
    }

    private static func name(_ suite: CipherSuiteInfo) -> AcceptableConfiguration.Name {
        .init(iana: suite.displayName, openssl: suite.opensslName ?? suite.displayName)
    }
}
