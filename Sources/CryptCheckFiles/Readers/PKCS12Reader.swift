import CryptCheckModel
import CryptCheckX509

/// What a PKCS#12 file shows without its password: the integrity MAC, the envelope of each
/// encrypted part, and whatever bags are stored in the clear.
struct PKCS12Contents {
    var protection: [ProtectionAlgorithm] = []
    /// Certificates stored unencrypted (DER).
    var clearCertificates: [[UInt8]] = []
    /// Keys stored unencrypted (keyBag), as facts only.
    var clearKeys: [KeyFacts] = []
    /// Parts that are public-key encrypted (envelopedData), which no password opens.
    var envelopedParts = 0
}

enum PKCS12Reader {
    static let data = "1.2.840.113549.1.7.1", encryptedData = "1.2.840.113549.1.7.6"
    static let envelopedData = "1.2.840.113549.1.7.3"
    static let keyBag = "1.2.840.113549.1.12.10.1.1", shroudedKeyBag = "1.2.840.113549.1.12.10.1.2"
    static let certBag = "1.2.840.113549.1.12.10.1.3", safeContentsBag = "1.2.840.113549.1.12.10.1.6"

    /// Whether a DER structure is a PFX: version 3 and a ContentInfo of data.
    static func isPFX(_ node: DER) -> Bool {
        guard let fields = try? node.sequence("", minimum: 2), (try? fields[0].int()) == 3,
            let content = try? fields[1].sequence("", minimum: 1)
        else { return false }
        return (try? content[0].oid()) == data
    }

    static func read(_ node: DER) throws -> PKCS12Contents {
        let fields = try node.sequence("PFX", minimum: 2)
        var contents = PKCS12Contents()
        if fields.count > 2 {
            let macData = try fields[2].sequence("MacData", minimum: 2)
            let digestInfo = try macData[0].sequence("DigestInfo", minimum: 2)
            let oid = try AlgorithmIdentifier(digestInfo[0]).oid
            let iterations = macData.count > 2 ? try macData[2].int() : 1
            contents.protection.append(
                ProtectionAlgorithm(
                    role: .envelopeMAC, primitive: "hmac",
                    hash: ObjectIdentifiers.hashes[oid] ?? Primitive(oid),
                    iterations: iterations, identifier: oid))
        }
        let authSafe = try dataContent(fields[1])
        for info in try authSafe.sequence("AuthenticatedSafe") {
            let parts = try info.sequence("ContentInfo", minimum: 1)
            switch try parts[0].oid() {
            case data:
                try readBags(dataContent(info), into: &contents, depth: 0)
            case encryptedData:
                guard parts.count > 1, let encrypted = try parts[1].children().first else {
                    throw FormatError(.pkcs12Malformed, "PKCS#12: empty encryptedData")
                }
                let fields = try encrypted.sequence("EncryptedData", minimum: 2)
                let contentInfo = try fields[1].sequence("EncryptedContentInfo", minimum: 2)
                contents.protection += try PasswordEnvelopeReader.read(contentInfo[1])
            case envelopedData:
                contents.envelopedParts += 1
            case let other:
                throw FormatError(.pkcs12Unsupported, "PKCS#12: unsupported content type \(other)")
            }
        }
        return contents
    }

    /// The OCTET STRING inside a ContentInfo of type data.
    private static func dataContent(_ node: DER) throws -> DER {
        let parts = try node.sequence("ContentInfo", minimum: 2)
        guard try parts[0].oid() == data, let octets = try parts[1].children().first, octets.tag == DER.octetString else {
            throw FormatError(.pkcs12Malformed, "PKCS#12: expected a data ContentInfo")
        }
        return try DER.parse(Array(octets.value))
    }

    private static func readBags(_ safeContents: DER, into contents: inout PKCS12Contents, depth: Int) throws {
        guard depth < 4 else { throw FormatError(.pkcs12Malformed, "PKCS#12: safe contents nested too deep") }
        for bag in try safeContents.sequence("SafeContents") {
            let fields = try bag.sequence("SafeBag", minimum: 2)
            guard let value = try fields[1].children().first else { continue }
            switch try fields[0].oid() {
            case shroudedKeyBag:
                let encrypted = try value.sequence("EncryptedPrivateKeyInfo", minimum: 2)
                contents.protection += try PasswordEnvelopeReader.read(encrypted[0])
            case keyBag:
                contents.clearKeys.append(try KeyInfoReader.privateKeyInfo(value))
            case certBag:
                let certFields = try value.sequence("CertBag", minimum: 2)
                if let octets = try certFields[1].children().first, octets.tag == DER.octetString {
                    contents.clearCertificates.append(Array(octets.value))
                }
            case safeContentsBag:
                try readBags(value, into: &contents, depth: depth + 1)
            default:
                break
            }
        }
    }
}
