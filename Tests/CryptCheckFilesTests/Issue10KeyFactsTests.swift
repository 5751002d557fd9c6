import CryptCheckModel
import CryptCheckX509
import Foundation
import Testing

@testable import CryptCheckFiles
@testable import CryptCheckPolicy

/// Issue 10 items 16, 18, 19 and 22: unknown facts never pass, explicit EC parameters, legacy
/// and foreign OIDs, trust-anchor self-signatures.
@Suite("Key facts and what they are judged by")
struct Issue10KeyFactsTests {
    static let keyComponents: Set<FindingComponent> = [
        .certificateKey, .privateKey, .publicKey, .certificateRequest,
        .sshPrivateKey, .sshPublicKey,
    ]

    /// Whether the judgement of a key would need a fact that was not observed.
    static func unobserved(_ key: KeyFacts?) -> Bool { key.map { Judge.unobservedFact($0) != nil } ?? true }

    /// Property: over every fixture (with and without its passwords) and the inputs below, no
    /// item whose key size, curve or algorithm is unknown has a passing key finding.
    @Test func noUnknownKeyFactPasses() throws {
        let bench = try Workbench()
        try bench.openssl("genrsa", "-aes128", "-passout", "pass:secret", "-traditional", "-out", "enc-rsa.pem", "2048")
        try bench.openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.pem")
        try bench.openssl("ec", "-in", "ec.pem", "-aes128", "-passout", "pass:secret", "-out", "enc-ec.pem")
        try bench.openssl("genpkey", "-algorithm", "RSA", "-aes-128-cbc", "-pass", "pass:secret", "-out", "enc-p8.pem")
        var inputs: [(String, [UInt8])] = try ["enc-rsa.pem", "enc-ec.pem", "enc-p8.pem"].map { ($0, try bench.bytes($0)) }
        // A DSA public key without domain parameters: SPKI { dsa, BIT STRING { INTEGER y } }.
        let dsa = Build.sequence(
            Build.algorithm("1.2.840.10040.4.1"),
            Build.tlv(0x03, [0] + Build.integer([UInt8](repeating: 0x5A, count: 128))))
        inputs += [("dsa-noparams.der", dsa), ("dsa-noparams.pem", Build.pem("PUBLIC KEY", dsa))]
        // An EC key with implicitlyCA (NULL) parameters, and an unknown key algorithm.
        inputs.append(
            (
                "ec-implicit.der",
                Build.sequence(
                    Build.algorithm("1.2.840.10045.2.1", parameters: [0x05, 0x00]),
                    Build.tlv(0x03, [0, 4] + [UInt8](repeating: 1, count: 64)))
            ))
        inputs.append(("unknown.der", Build.sequence(Build.algorithm("1.2.3.4.5.6"), Build.tlv(0x03, [0, 1, 2]))))
        for file in try fixtureFiles() { inputs.append((file, Fixtures.bytes(file))) }
        var checked = 0
        for (name, bytes) in inputs {
            for passwords in [[], ["secret", "changeit", "password", "test", "cryptcheck"]] {
                let path = "/scan/" + name
                let (items, errors) = Scan.items(bytes, name: path, passwords: passwords)
                let findings = Scan.judge.fileFindings(FileObservation(path: path, items: items, errors: errors.map(\.message)))
                for item in items {
                    let key = item.certificate?.publicKey ?? item.key
                    let bearsKey = item.certificate != nil || FileEvaluationKinds.keyBearing.contains(item.kind) || item.key != nil
                    guard bearsKey, Self.unobserved(key) else { continue }
                    checked += 1
                    let subject = items.count > 1 ? "\(path)#\(item.position)" : path
                    let keyFindings = findings.filter { $0.subject == subject && Self.keyComponents.contains($0.component) }
                    #expect(!keyFindings.isEmpty, "\(name): no finding for the unobserved key")
                    for finding in keyFindings {
                        #expect(finding.verdict != .pass, "\(name) \(passwords.isEmpty ? "" : "(passwords)"): \(finding.message)")
                    }
                }
            }
        }
        #expect(checked >= 8, "the property must have been exercised")
    }

    @Test func encryptedTraditionalKeysSayWhyTheirSizeIsUnknown() throws {
        let bench = try Workbench()
        try bench.openssl("genrsa", "-aes128", "-passout", "pass:secret", "-traditional", "-out", "k.pem", "2048")
        let locked = try #require(Scan.findings(try bench.bytes("k.pem")).first { $0.component == .privateKey })
        #expect(locked.verdict == .indeterminate)
        #expect(locked.message.contains("size was not observed") && locked.message.contains("--password-file"))
        let opened = try #require(Scan.findings(try bench.bytes("k.pem"), passwords: ["secret"]).first { $0.component == .privateKey })
        #expect(opened.verdict == .pass && opened.item == "RSA-2048")
    }

    @Test func unknownProtectionAlgorithmsAreIndeterminateWithTheirName() throws {
        let bench = try Workbench()
        try bench.openssl("genrsa", "-aes128", "-passout", "pass:secret", "-traditional", "-out", "k.pem", "2048")
        var text = String(decoding: try bench.bytes("k.pem"), as: UTF8.self)
        text = text.replacingOccurrences(of: "DEK-Info: AES-128-CBC", with: "DEK-Info: FOO-CBC")
        let protection = try #require(Scan.findings(Array(text.utf8)).first { $0.component == .keyProtection })
        #expect(protection.verdict == .indeterminate && protection.message.contains("foo-cbc"), "\(protection.message)")
        // A known envelope is still judged.
        let known = try #require(Scan.findings(try bench.bytes("k.pem")).first { $0.component == .keyProtection })
        #expect(known.verdict == .violation)  // EVP_BytesToKey with MD5
    }

