import CryptCheckOpenSSL
import Foundation
import TestSupport
import Testing

/// ECDSA public keys given by curve and point (as SSH carries them): a signature made by the
/// openssl command verifies, the same signature over other bytes does not. (The key was once
/// built with OSSL_PARAM keys that dangled, and every EC key failed with "invalid field".)
@Suite struct SignatureCheckTests {
    @Test(arguments: [("P-256", "prime256v1", SignatureCheck.Hash.sha256, 65), ("P-384", "secp384r1", .sha384, 97)])
    func ecdsaWithAPointFromTheOpensslCommand(curve: String, openSSLName: String, hash: SignatureCheck.Hash, pointBytes: Int)
        throws
    {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cryptcheck-ecdsa-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = directory.appendingPathComponent("key.pem").path
        let message = directory.appendingPathComponent("message").path
        let signatureFile = directory.appendingPathComponent("signature").path
        let publicFile = directory.appendingPathComponent("public.der").path
        let text = Array("the exchange hash stands in here".utf8)
        try Data(text).write(to: URL(fileURLWithPath: message))
        let digest = hash == .sha256 ? "-sha256" : "-sha384"
        for arguments in [
            ["ecparam", "-name", openSSLName, "-genkey", "-noout", "-out", key],
            ["ec", "-in", key, "-pubout", "-outform", "DER", "-out", publicFile],
            ["dgst", digest, "-sign", key, "-out", signatureFile, message],
        ] {
            let result = try ToolRunner.run("/usr/bin/openssl", arguments)
            #expect(result.status == 0, "openssl \(arguments[0]): \(result.output)")
        }
        // The uncompressed point ends the SubjectPublicKeyInfo.
        let point = Array(try Data(contentsOf: URL(fileURLWithPath: publicFile)).suffix(pointBytes))
        #expect(point.first == 0x04)
        let signature = Array(try Data(contentsOf: URL(fileURLWithPath: signatureFile)))
        let parts = PublicKeyParts.ec(curve: try #require(KeyAgreementKey.Curve(rawValue: curve)), point: point)
        #expect(try SignatureCheck.verify(key: parts, hash: hash, signature: signature, message: text))
        var other = text
        other[0] ^= 1
        #expect(try !SignatureCheck.verify(key: parts, hash: hash, signature: signature, message: other))
        var offCurve = point
        offCurve[pointBytes - 1] ^= 1
        #expect(throws: (any Error).self) {
            try SignatureCheck.verify(
                key: .ec(curve: try #require(KeyAgreementKey.Curve(rawValue: curve)), point: offCurve), hash: hash, signature: signature,
                message: text)
        }
    }
}
