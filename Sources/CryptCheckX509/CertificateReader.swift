import CryptCheckModel
import CryptCheckOpenSSL
import Foundation

/// Reads an X.509 certificate. The structure, validity, serial, algorithms and the key come
/// from the DER; OpenSSL parses and checks the names and the extensions and derives `isCA` and
/// `isSelfSigned` from them (see `CertificateFields` for why not through a whole `X509`).
package enum CertificateReader {
    /// The facts of one DER certificate (for certificates that arrive from elsewhere, such as
    /// a TLS handshake).
    package static func facts(der: [UInt8]) throws -> CertificateFacts { try read(der: der) }

    package static func read(der: [UInt8]) throws -> CertificateFacts {
        let fields = try DER.parse(der).sequence("Certificate", minimum: 3)
        guard fields.count == 3, fields[2].tag == DER.bitString else {
            throw FormatError(.x509Malformed, "not a valid X.509 certificate (Certificate: expected TBSCertificate, algorithm, signature)")
        }
        var tbs = try fields[0].sequence("TBSCertificate", minimum: 6)
        if tbs.first?.tag == 0xA0 { tbs.removeFirst() }  // explicit version
        guard tbs.count >= 6, tbs[0].tag == DER.integer,
            tbs[1...5].allSatisfy({ $0.tag == DER.sequence })
        else {
            throw FormatError(.x509Malformed, "not a valid X.509 certificate (TBSCertificate: missing or mistyped fields)")
        }
        var extensions: DER?
        for optional in tbs.dropFirst(6) {
            switch optional.tag {
            case 0x81, 0x82, 0xA1, 0xA2: continue  // issuer and subject unique identifiers
            case 0xA3 where extensions == nil:
                let inner = try optional.children()
                guard inner.count == 1, inner[0].tag == DER.sequence else {
                    throw FormatError(.x509Malformed, "not a valid X.509 certificate (extensions: expected one SEQUENCE)")
                }
                extensions = inner[0]
            default:
                throw FormatError(
                    .x509Malformed, "not a valid X.509 certificate (TBSCertificate: unexpected tag 0x\(String(optional.tag, radix: 16)))")
            }
        }
        let spki = try tbs[5].sequence("SubjectPublicKeyInfo", minimum: 2)
        let names: CertificateFieldFacts
        do {
            names = try CertificateFields.read(
                serialNumber: tbs[0].encoded, issuer: tbs[2].encoded, subject: tbs[4].encoded,
                publicKeyAlgorithm: spki[0].encoded, signatureAlgorithm: fields[1].encoded,
                extensions: extensions?.encoded)
        } catch let error as OpenSSLError {
            throw FormatError(.x509Malformed, "not a valid X.509 certificate (\(error.operation): \(error.queue.first ?? "rejected"))")
        }
        let validity = try tbs[3].sequence("Validity", minimum: 2)
        return CertificateFacts(
            subject: names.subject, issuer: names.issuer,
            serialNumber: Hex.lower(tbs[0].value),
            notBefore: try time(validity[0]), notAfter: try time(validity[1]),
            publicKey: try KeyInfoReader.subjectPublicKeyInfo(tbs[5]),
            signature: try SignatureAlgorithmReader.read(fields[1]),
            sha256Fingerprint: try Digest.sha256Hex(der),
            isCA: names.isCA, isSelfSigned: names.isSelfSigned,
            subjectAlternativeNames: names.subjectAlternativeNames)
    }

    /// UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ), checked digit by digit.
    package static func time(_ node: DER) throws -> Date {
        let bytes = Array(node.value)
        var text: String { String(decoding: bytes, as: UTF8.self) }
        var digits: [UInt8]
        switch node.tag {
        case 0x17 where bytes.count == 13:
            digits = Array(bytes.prefix(12))
            digits.insert(contentsOf: Array(((digits[0] >= UInt8(ascii: "5")) ? "19" : "20").utf8), at: 0)
        case 0x18 where bytes.count == 15:
            digits = Array(bytes.prefix(14))
        default:
            throw FormatError(.x509BadTime, "bad certificate time '\(text)'")
        }
        guard bytes.last == UInt8(ascii: "Z"), digits.count == 14,
            digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { throw FormatError(.x509BadTime, "bad certificate time '\(text)'") }
        func number(_ start: Int, _ length: Int) -> Int {
            digits[start..<start + length].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        let (year, month, day) = (number(0, 4), number(4, 2), number(6, 2))
        let (hour, minute, second) = (number(8, 2), number(10, 2), number(12, 2))
        guard UTCCalendar.isValid(year: year, month: month, day: day), hour < 24, minute < 60, second < 60 else {
            throw FormatError(.x509BadTime, "bad certificate time '\(text)'")
        }
        let seconds = UTCCalendar.daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
