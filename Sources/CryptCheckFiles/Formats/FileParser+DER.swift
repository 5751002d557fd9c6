import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Foundation

/// DER structures and PKCS#12 files.
extension FileParser {
    static func der(_ bytes: [UInt8], options: ParseOptions, errors: inout [FormatError]) throws -> [FileItem] {
        let node = try DER.parse(bytes)
        let structure = try StructureReader.structure(of: node)
        return StructureReader.numbered(
            try StructureReader.items(structure, node: node, container: "DER", options: options, errors: &errors))
    }

    /// A PFX: its MAC and envelopes, and the keys and certificates a password (or none) opens.
    static func pkcs12(_ bytes: [UInt8], node: DER, options: ParseOptions, errors: inout [FormatError]) throws -> [FileItem] {
        let contents = try PKCS12Reader.read(node)
        if contents.envelopedParts > 0 {
            errors.append(
                FormatError(
                    .pkcs12Unsupported,
                    "\(contents.envelopedParts) part(s) are public-key encrypted (envelopedData); no password opens them"))
        }
        let outcome = options.pkcs12Memo.outcome(for: bytes, passwords: options.passwords, limit: options.kdfIterationLimit) {
            openPKCS12(bytes, options: options)
        }
        var opened: (key: KeyFacts?, certificates: [[UInt8]])?
        switch outcome {
        case .opened(let key, let certificates): opened = (key, certificates)
        case .notOpened(let reason): if let reason { errors.append(FormatError(.kdfLimitExceeded, "PKCS#12 \(reason)")) }
        }
        var items = [FileItem(kind: .pkcs12, format: "PKCS#12", key: opened?.key, protection: contents.protection)]
        let certificates = opened?.certificates ?? contents.clearCertificates
        for der in certificates {
            items.append(FileItem(kind: .certificate, format: "PKCS#12", certificate: try CertificateReader.read(der: der)))
        }
        if opened == nil {
            items += contents.clearKeys.map { FileItem(kind: .privateKey, format: "PKCS#12", key: $0) }
        }
        return items.enumerated().map { index, item in
            var item = item
            item.position = index + 1
            return item
        }
    }

    /// Tries each password of `pkcs12Passwords` on a PFX, charging every key derivation to the
    /// file's allowance before it runs.
    static func openPKCS12(_ bytes: [UInt8], options: ParseOptions) -> PKCS12Memo.Outcome {
        for password in pkcs12Passwords(options.passwords) {
            do {
                let (key, certificates) = try options.allowance.spend { work in
                    try KeyDecryption.pkcs12(bytes, password: password, work: &work, cost: PasswordEnvelopeReader.iterations(ofAlgorithm:))
                }
                return .opened(key: key, certificates: certificates)
            } catch let stopped as KDFLimitExceeded {
                return .notOpened(reason: stopped.description)
            } catch {
                continue
            }
        }
        return .notOpened(reason: nil)
    }

    /// The passwords a PKCS#12 file is tried with: no password first, unasked, in both its
    /// encodings (as OpenSSL and pyca do: many tools write files "without a password"): absent
    /// (`nil`, no bytes) and empty (`""`, a BMPString terminator); then the user's, without
    /// repeating the empty one. Each try costs one MAC key derivation (or, for a file without a
    /// MAC, the decryption's).
    static func pkcs12Passwords(_ passwords: [String]) -> [String?] {
        [nil, ""] + passwords.filter { !$0.isEmpty }
    }
}
