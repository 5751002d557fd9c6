import CryptCheckModel
import CryptCheckOpenSSL
import Foundation

/// Reads an X.509 certificate: OpenSSL parses and checks it and gives names and extensions;
/// validity, serial, algorithms and the key come from the same DER.
public enum CertificateReader {
    /// The facts of one DER certificate (for certificates that arrive from elsewhere, such as
    /// a TLS handshake).
    public static func facts(der: [UInt8]) throws -> CertificateFacts { try read(der: der) }

    static func read(der: [UInt8]) throws -> CertificateFacts {
        let certificate: X509Certificate
        do {
            certificate = try X509Certificate(der: der)
        } catch let error as OpenSSLError {
            throw FormatError("not a valid X.509 certificate (\(error.queue.first ?? error.operation))")
        }
        let fields = try DER.parse(der).sequence("Certificate", minimum: 3)
        var tbs = try fields[0].sequence("TBSCertificate", minimum: 6)
        if tbs.first?.tag == 0xA0 { tbs.removeFirst() }  // explicit version
        guard tbs.count >= 6 else { throw FormatError("TBSCertificate: missing fields") }
        let validity = try tbs[3].sequence("Validity", minimum: 2)
        return CertificateFacts(
            subject: certificate.subject, issuer: certificate.issuer,
            serialNumber: Hex.lower(tbs[0].value),
            notBefore: try time(validity[0]), notAfter: try time(validity[1]),
            publicKey: try KeyInfoReader.subjectPublicKeyInfo(tbs[5]),
            signature: try SignatureAlgorithmReader.read(fields[1]),
            sha256Fingerprint: try Digest.sha256Hex(der),
            isCA: certificate.isCA, isSelfSigned: certificate.isSelfSigned,
            subjectAlternativeNames: certificate.subjectAlternativeNames)
    }

    /// UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ), checked digit by digit.
    static func time(_ node: DER) throws -> Date {
        let bytes = Array(node.value)
        let text = String(decoding: bytes, as: UTF8.self)
        var digits: [UInt8]
        switch node.tag {
        case 0x17 where bytes.count == 13:
            digits = Array(bytes.prefix(12))
            digits.insert(contentsOf: Array(((digits[0] >= UInt8(ascii: "5")) ? "19" : "20").utf8), at: 0)
        case 0x18 where bytes.count == 15:
            digits = Array(bytes.prefix(14))
        default:
            throw FormatError("bad certificate time '\(text)'")
        }
        guard bytes.last == UInt8(ascii: "Z"), digits.count == 14,
              digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { throw FormatError("bad certificate time '\(text)'") }
        func number(_ start: Int, _ length: Int) -> Int {
            digits[start..<start + length].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        let calendar = UTCCalendar.gregorian
        let components = DateComponents(year: number(0, 4), month: number(4, 2), day: number(6, 2),
                                        hour: number(8, 2), minute: number(10, 2), second: number(12, 2))
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else {
            throw FormatError("bad certificate time '\(text)'")
        }
        return date
    }
}

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
        guard let content = try fields[1].children().first else { throw FormatError("PKCS#7: empty content") }
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
