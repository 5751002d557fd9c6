import CryptCheckModel

/// Assets a CycloneDX BOM declares, judged by the rules that judge the same thing observed: a
/// declared key by `keyFinding`, a declared signature algorithm by `signatureFinding`, a
/// certificate by its key, signature and validity, a cipher or hash by `primitive` and
/// `strength`. Only what a BOM may leave out is handled here (a certificate without dates, a
/// cipher without its key size); every finding is marked declared.
extension Judge {
    /// The findings of one declared asset (`file.declared` is set).
    func declaredFindings(_ file: FileObservation) -> [Finding] {
        var findings: [Finding] = []
        if let algorithm = file.declaredAlgorithm {
            findings.append(declaredAlgorithmFinding(algorithm, subject: file.path))
        }
        // A certificate without its dates: its key and signature as any certificate's, its
        // validity not declared.
        let undated = file.items.filter { $0.kind == .certificate && $0.certificate == nil }
        var dated = file
        dated.items = file.items.filter { !($0.kind == .certificate && $0.certificate == nil) }
        if file.declared?.served == true {
            // A certificate a protocol serves: judged as a server's leaf, as the endpoint would be.
            for item in dated.items {
                guard let certificate = item.certificate else { continue }
                findings += certificateFindings(
                    certificate, subject: file.path, context: "\(item.kind.rawValue) (\(item.format))", isLeaf: true,
                    servedInHandshake: true)
            }
            dated.items.removeAll { $0.certificate != nil }
        }
        findings += observedFileFindings(dated)
        for item in undated {
            let context = "\(item.kind.rawValue) (\(item.format))"
            if let key = item.key {
                findings.append(keyFinding(key, subject: file.path, component: .certificateKey, context: context))
            } else {
                findings.append(
                    indeterminate(
                        subject: file.path, component: .certificateKey, item: "subject public key", context: context,
                        reason: "the certificate's subject key was not declared"))
            }
            if let signature = item.signature {
                findings.append(
                    signatureFinding(signature, key: nil, subject: file.path, component: .certificateSignature, context: context))
            } else {
                findings.append(
                    indeterminate(
                        subject: file.path, component: .certificateSignature, item: "signature algorithm", context: context,
                        reason: "the certificate's signature algorithm was not declared"))
            }
            findings.append(
                indeterminate(
                    subject: file.path, component: .certificateValidity, item: "validity", context: context,
                    reason: "the certificate's validity (notValidBefore, notValidAfter) was not declared"))
        }
        return findings.map(Self.markedDeclared)
    }

    /// A finding about a declared asset: marked, worded as declared (nothing about it was
    /// observed), and an indeterminate one asks for the asset to be declared fully.
    static func markedDeclared(_ finding: Finding) -> Finding {
        var finding = finding
        finding.declared = true
        finding.message = finding.message.replacingOccurrences(of: " was not observed", with: " was not declared")
        if finding.verdict == .indeterminate && finding.remediationCode == .rerunScan {
            finding.remedy = Remedy(
                .describeDeclaredAsset,
                "Ask the vendor to declare the asset with a registered name or OID and its size or curve, or scan the installed system.")
        }
        return finding
    }

    /// Key sizes fixed by the cipher (LS-0003 counts 3-key Triple DES as 112 bits, as the suites do).
    static let fixedCipherBits: [Primitive: Int] = [
        "3des": 112, "2key-3des": 80, "des": 56, "chacha20": 256, "chacha20-poly1305": 256, "salsa20": 256,
    ]

    /// One declared algorithm: a signature algorithm or a key algorithm as a certificate's or
    /// a key's, else its primitives with the strength of its cipher (by the declared key size)
    /// or of its hash (by its output).
    func declaredAlgorithmFinding(_ algorithm: DeclaredAlgorithm, subject: String) -> Finding {
        if let signature = algorithm.signature {
            return signatureFinding(
                signature, key: algorithm.key, subject: subject, component: .algorithm, context: "signature algorithm")
        }
        if let key = algorithm.key {
            if let missing = Self.unobservedFact(key), key.algorithm != .unknown {
                return indeterminate(
                    subject: subject, component: .algorithm, item: algorithm.name, context: "key algorithm",
                    reason: "size not declared: \(missing) is needed to judge it")
            }
            return keyFinding(key, subject: subject, component: .algorithm, context: "key algorithm")
        }
        var judged: [PrimitiveJudgement] = []
        var strength: StrengthJudgement?
        func notDeclared(_ what: String) -> Finding {
            indeterminate(
                subject: subject, component: .algorithm, item: algorithm.name, context: "algorithm",
                reason: "size not declared: \(what) is needed to judge its strength")
        }
        for declared in algorithm.primitives {
            let kind = declared.primitive.info?.kind
            let isCipher = declared.role == .cipher || (declared.role == .authenticatedEncryption && kind != .encryptionMode)
            let curve = declared.primitive == "ecdh" ? algorithm.curve : nil
            judged.append(
                primitive(
                    declared.primitive, role: declared.role,
                    keyBits: isCipher || declared.role == .keyTransport ? algorithm.keyBits : nil, curve: curve))
            guard strength == nil else { continue }
            if isCipher {
                guard let bits = Self.fixedCipherBits[declared.primitive] ?? algorithm.keyBits else {
                    return notDeclared("the key size of \(declared.primitive.displayName)")
                }
                strength = self.strength(.symmetric, size: bits)
            } else if declared.role == .digest, let bits = HashOutput.bits[declared.primitive] {
                strength = self.strength(.hash, size: bits)
            } else if declared.role == .keyTransport {
                guard let bits = algorithm.keyBits else { return notDeclared("the RSA modulus size") }
                strength = self.strength(.rsa, size: bits)
            } else if declared.primitive == "dh" {
                guard let bits = algorithm.keyBits else { return notDeclared("the DH prime size") }
                strength = self.strength(.ffc, size: bits)
            } else if declared.primitive == "ecdh" {
                guard let curve = algorithm.curve, let bits = EllipticCurve.named(curve)?.orderBits else {
                    return notDeclared("the ECDH curve")
                }
                strength = self.strength(.ecc, size: bits, curve: curve)
            }
        }
        return finding(
            subject: subject, component: .algorithm, item: algorithm.name, context: "algorithm", primitives: judged,
            strength: strength)
    }
}
