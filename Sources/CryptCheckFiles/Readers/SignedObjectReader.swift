import CryptCheckModel
import CryptCheckX509

/// PKCS#7 / CMS SignedData certificate bags (.p7b, .p7c).
enum PKCS7Reader {
    static let signedData = "1.2.840.113549.1.7.2"

    /// Whether a DER structure is a PKCS#7 ContentInfo of SignedData.
    static func isSignedData(_ node: DER) -> Bool {
        guard let fields = try? node.sequence("ContentInfo", minimum: 2) else { return false }
        return (try? fields[0].oid()) == signedData
    }

    /// The DER of every certificate in the bag, in order.
    static func certificates(_ node: DER) throws -> [[UInt8]] {
        let fields = try node.sequence("ContentInfo", minimum: 2)
        guard let content = try fields[1].children().first else { throw FormatError(.pkcs7Malformed, "PKCS#7: empty content") }
        let signed = try content.sequence("SignedData", minimum: 3)
        guard let bag = signed.first(where: { $0.tag == 0xA0 }) else { return [] }
        return try bag.children().map { Array($0.encoded) }
    }
}

/// Signed objects other than certificates: PKCS#10 requests and CRLs.
enum SignedObjectReader {
    /// A CertificationRequest: the subject key and the signature algorithm.
    static func certificateRequest(_ node: DER) throws -> (KeyFacts, SignatureAlgorithmFacts) {
        let fields = try node.sequence("CertificationRequest", minimum: 3)
        let info = try fields[0].sequence("CertificationRequestInfo", minimum: 3)
        return (try KeyInfoReader.subjectPublicKeyInfo(info[2]), try SignatureAlgorithmReader.read(fields[1]))
    }

    /// Whether a SEQUENCE looks like a CertificationRequest (info, algorithm, BIT STRING; info
    /// starts with INTEGER version 0 and holds a SubjectPublicKeyInfo third).
    static func isCertificateRequest(_ node: DER) -> Bool {
        guard let fields = try? node.sequence("", minimum: 3), fields[2].tag == DER.bitString,
            let info = try? fields[0].sequence("", minimum: 3), info[0].tag == DER.integer
        else { return false }
        return info[1].tag == DER.sequence && info[2].tag == DER.sequence
    }

    /// A CertificateList: its signature algorithm.
    static func crl(_ node: DER) throws -> SignatureAlgorithmFacts {
        let fields = try node.sequence("CertificateList", minimum: 3)
        return try SignatureAlgorithmReader.read(fields[1])
    }

    /// Whether a SEQUENCE looks like a CertificateList (tbs has a time after the issuer).
    static func isCRL(_ node: DER) -> Bool {
        guard let fields = try? node.sequence("", minimum: 3), fields[2].tag == DER.bitString,
            var tbs = try? fields[0].sequence("", minimum: 3)
        else { return false }
        if tbs[0].tag == DER.integer { tbs.removeFirst() }
        return tbs.count >= 3 && tbs[0].tag == DER.sequence && tbs[1].tag == DER.sequence
            && (tbs[2].tag == 0x17 || tbs[2].tag == 0x18)
    }
}
