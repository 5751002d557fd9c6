import CryptCheckModel
import CryptCheckX509

/// Java KeyStore (JKS, magic 0xFEEDFEED) and JCEKS (0xCECECECE) files: entries, their key
/// protection and the certificates, which are stored in the clear.
enum JavaKeyStoreReader {
    struct Entry {
        enum Kind { case privateKey, trustedCertificate, secretKey }
        let kind: Kind
        let alias: String
        /// The EncryptedPrivateKeyInfo DER of a private-key entry.
        let protectedKey: [UInt8]?
        let certificates: [[UInt8]]
    }

    static func isKeyStore(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 12 && (bytes.starts(with: [0xFE, 0xED, 0xFE, 0xED]) || bytes.starts(with: [0xCE, 0xCE, 0xCE, 0xCE]))
    }

    static func format(_ bytes: [UInt8]) -> String { bytes.first == 0xFE ? "JKS" : "JCEKS" }

    /// The entries, in file order. The trailing 20-byte SHA-1 integrity digest is not checked
    /// here (that needs the password).
    static func entries(_ bytes: [UInt8]) throws -> [Entry] {
        var reader = Reader(bytes: bytes, offset: 4)
        let version = try reader.uint32()
        guard version == 1 || version == 2 else { throw FormatError(.keystoreUnsupported, "keystore: unsupported version \(version)") }
        let count = try reader.uint32()
        guard count < 100_000 else { throw FormatError(.keystoreMalformed, "keystore: implausible entry count \(count)") }
        var entries: [Entry] = []
        for _ in 0..<count {
            let tag = try reader.uint32()
            let alias = try reader.utf()
            _ = try reader.take(8)  // creation time
            switch tag {
            case 1:
                let key = try reader.take(try reader.uint32())
                let chainLength = try reader.uint32()
                guard chainLength < 100 else { throw FormatError(.keystoreMalformed, "keystore: implausible chain length") }
                var chain: [[UInt8]] = []
                for _ in 0..<chainLength { chain.append(try certificate(&reader, version: version)) }
                entries.append(Entry(kind: .privateKey, alias: alias, protectedKey: key, certificates: chain))
            case 2:
                entries.append(
                    Entry(
                        kind: .trustedCertificate, alias: alias, protectedKey: nil,
                        certificates: [try certificate(&reader, version: version)]))
            case 3:
                // JCEKS secret key: a serialized SealedObject; its length is not recorded, so it must be the last entry.
                entries.append(Entry(kind: .secretKey, alias: alias, protectedKey: nil, certificates: []))
                return entries
            default:
                throw FormatError(.keystoreMalformed, "keystore: unknown entry tag \(tag)")
            }
        }
        return entries
    }

    private static func certificate(_ reader: inout Reader, version: Int) throws -> [UInt8] {
        if version == 2 {
            let type = try reader.utf()
            guard type == "X.509" else { throw FormatError(.keystoreUnsupported, "keystore: certificate type \(type) is not supported") }
        }
        return try reader.take(try reader.uint32())
    }

    struct Reader {
        let bytes: [UInt8]
        var offset: Int

        mutating func take(_ count: Int) throws -> [UInt8] {
            guard count >= 0, count <= bytes.count - offset else { throw FormatError(.keystoreMalformed, "keystore: truncated") }
            defer { offset += count }
            return Array(bytes[offset..<offset + count])
        }

        mutating func uint32() throws -> Int { try take(4).reduce(0) { $0 << 8 | Int($1) } }

        mutating func utf() throws -> String {
            let length = try take(2).reduce(0) { $0 << 8 | Int($1) }
            return String(decoding: try take(length), as: UTF8.self)
        }
    }
}
