import CryptCheckModel
import CryptCheckX509

/// Reads a PEM block leniently and judges it strictly: the structure its label names is tried
/// first, then every other structure, as OpenSSL and pyca do (an SPKI under `RSA PUBLIC KEY`
/// is read, and judged as the key it really is). An item read under a label that names
/// another structure says so in its format.
enum LabelledBlockReader {
    /// The structure each DER-bodied label names (RFC 7468 and OpenSSL's traditional labels).
    static let structures: [String: DERStructure] = [
        "CERTIFICATE": .certificate, "X509 CERTIFICATE": .certificate,
        "CERTIFICATE REQUEST": .certificateRequest, "NEW CERTIFICATE REQUEST": .certificateRequest,
        "X509 CRL": .crl, "PKCS7": .pkcs7, "CMS": .pkcs7, "PKCS12": .pkcs12,
        "PRIVATE KEY": .privateKeyInfo, "ENCRYPTED PRIVATE KEY": .encryptedPrivateKeyInfo,
        "PUBLIC KEY": .subjectPublicKeyInfo, "RSA PUBLIC KEY": .rsaPublicKey,
        "RSA PRIVATE KEY": .rsaPrivateKey, "EC PRIVATE KEY": .ecPrivateKey, "DSA PRIVATE KEY": .dsaPrivateKey,
        "DH PARAMETERS": .domainParameters, "X9.42 DH PARAMETERS": .domainParameters,
        "EC PARAMETERS": .domainParameters, "DSA PARAMETERS": .domainParameters,
    ]

    /// The items of one block whose body is DER (not an OpenSSH key, not legacy-encrypted).
    /// `errors` collects problems with parts of the block that leave the rest readable.
    static func items(_ block: PEMBlock, options: ParseOptions, errors: inout [FormatError]) throws -> [FileItem] {
        let labelled = structures[block.label]
        if block.label == "TRUSTED CERTIFICATE" {
            // OpenSSL's X509_AUX form: the certificate, then its trust settings.
            let first = try DER.read(block.der, at: 0, end: block.der.count)
            if (try? StructureReader.structure(of: first)) == .certificate {
                return try StructureReader.items(.certificate, node: first, container: "PEM", options: options, errors: &errors)
            }
        }
        let node: DER
        do {
            node = try DER.parse(block.der)
        } catch {
            if labelled == .domainParameters { return [] }  // a named-curve EC PARAMETERS body is a bare OID
            throw error
        }
        // The label's own structure is tried first: every other candidate is computed only
        // when the body does not have that shape (most blocks are what their label says).
        let fields = node.tag == DER.sequence ? try? node.children() : nil
        let fitsLabel = labelled.map { labelled in fields.map { labelled.matches(node, fields: $0) } ?? false } ?? false
        let candidates = fitsLabel ? [] : DERStructure.candidates(node)
        if let labelled, fitsLabel || candidates.isEmpty {
            // The label's own structure: read as it says (a malformed body fails with that
            // structure's error, the most useful one).
            return try StructureReader.items(labelled, node: node, container: "PEM", options: options, errors: &errors)
        }
        guard let found = candidates.first else { throw FormatError(.pemUnsupportedBlock, "unsupported PEM block") }
        guard candidates.count == 1 else { _ = try StructureReader.structure(of: node); return [] }
        let items = try StructureReader.items(found, node: node, container: "PEM", options: options, errors: &errors)
        let note = " under PEM label '\(display(block.label))'"
        return items.map { item in
            var item = item
            item.format += note
            return item
        }
    }

    /// A label as it may be shown: printable ASCII kept, every other byte as `\xNN`.
    static func display(_ label: String) -> String {
        var text = ""
        for byte in label.utf8 {
            if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\") {
                text.append(Character(UnicodeScalar(byte)))
            } else {
                text += "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
            }
        }
        return text
    }
}
