import CryptCheckModel
import CryptCheckX509
import Foundation
import Testing

@testable import CryptCheckFiles
@testable import CryptCheckPolicy

/// Issue 10 item 19: legacy and foreign algorithm OIDs are named and judged by their
/// primitives; unknown ones are indeterminate with the OID shown.
@Suite("Algorithm OIDs")
struct Issue10OIDTests {
    static func signature(_ oid: String, parameters: [UInt8]? = nil) throws -> SignatureAlgorithmFacts {
        try SignatureAlgorithmReader.read(DER.parse(Build.algorithm(oid, parameters: parameters)))
    }

    static func judged(_ signature: SignatureAlgorithmFacts) -> Finding {
        Scan.judge.signatureFinding(signature, key: nil, subject: "s", component: .certificateSignature, context: nil)
    }

    @Test(arguments: [
        ("1.3.14.3.2.29", "rsassa-pkcs1-v1_5", "sha-1"), ("1.3.14.3.2.3", "rsassa-pkcs1-v1_5", "md5"),
        ("1.3.14.3.2.2", "rsassa-pkcs1-v1_5", "md4"), ("1.3.14.3.2.27", "dsa", "sha-1"),
        ("1.3.14.3.2.15", "rsassa-pkcs1-v1_5", "sha-0"), ("1.2.840.113549.1.1.2", "rsassa-pkcs1-v1_5", "md2"),
        ("1.2.643.2.2.3", "gost-r34.10", "gost-r34.11-94"),
        ("1.2.643.7.1.1.3.2", "gost-r34.10", "streebog-256"), ("1.2.643.7.1.1.3.3", "gost-r34.10", "streebog-512"),
        ("1.2.156.10197.1.501", "sm2", "sm3"),
    ])
    func signaturesAreNamedAndJudgedByTheirPrimitives(oid: String, scheme: String, hash: String) throws {
        let facts = try Self.signature(oid)
        #expect(facts.scheme?.rawValue == scheme && facts.hash?.rawValue == hash)
        #expect(facts.name != oid, "named: \(facts.name)")
        let finding = Self.judged(facts)
        #expect(finding.verdict == .violation, "\(oid): \(finding.message)")
        #expect(finding.primitives.contains { $0.primitive.rawValue == hash })
    }

    @Test(arguments: [
        ("2.16.840.1.101.3.4.3.3", "dsa", "sha-384"), ("2.16.840.1.101.3.4.3.8", "dsa", "sha3-512"),
        ("1.3.6.1.5.5.7.6.32", "ecdsa", "shake128"), ("1.2.840.113549.1.1.16", "rsassa-pkcs1-v1_5", "sha-512/256"),
    ])
    func modernSignaturesAreNamedAndPass(oid: String, scheme: String, hash: String) throws {
        let facts = try Self.signature(oid)
        #expect(facts.scheme?.rawValue == scheme && facts.hash?.rawValue == hash && facts.name != oid)
        #expect(Self.judged(facts).verdict == .pass, "\(oid): \(Self.judged(facts).message)")
    }

    @Test func theOIWSHA1SignatureIsJudgedAsSHA1() throws {
        let oiw = Self.judged(try Self.signature("1.3.14.3.2.29"))
        let pkcs1 = Self.judged(try Self.signature("1.2.840.113549.1.1.5"))
        #expect(oiw.verdict == pkcs1.verdict && oiw.severity == pkcs1.severity && oiw.listStatus == pkcs1.listStatus)
        #expect(oiw.primitives.map(\.primitive) == pkcs1.primitives.map(\.primitive))
    }

    @Test func ecdsaWithSpecifiedReadsItsHash() throws {
        let facts = try Self.signature("1.2.840.10045.4.3", parameters: Build.algorithm("2.16.840.1.101.3.4.2.1"))
        #expect(facts.hash == "sha-256" && facts.scheme == "ecdsa")
        #expect(Self.judged(facts).verdict == .pass)
        // ecdsa-with-Recommended leaves the hash to the curve: not observed, never a pass.
        #expect(Self.judged(try Self.signature("1.2.840.10045.4.2")).verdict == .indeterminate)
    }

    @Test func unknownSignaturesAndHashesAreIndeterminateWithTheOID() throws {
        let unknown = Self.judged(try Self.signature("1.2.3.4.99"))
        #expect(unknown.verdict == .indeterminate && unknown.message.contains("1.2.3.4.99") && unknown.item == "1.2.3.4.99")
        // RSASSA-PSS with a hash OID nobody knows.
        let pss = Build.sequence(Build.tlv(0xA0, Build.algorithm("1.2.3.4.77")))
        let facts = try Self.signature("1.2.840.113549.1.1.10", parameters: pss)
        let finding = Self.judged(facts)
        #expect(finding.verdict == .indeterminate && finding.message.contains("1.2.3.4.77"))
    }

    @Test func gostAndSM2KeysAreNamedAndNotListed() throws {
        let gost2012 = Build.sequence(
            Build.algorithm("1.2.643.7.1.1.1.2", parameters: Build.sequence(Build.oid("1.2.643.7.1.2.1.2.1"))),
            Build.tlv(0x03, [0] + Build.tlv(0x04, [UInt8](repeating: 7, count: 128))))
        let key = try KeyInfoReader.subjectPublicKeyInfo(DER.parse(gost2012))
        #expect(key.algorithm == .gost && key.bits == 512 && key.curve == "gc512a")
        let finding = Scan.judge.keyFinding(key, subject: "k", component: .publicKey, context: nil)
        #expect(finding.verdict == .violation && finding.primitives.first?.primitive == "gost-r34.10")
        let sm2 = try KeyInfoReader.keyFacts(
            AlgorithmIdentifier(DER.parse(Build.algorithm("1.2.840.10045.2.1", parameters: Build.oid("1.2.156.10197.1.301")))))
        #expect(sm2.curve == "sm2p256v1")
        #expect(Scan.judge.keyFinding(sm2, subject: "k", component: .publicKey, context: nil).verdict == .violation)
    }

    @Test(arguments: [
        ("1.3.36.3.3.2.8.1.1.8", "brainpoolp256t1"), ("1.3.132.0.4", "sect113r1"), ("1.3.132.0.6", "secp112r1"),
        ("1.2.840.10045.3.1.4", "prime239v1"), ("1.3.132.0.38", "sect571k1"),
    ])
    func curvesAreNamed(oid: String, id: String) throws {
        let key = try KeyInfoReader.curveFacts(DER.parse(Build.oid(oid)))
        #expect(key.curve == id && key.bits != nil)
    }

    @Test func everyNamedCurveMatchesTheGeneratedParameterTable() {
        // The registry's order sizes agree with the parameters OpenSSL prints for the same curve.
        for (_, entry) in ExplicitCurveTable.byParameters {
            #expect(EllipticCurve.named(entry.id)?.orderBits == entry.orderBits, "\(entry.id)")
        }
    }
}
