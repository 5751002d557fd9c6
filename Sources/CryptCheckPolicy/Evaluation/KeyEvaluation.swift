import CryptCheckModel

extension Judge {
    /// The list primitive a key serves, and its strength family and size.
    func keyJudgements(_ key: KeyFacts, role: PrimitiveRole, use: StrengthUse = .newProtection) -> (PrimitiveJudgement?, StrengthJudgement?)
    {
        func strength(_ family: StrengthFamily, size: Int, curve: String? = nil) -> StrengthJudgement? {
            self.strength(family, size: size, curve: curve, use: use)
        }
        switch key.algorithm {
        case .rsa where key.oid == "1.2.840.113549.1.1.7":  // id-RSAES-OAEP: an encryption-only key
            return (primitive("rsa-oaep", role: role), key.bits.flatMap { strength(.rsa, size: $0) })
        case .rsa:
            return (primitive("rsassa-pkcs1-v1_5", role: role), key.bits.flatMap { strength(.rsa, size: $0) })
        case .rsaPSS:
            return (primitive("rsa-pss", role: role), key.bits.flatMap { strength(.rsa, size: $0) })
        case .dsa:
            return (primitive("dsa", role: role), key.bits.flatMap { strength(.ffc, size: $0) })
        case .dh:
            return (primitive("dh", role: role), key.bits.flatMap { strength(.ffc, size: $0) })
        case .ec:
            let curve = key.curve
            let bits = key.bits ?? curve.flatMap { EllipticCurve.named($0)?.orderBits }
            return (
                primitive("ecdsa", role: role, curve: curve),
                bits.flatMap { strength(.ecc, size: $0, curve: curve) }
            )
        case .ed25519, .ed448:
            let curve = key.algorithm.rawValue
            let bits = EllipticCurve.named(curve)?.orderBits ?? 0
            return (primitive("eddsa", role: role), strength(.ecc, size: bits, curve: curve))
        case .x25519, .x448:
            let curve = key.algorithm.rawValue
            let bits = EllipticCurve.named(curve)?.orderBits ?? 0
            return (primitive("ecdh", role: role, curve: curve), strength(.ecc, size: bits, curve: curve))
        case .mlDSA:
            return (primitive("ml-dsa", role: role), nil)
        case .slhDSA:
            return (primitive("slh-dsa", role: role), nil)
        case .mlKEM:
            return (primitive(key.bits.map { Primitive("ml-kem-\($0)") } ?? "ml-kem", role: role), nil)
        case .gost:
            return (primitive("gost-r34.10", role: role), nil)
        case .unknown:
            return (nil, nil)
        }
    }

    /// What a judgement of `key` would rest on that was not observed: its size, curve or
    /// parameter set. `nil` when every fact the judgement needs is known.
    static func unobservedFact(_ key: KeyFacts) -> String? {
        switch key.algorithm {
        case .rsa, .rsaPSS, .dsa, .dh:
            return key.bits == nil ? "the \(key.algorithm.rawValue.uppercased()) key's size" : nil
        case .ec:
            if key.curve == nil { return "the EC key's curve" }
            return key.bits == nil && EllipticCurve.named(key.curve!)?.orderBits == nil ? "the EC key's size" : nil
        case .mlKEM:
            return key.bits == nil ? "the ML-KEM key's parameter set" : nil
        case .unknown:
            return "the key's algorithm"
        case .ed25519, .ed448, .x25519, .x448, .mlDSA, .slhDSA, .gost:
            return nil
        }
    }

