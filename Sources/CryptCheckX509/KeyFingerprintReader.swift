import CryptCheckModel
import CryptCheckOpenSSL

/// A certificate's public key named by the SHA-256 of its DER SubjectPublicKeyInfo, so that the
/// same key in two certificates (or at two servers) is recognised (DROWN compares them).
package enum KeyFingerprintReader {
    package static func read(certificateDER der: [UInt8]) throws -> ServerKeyFingerprint {
        let fields = try DER.parse(der).sequence("Certificate", minimum: 3)
        var tbs = try fields[0].sequence("TBSCertificate", minimum: 6)
        if tbs.first?.tag == 0xA0 { tbs.removeFirst() }  // explicit version
        guard tbs.count >= 6, tbs[5].tag == DER.sequence else {
            throw FormatError(.x509Malformed, "not a valid X.509 certificate (TBSCertificate: no SubjectPublicKeyInfo)")
        }
        return ServerKeyFingerprint(
            key: try KeyInfoReader.subjectPublicKeyInfo(tbs[5]), spkiSHA256: try Digest.sha256Hex(Array(tbs[5].encoded)))
    }
}
