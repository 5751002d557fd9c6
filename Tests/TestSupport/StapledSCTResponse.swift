import Foundation

/// One DER element (tag and content), enough to take an OCSP response apart and put it back.
/// Only single-byte tags, which is all an OCSP response uses.
struct DERElement {
    let tag: UInt8
    let content: [UInt8]

    /// The element as DER: tag, definite length (short or long form), content.
    var encoded: [UInt8] { Self.encode(tag, content) }

    static func encode(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var length: [UInt8] = []
        var count = content.count
        if count < 0x80 {
            length = [UInt8(count)]
        } else {
            while count > 0 {
                length.insert(UInt8(count & 0xFF), at: 0)
                count >>= 8
            }
            length.insert(0x80 | UInt8(length.count), at: 0)
        }
        return [tag] + length + content
    }

    /// The elements that `bytes` holds one after the other; throws unless they cover it exactly.
    static func elements(_ bytes: [UInt8]) throws -> [DERElement] {
        var result: [DERElement] = []
        var index = 0
        while index < bytes.count {
            guard index + 2 <= bytes.count, bytes[index] & 0x1F != 0x1F else { throw OpenSSLToolFailure(description: "DER: bad tag") }
            let tag = bytes[index]
            var length = Int(bytes[index + 1])
            index += 2
            if length & 0x80 != 0 {
                let octets = length & 0x7F
                guard (1...3).contains(octets), index + octets <= bytes.count else {
                    throw OpenSSLToolFailure(description: "DER: bad length")
                }
                length = bytes[index..<index + octets].reduce(0) { $0 << 8 | Int($1) }
                index += octets
            }
            guard index + length <= bytes.count else { throw OpenSSLToolFailure(description: "DER: element runs past its parent") }
            result.append(DERElement(tag: tag, content: Array(bytes[index..<index + length])))
            index += length
        }
        return result
    }

    /// The children of this element, which must carry `tag`.
    func children(expecting tag: UInt8, _ what: String) throws -> [DERElement] {
        guard self.tag == tag else { throw OpenSSLToolFailure(description: "DER: \(what) has tag \(self.tag), not \(tag)") }
        return try Self.elements(content)
    }
}

extension HygienePKI {
    /// A SignedCertificateTimestampList (RFC 6962 3.3) of one SCT from log ID `logID` repeated
    /// 32 times. SYNTHETIC: its signature is 8 bytes of 0x5A, signed by no log.
    public static func syntheticSCTList(logID: UInt8) -> [UInt8] {
        let sct: [UInt8] =
            [0] + [UInt8](repeating: logID, count: 32) + [0, 0, 0x01, 0x8B, 0xCF, 0xE5, 0x68, 0x00] + [0, 0] + [4, 3, 0, 8]
            + [UInt8](repeating: 0x5A, count: 8)
        let entry = [UInt8(sct.count >> 8), UInt8(sct.count & 0xFF)] + sct
        return [UInt8(entry.count >> 8), UInt8(entry.count & 0xFF)] + entry
    }