    /// A finding for a key (certificate key, private or public key file). A key whose size,
    /// curve or algorithm was not observed is indeterminate (`why` says why, when known),
    /// unless its algorithm alone already makes it a violation.
    /// `use`: `.existingData` for a key that only verifies or decrypts what was protected before.
    func keyFinding(
        _ key: KeyFacts, subject: String, component: FindingComponent, context: String?, why: String? = nil,
        use: StrengthUse = .newProtection
    ) -> Finding {
        let missing = Self.unobservedFact(key)
        let (judgement, strength) = keyJudgements(key, role: .key, use: use)
        guard let judgement, !(key.algorithm == .mlKEM && missing != nil) else {
            if judgement != nil, let missing {
                return indeterminate(
                    subject: subject, component: component, item: key.summary, context: context,
                    reason: "\(missing) was not observed" + (why.map { " (\($0))" } ?? ""))
            }
            return indeterminate(
                subject: subject, component: component, item: key.summary, context: context,
                reason: "the key algorithm \(key.oid ?? "?") is not known to cryptcheck")
        }
        var finding = finding(
            subject: subject, component: component, item: key.summary, context: context,
            primitives: [judgement], strength: strength)
        if let missing {
            let reason = "\(missing) was not observed" + (why.map { " (\($0))" } ?? "")
            guard finding.verdict == .violation else {
                return indeterminate(
                    subject: subject, component: component, item: key.summary, context: context,
                    reason: reason)
            }
            finding.message += "; \(reason)"
        }
        return finding
    }

    /// Signature schemes that sign a hash named apart from the scheme (EdDSA, ML-DSA, SM2 and
    /// GOST name or imply theirs).
    static let hashedSchemes: Set<Primitive> = ["rsassa-pkcs1-v1_5", "rsa-pss", "ecdsa", "dsa"]

    /// A finding for a signature algorithm (certificate, CSR or CRL signature).
    func signatureFinding(
        _ signature: SignatureAlgorithmFacts, key: KeyFacts?, subject: String,
        component: FindingComponent, context: String?, use: StrengthUse = .newProtection
    ) -> Finding {
        guard let scheme = signature.scheme else {
            return indeterminate(
                subject: subject, component: component, item: signature.name, context: context,
                reason: "the signature algorithm \(signature.oid) is not known to cryptcheck")
        }
        if let hash = signature.hash ?? signature.mgf1Hash, !hash.isKnown {
            return indeterminate(
                subject: subject, component: component, item: signature.name, context: context,
                reason: "the hash algorithm \(hash.rawValue) of \(signature.name) is not known to cryptcheck")
        }
        if signature.hash == nil, Self.hashedSchemes.contains(scheme) {
            return indeterminate(
                subject: subject, component: component, item: signature.name, context: context,
                reason: "the hash of the \(scheme.displayName) signature \(signature.name) was not observed")
        }
        var primitives = [primitive(scheme, role: .signature, curve: scheme == "ecdsa" ? key?.curve : nil)]
        var strength: StrengthJudgement?
        if let hash = signature.hash {
            primitives.append(primitive(hash, role: .signatureHash))
            if let bits = HashOutput.bits[hash] { strength = self.strength(.hash, size: bits, use: use) }
        }
        if let mgf1 = signature.mgf1Hash, mgf1 != signature.hash {
            primitives.append(primitive(mgf1, role: .mgf1Hash))
        }
        return finding(
            subject: subject, component: component, item: signature.name, context: context,
            primitives: primitives, strength: strength,
            remedy: Remedy(
                .resignWithSHA256,
                "Re-issue with SHA-256 or stronger and a scheme on the e-Government Recommended list (RSASSA-PKCS1-v1_5, RSA-PSS, ECDSA)."))
    }

    /// Findings for one certificate: its key, its signature and its validity on the as-of day.
    /// `trustAnchor`: the certificate stands alone as a trust anchor (a self-signed CA found on
    /// disk), whose self-signature no relying party verifies (RFC 5280 6.1): its signature is
    /// reported for information, its key judged as any other.
    /// `servedInHandshake`: the certificate was sent by a server, whose key signs new handshakes
    /// whatever its dates say; only a certificate at rest that has expired merely verifies what
    /// was signed before (processing existing data, LS-0003).
    func certificateFindings(
        _ certificate: CertificateFacts, subject: String, context: String,
        isLeaf: Bool, trustAnchor: Bool = false, servedInHandshake: Bool = false
    ) -> [Finding] {
        var findings: [Finding] = []
        appendCertificateFindings(
            certificate, subject: subject, context: context, isLeaf: isLeaf, trustAnchor: trustAnchor,
            servedInHandshake: servedInHandshake, to: &findings)
        return findings
    }

