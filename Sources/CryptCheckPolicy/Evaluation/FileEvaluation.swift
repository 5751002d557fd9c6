import CryptCheckModel

extension Judge {
    /// Every finding for one file (or one asset a BOM declared).
    func fileFindings(_ file: FileObservation) -> [Finding] {
        file.declared == nil ? observedFileFindings(file) : declaredFindings(file)
    }

    /// Every finding for one file that was read.
    func observedFileFindings(_ file: FileObservation) -> [Finding] {
        var findings: [Finding] = []
        for item in file.items {
            let subject = file.items.count > 1 ? "\(file.path)#\(item.position)" : file.path
            let context = (file.items.count > 1 ? "#\(item.position) " : "") + "\(item.kind.rawValue) (\(item.format))"
            if let sshCertificate = item.sshCertificate {
                // The item's signature is the CA's, made with the CA key, not the certified key.
                findings += sshCertificateFindings(sshCertificate, key: item.key, subject: subject, context: context)
                continue
            }
            if let certificate = item.certificate {
                // A trust anchor: self-signed and asserting cA=TRUE. A v1 certificate cannot
                // assert it (RFC 5280 6.1.4 (k) leaves that to out-of-band means we cannot
                // observe), so a self-signed v1 root's signature is judged like any other.
                appendCertificateFindings(
                    certificate, subject: subject, context: context, isLeaf: true,
                    trustAnchor: certificate.isSelfSigned && certificate.isCA, to: &findings)
            } else if let key = item.key {
                let component = FindingComponent(item.kind)
                if Self.unobservedFact(key) != nil {
                    // Not cached: the reason depends on the item's protection, not on the facts.
                    findings.append(
                        keyFinding(
                            key, subject: subject, component: component, context: context,
                            why: item.protection.isEmpty ? nil : Self.encryptedReason))
                } else {
                    cache.append(.key(key, component: component, context: context), subject: subject, to: &findings) {
                        [keyFinding(key, subject: subject, component: component, context: context)]
                    }
                }
                findings += explicitCurveFindings(key, subject: subject, context: context, inCertificate: false)
            } else if Self.keyBearingKinds.contains(item.kind) {
                findings.append(
                    indeterminate(
                        subject: subject, component: FindingComponent(item.kind), item: "\(item.kind.rawValue) (\(item.format))",
                        context: context,
                        reason: "the key's algorithm and size were not observed"
                            + (item.protection.isEmpty ? "" : " (\(Self.encryptedReason))")))
            }
            if let signature = item.signature {
                let component = FindingComponent.signature(of: item.kind)
                let key = FindingCache.Key.signature(signature, key: item.key, component: component, context: context)
                cache.append(key, subject: subject, to: &findings) {
                    [signatureFinding(signature, key: item.key, subject: subject, component: component, context: context)]
                }
            }
            if !item.protection.isEmpty {
                cache.append(.protection(item.protection, context: context), subject: subject, to: &findings) {
                    [protectionFinding(item.protection, subject: subject, context: context)]
                }
            }
        }
        for (index, error) in file.errors.enumerated() {
            findings.append(
                indeterminate(subject: file.path, component: .file, item: file.path, reason: error, errorCode: file.errorCode(at: index)))
        }
        for snippet in file.unparsedSnippets ?? [] {
            findings.append(unparsedSnippetFinding(snippet, subject: file.path))
        }
        return findings
    }

    /// A PEM-looking example in a documentation or source file that does not parse: listed
    /// (not applicable, info), never judged, and not making the scan incomplete.
    func unparsedSnippetFinding(_ snippet: String, subject: String) -> Finding {
        Finding(
            subject: subject, component: .unparsedSnippet, item: snippet, list: policy.list.header.revision,
            listStatus: .notApplicable, verdict: .notApplicable, severity: .info, evidence: .confirmed, derived: true,
            message: "unparsed snippet: an example block in a documentation or source file that does not parse; not judged")
    }

    /// Items that always hold exactly one key, which must be judged.
    static let keyBearingKinds: Set<FileItemKind> = [.privateKey, .publicKey, .certificateRequest, .sshPrivateKey, .sshPublicKey]

    static let encryptedReason = "the key is encrypted and no password given opened it; pass one with --password-file"

    /// The envelope of an encrypted key or keystore, judged by its cipher, MAC and hashes.
    /// An algorithm cryptcheck does not know (kept as its OID or name) is indeterminate.
    func protectionFinding(_ protection: [ProtectionAlgorithm], subject: String, context: String) -> Finding {
        let unknown = protection.flatMap { [$0.primitive] + ($0.hash.map { [$0] } ?? []) }.filter { !$0.isKnown }
        if !unknown.isEmpty {
            return indeterminate(
                subject: subject, component: .keyProtection, item: protection.map(\.summary).joined(separator: ", "),
                context: context,
                reason: "the protection algorithm " + unknown.map(\.rawValue).joined(separator: ", ")
                    + " is not known to cryptcheck")
        }
        var primitives: [PrimitiveJudgement] = []
        var weakest: StrengthJudgement?
        for algorithm in protection {
            primitives.append(primitive(algorithm.primitive, role: algorithm.role, keyBits: algorithm.keyBits))
            if let hash = algorithm.hash { primitives.append(primitive(hash, role: algorithm.role.hash)) }
            if algorithm.role == .cipher, let bits = algorithm.keyBits,
                let strength = strength(.symmetric, size: algorithm.primitive == "3des" ? 112 : bits),
                weakest == nil || strength.strengthBits < weakest!.strengthBits
            {
                weakest = strength
            }
        }
        let item = protection.map(\.summary).joined(separator: ", ")
        return finding(
            subject: subject, component: .keyProtection, item: item, context: context,
            primitives: primitives, strength: weakest,
            remedy: Remedy(.reprotectKey, "Re-encrypt with PBES2 (PBKDF2-HMAC-SHA-256) and AES-256-CBC or AES-GCM."))
    }
}