    /// A DER OCSP response about `leaf` (good, valid one day) whose single response carries the
    /// extension "CT certificate SCTs" (1.3.6.1.4.1.11129.2.4.5) holding `sctList` (the TLS
    /// encoding, wrapped in an OCTET STRING as RFC 6962 3.3 says). `openssl ocsp` cannot add a
    /// single-response extension, so its response is taken apart, the extension added, and
    /// tbsResponseData signed again with the responder's (the CA's) key; the result must then
    /// verify with `openssl ocsp -respin -CAfile`, so a fixture that is not a valid, signed
    /// response fails here instead of passing a test for the wrong reason.
    public func ocsp(for leaf: String, singleResponseSCTs sctList: [UInt8]) throws -> String {
        let plain = try [UInt8](Data(contentsOf: URL(fileURLWithPath: try ocsp(for: leaf))))
        // OCSPResponse ::= SEQUENCE { responseStatus, [0] EXPLICIT SEQUENCE { OID, OCTET STRING BasicOCSPResponse } }
        guard let response = try DERElement.elements(plain).first else { throw OpenSSLToolFailure(description: "empty OCSP response") }
        let top = try response.children(expecting: 0x30, "OCSPResponse")
        guard top.count == 2, let bytes = try top[1].children(expecting: 0xA0, "responseBytes").first else {
            throw OpenSSLToolFailure(description: "the OCSP response has no responseBytes")
        }
        let typeAndResponse = try bytes.children(expecting: 0x30, "ResponseBytes")
        guard typeAndResponse.count == 2, typeAndResponse[1].tag == 0x04,
            let basicElement = try DERElement.elements(typeAndResponse[1].content).first
        else { throw OpenSSLToolFailure(description: "the responseBytes hold no BasicOCSPResponse") }
        // BasicOCSPResponse ::= SEQUENCE { tbsResponseData, signatureAlgorithm, signature BIT STRING, [0] certs OPTIONAL }
        var basic = try basicElement.children(expecting: 0x30, "BasicOCSPResponse")
        var data = try basic[0].children(expecting: 0x30, "ResponseData")
        // ResponseData: [0] version OPTIONAL, responderID ([1] or [2]), producedAt, responses (the only SEQUENCE), [1] extensions.
        guard let responsesIndex = data.firstIndex(where: { $0.tag == 0x30 }) else {
            throw OpenSSLToolFailure(description: "the ResponseData has no responses")
        }
        var singles = try data[responsesIndex].children(expecting: 0x30, "responses")
        // SingleResponse ::= SEQUENCE { certID, certStatus, thisUpdate, [0] nextUpdate OPTIONAL, [1] singleExtensions OPTIONAL }
        let single = try singles[0].children(expecting: 0x30, "SingleResponse")
        guard !single.dropFirst(3).contains(where: { $0.tag == 0xA1 }) else {
            throw OpenSSLToolFailure(description: "the single response already has extensions")
        }
        let ctCertificateSCTs: [UInt8] = [0x06, 0x0A, 0x2B, 0x06, 0x01, 0x04, 0x01, 0xD6, 0x79, 0x02, 0x04, 0x05]
        let extensionValue = DERElement.encode(0x04, DERElement.encode(0x04, sctList))
        let extensions = DERElement.encode(0xA1, DERElement.encode(0x30, DERElement.encode(0x30, ctCertificateSCTs + extensionValue)))
        singles[0] = DERElement(tag: 0x30, content: single.flatMap(\.encoded) + extensions)
        data[responsesIndex] = DERElement(tag: 0x30, content: singles.flatMap(\.encoded))
        basic[0] = DERElement(tag: 0x30, content: data.flatMap(\.encoded))
        basic[2] = DERElement(tag: 0x03, content: [0] + (try sign(basic[0].encoded, algorithm: basic[1])))

        let rebuilt = DERElement.encode(
            0x30,
            top[0].encoded
                + DERElement.encode(
                    0xA0,
                    DERElement.encode(
                        0x30, typeAndResponse[0].encoded + DERElement.encode(0x04, DERElement.encode(0x30, basic.flatMap(\.encoded))))))
        let output = directory.appendingPathComponent("ocsp-scts-\(UUID().uuidString).der").path
        try Data(rebuilt).write(to: URL(fileURLWithPath: output))
        let check = try ToolRunner.run("/usr/bin/openssl", ["ocsp", "-respin", output, "-CAfile", caCert, "-resp_text"])
        guard check.status == 0, check.output.contains("Response verify OK"), check.output.contains("CT Certificate SCTs") else {
            throw OpenSSLToolFailure(description: "the re-signed OCSP response does not verify or lacks its extension: \(check.output)")
        }
        return output
    }

    /// The signature of `tbs` by the CA's key with SHA-256, the algorithm `openssl ocsp` used
    /// (`algorithm` must be ecdsa-with-SHA256, which the CA's P-256 key makes).
    private func sign(_ tbs: [UInt8], algorithm: DERElement) throws -> [UInt8] {
        let ecdsaWithSHA256: [UInt8] = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02]
        guard try algorithm.children(expecting: 0x30, "signatureAlgorithm").first?.encoded == ecdsaWithSHA256 else {
            throw OpenSSLToolFailure(description: "the OCSP response is not signed with ecdsa-with-SHA256")
        }
        let input = directory.appendingPathComponent("tbs-\(UUID().uuidString).der").path
        let signature = input + ".sig"
        try Data(tbs).write(to: URL(fileURLWithPath: input))
        try Self.openssl(["dgst", "-sha256", "-sign", caKey, "-out", signature, input])
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: signature)))
    }
}