    /// `certificateFindings`, appended to `findings` (each finding copied once).
    func appendCertificateFindings(
        _ certificate: CertificateFacts, subject: String, context: String,
        isLeaf: Bool, trustAnchor: Bool = false, servedInHandshake: Bool = false, to findings: inout [Finding]
    ) {
        // The key and signature findings repeat across certificates with the same algorithms
        // (cached); the validity finding is each certificate's own.
        let key = certificate.publicKey
        let expired = CalendarDay(policy.asOf) > CalendarDay(certificate.notAfter)
        let use: StrengthUse = expired && !servedInHandshake ? .existingData : .newProtection
        cache.append(.key(key, component: .certificateKey, context: context, use: use), subject: subject, to: &findings) {
            [keyFinding(key, subject: subject, component: .certificateKey, context: context, use: use)]
        }
        findings += explicitCurveFindings(key, subject: subject, context: context, inCertificate: true)
        if !certificate.signatureIsIrrelevant(atChainPosition: isLeaf ? 0 : 1) {
            let signature = certificate.signature
            let cacheKey: FindingCache.Key =
                trustAnchor
                ? .trustAnchorSignature(signature, context: context)
                : .signature(signature, key: nil, component: .certificateSignature, context: context, use: use)
            cache.append(cacheKey, subject: subject, to: &findings) {
                let finding = signatureFinding(
                    signature, key: nil, subject: subject, component: .certificateSignature,
                    context: context, use: use)
                return [trustAnchor ? trustAnchorSignature(finding) : finding]
            }
        }
        findings.append(validityFinding(certificate, subject: subject, context: context))
    }

    /// A trust anchor's self-signature: for information, saying what it would be judged.
    private func trustAnchorSignature(_ judged: Finding) -> Finding {
        var finding = judged
        finding.verdict = .notApplicable
        finding.severity = .info
        finding.remedy = nil
        finding.message =
            "self-signature of a trust anchor is not verified by relying parties (RFC 5280 6.1)"
            + (judged.verdict == .pass ? "" : "; as a signature it would be: \(judged.message)")
        return finding
    }

    private func validityFinding(_ certificate: CertificateFacts, subject: String, context: String) -> Finding {
        let notBefore = Policy.dayText(certificate.notBefore)
        let notAfter = Policy.dayText(certificate.notAfter)
        let item = "valid \(notBefore) to \(notAfter)"
        let citation = Citation(listID: "RFC 5280", revision: "RFC 5280 4.1.2.5", evidence: .confirmed)
        var finding = Finding(
            subject: subject, component: .certificateValidity, item: item, context: context,
            list: policy.list.header.revision, listStatus: .notApplicable, basis: citation, verdict: .pass,
            severity: .info, evidence: citation.evidence, derived: false,
            message: "valid on \(policy.asOfText)")
        // Judged by calendar day, like every as-of rule: valid on the day it is issued and on
        // the day it expires.
        let day = CalendarDay(policy.asOf)
        if day > CalendarDay(certificate.notAfter) {
            finding.verdict = .violation
            finding.severity = .high
            finding.message = "expired on \(notAfter) (as of \(policy.asOfText))"
            finding.remedy = Remedy(.renewCertificate, "Renew the certificate.")
        } else if day < CalendarDay(certificate.notBefore) {
            finding.verdict = .violation
            finding.severity = .high
            finding.message = "not valid before \(notBefore) (as of \(policy.asOfText))"
            finding.remedy = Remedy(.checkCertificateDates, "Check the issuing CA's clock and the certificate's dates.")
        }
        return finding
    }
}
