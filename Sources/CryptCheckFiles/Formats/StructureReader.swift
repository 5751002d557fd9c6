import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509

/// Reads the items of one DER structure, once its shape has said which structure it is.
enum StructureReader {
    /// The structure `bytes` holds, decided by its full shape.
    static func structure(of node: DER) throws -> DERStructure {
        let candidates = DERStructure.candidates(node)
        guard let structure = candidates.first else { throw FormatError(.derUnknownStructure, "DER structure of an unknown kind") }
        guard candidates.count == 1 else {
            throw FormatError(
                .derAmbiguousStructure,
                "ambiguous DER structure: it has the shape of "
                    + candidates.map(\.rawValue).joined(separator: " and of "))
        }
        return structure
    }

    /// The items of `node` read as `structure`. `container` names how it was stored (`DER`,
    /// `PEM`) for the structures that are not themselves a format name; `errors` collects
    /// problems with parts of a container whose other parts are still reported.
    static func items(
        _ structure: DERStructure, node: DER, container: String, options: ParseOptions,
        errors: inout [FormatError]
    ) throws -> [FileItem] {
        let bytes = Array(node.encoded)
        switch structure {
        case .certificate:
            return [FileItem(kind: .certificate, format: container, certificate: try CertificateReader.read(der: bytes))]
        case .certificateRequest:
            let (key, signature) = try SignedObjectReader.certificateRequest(node)
            return [FileItem(kind: .certificateRequest, format: container, key: key, signature: signature)]
        case .crl:
            return [FileItem(kind: .crl, format: container, signature: try SignedObjectReader.crl(node))]
        case .pkcs7:
            return try PKCS7Reader.certificates(node).map {
                FileItem(kind: .certificate, format: "PKCS#7", certificate: try CertificateReader.read(der: $0))
            }
        case .pkcs12:
            return try FileParser.pkcs12(bytes, node: node, options: options, errors: &errors)
        case .subjectPublicKeyInfo:
            return [FileItem(kind: .publicKey, format: "SPKI", key: try KeyInfoReader.subjectPublicKeyInfo(node))]
        case .privateKeyInfo:
            return [FileItem(kind: .privateKey, format: "PKCS#8", key: try KeyInfoReader.privateKeyInfo(node))]
        case .encryptedPrivateKeyInfo:
            let fields = try node.sequence("EncryptedPrivateKeyInfo", minimum: 2)
            let (key, stopped) = options.firstOpening(iterations: PasswordEnvelopeReader.iterations(ofAlgorithm: Array(fields[0].encoded)))
            {
                try KeyDecryption.derPrivateKey(bytes, password: $0)
            }
            if let stopped { errors.append(FormatError("encrypted PKCS#8 key ", wrapping: stopped)) }
            return [
                FileItem(
                    kind: .privateKey, format: "encrypted PKCS#8", key: key,
                    protection: try PasswordEnvelopeReader.read(fields[0]))
            ]
        case .rsaPrivateKey:
            return [FileItem(kind: .privateKey, format: "PKCS#1", key: try KeyInfoReader.rsaPrivateKey(node))]
        case .rsaPublicKey:
            return [FileItem(kind: .publicKey, format: "PKCS#1", key: try KeyInfoReader.rsaPublicKey(node))]
        case .dsaPrivateKey:
            return [FileItem(kind: .privateKey, format: "DSA", key: try KeyInfoReader.dsaPrivateKey(node))]
        case .ecPrivateKey:
            return [FileItem(kind: .privateKey, format: "SEC1", key: try KeyInfoReader.ecPrivateKey(node))]
        case .domainParameters:
            return []  // domain parameters alone are no key
        }
    }

    /// Sets each item's position (from 1) in the order read.
    static func numbered(_ items: [FileItem]) -> [FileItem] {
        items.enumerated().map { index, item in
            var item = item
            item.position = index + 1
            return item
        }
    }
}