    // MARK: item 18

    @Test(arguments: [
        ("prime256v1", "secp256r1", 256), ("secp384r1", "secp384r1", 384), ("secp521r1", "secp521r1", 521),
        ("secp256k1", "secp256k1", 256), ("brainpoolP256r1", "brainpoolp256r1", 256),
        ("brainpoolP512t1", "brainpoolp512t1", 512), ("sect283k1", "sect283k1", 281),
    ])
    func explicitParametersAreMatchedToTheirNamedCurve(name: String, id: String, bits: Int) throws {
        let bench = try Workbench()
        try bench.openssl("ecparam", "-name", name, "-param_enc", "explicit", "-genkey", "-noout", "-out", "k.pem")
        try bench.openssl("pkey", "-in", "k.pem", "-pubout", "-out", "pub.pem")
        for file in ["k.pem", "pub.pem"] {
            let key = try #require(Scan.items(try bench.bytes(file)).items.first?.key, "\(name) \(file)")
            #expect(key.curve == id && key.bits == bits && key.explicitCurveParameters == true, "\(name) \(file): \(key)")
            let findings = Scan.findings(try bench.bytes(file))
            let parameters = try #require(findings.first { $0.component == .keyParameters })
            #expect(parameters.verdict == .notApplicable && parameters.message.contains("RFC 5480"))
        }
    }

    @Test func explicitParametersInACertificateAreAViolation() throws {
        let bench = try Workbench()
        try bench.openssl("ecparam", "-name", "prime256v1", "-param_enc", "explicit", "-genkey", "-noout", "-out", "k.pem")
        try bench.openssl("req", "-new", "-x509", "-key", "k.pem", "-subj", "/CN=explicit", "-days", "30", "-out", "c.pem")
        let (items, errors) = Scan.items(try bench.bytes("c.pem"))
        #expect(errors.isEmpty)
        let key = try #require(items.first?.certificate?.publicKey)
        #expect(key.curve == "secp256r1" && key.bits == 256 && key.explicitCurveParameters == true)
        let finding = try #require(Scan.findings(try bench.bytes("c.pem")).first { $0.component == .certificateKeyParameters })
        #expect(finding.verdict == .violation && finding.message.contains("equal to P-256"))
    }

    @Test func parametersOfNoNamedCurveAreSizedAndNotListed() throws {
        let bench = try Workbench()
        try bench.openssl("ecparam", "-name", "prime256v1", "-param_enc", "explicit", "-outform", "DER", "-out", "p.der")
        var parameters = try bench.bytes("p.der")
        // Change one byte of the curve's b coefficient: the same field, some other curve.
        let fields = try DER.parse(parameters).children()
        let b = try fields[2].children()[1]
        parameters[b.valueRange.upperBound - 1] ^= 0x01
        let key = try KeyInfoReader.curveFacts(try DER.parse(parameters))
        #expect(key.curve == "explicit" && key.bits == 256 && key.explicitCurveParameters == true)
        let finding = Scan.judge.keyFinding(key, subject: "k", component: .publicKey, context: nil)
        #expect(finding.verdict == .violation)
    }

    // MARK: item 22

    @Test func trustAnchorSelfSignaturesAreInformation() throws {
        let bench = try Workbench()
        try bench.openssl(
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-subj", "/CN=root",
            "-sha1", "-days", "30", "-addext", "basicConstraints=critical,CA:TRUE", "-out", "ca.pem")
        try bench.openssl(
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ee.key", "-subj", "/CN=leaf",
            "-sha1", "-days", "30", "-addext", "basicConstraints=critical,CA:FALSE", "-out", "ee.pem")
        let anchor = Scan.findings(try bench.bytes("ca.pem"))
        let signature = try #require(anchor.first { $0.component == .certificateSignature })
        #expect(signature.verdict == .notApplicable && signature.severity == .info)
        #expect(signature.message.contains("self-signature of a trust anchor is not verified by relying parties (RFC 5280 6.1)"))
        #expect(signature.message.contains("SHA-1"))
        #expect(anchor.first { $0.component == .certificateKey }?.verdict == .pass)
        // A self-signed end-entity certificate is no trust anchor: its signature is judged.
        let leaf = Scan.findings(try bench.bytes("ee.pem"))
        #expect(leaf.first { $0.component == .certificateSignature }?.verdict == .violation)
        // A CA key too small is still a violation.
        try bench.openssl(
            "req", "-x509", "-newkey", "rsa:1024", "-nodes", "-keyout", "small.key", "-subj", "/CN=small",
            "-days", "30", "-addext", "basicConstraints=critical,CA:TRUE", "-out", "small.pem")
        #expect(Scan.findings(try bench.bytes("small.pem")).first { $0.component == .certificateKey }?.verdict == .violation)
    }
}

/// The item kinds the judge treats as holding a key (mirrors FileEvaluation).
enum FileEvaluationKinds {
    static let keyBearing = Judge.keyBearingKinds
}
