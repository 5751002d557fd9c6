import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Foundation

/// Java keystores (JKS, JCEKS).
extension FileParser {
    static func keyStore(_ bytes: [UInt8], options: ParseOptions) -> ParseResult {
        let format = JavaKeyStoreReader.format(bytes)
        let entries: [JavaKeyStoreReader.Entry]
        do {
            entries = try JavaKeyStoreReader.entries(bytes)
        } catch {
            return .parsed(items: [], errors: [FormatError("", wrapping: error)])
        }
        var items: [FileItem] = []
        var errors: [FormatError] = []
        var stoppedEntries = 0  // entries the key-derivation limit left unopened: reported once
        let integrity = ProtectionAlgorithm(role: .integrity, primitive: "sha-1", identifier: "SHA-1 keyed digest")
        for entry in entries {
            do {
                switch entry.kind {
                case .privateKey:
                    let encrypted = try DER.parse(entry.protectedKey ?? []).sequence("EncryptedPrivateKeyInfo", minimum: 2)
                    let protection = try PasswordEnvelopeReader.read(encrypted[0])
                    var key: KeyFacts?
                    if protection.first?.primitive == "jks-keyprotector" {
                        key =
                            options.passwords.lazy.compactMap { try? JKSKeyProtector.recover(Array(encrypted[1].value), password: $0) }
                            .first
                    } else if (try? AlgorithmIdentifier(encrypted[0]).oid) == JCEKSKeyProtector.oid {
                        let (opened, stopped) = options.firstOpening(iterations: protection.first?.iterations ?? 1) {
                            try JCEKSKeyProtector.recover(encrypted, password: $0)
                        }
                        key = opened
                        if let stopped {
                            stoppedEntries += 1
                            if stoppedEntries == 1 { errors.append(FormatError("entry '\(entry.alias)': ", wrapping: stopped)) }
                        }
                    }
                    items.append(FileItem(kind: .keystore, format: format, key: key, protection: protection + [integrity]))
                case .secretKey:
                    items.append(
                        FileItem(
                            kind: .keystore, format: format,
                            protection: [
                                ProtectionAlgorithm(
                                    role: .legacyPBE, primitive: "pbes1", hash: "md5",
                                    identifier: "PBEWithMD5AndTripleDES"),
                                ProtectionAlgorithm(role: .cipher, primitive: "3des", keyBits: 168),
                                integrity,
                            ]))
                case .trustedCertificate:
                    break
                }
                for der in entry.certificates {
                    items.append(FileItem(kind: .certificate, format: format, certificate: try CertificateReader.read(der: der)))
                }
            } catch {
                errors.append(FormatError("entry '\(entry.alias)': ", wrapping: error))
            }
        }
        if stoppedEntries > 1 {
            errors.append(
                FormatError(
                    .kdfLimitExceeded, "\(stoppedEntries - 1) more entries not opened: the file's key-derivation limit was reached"))
        }
        for index in items.indices { items[index].position = index + 1 }
        return .parsed(items: items, errors: errors)
    }
}
