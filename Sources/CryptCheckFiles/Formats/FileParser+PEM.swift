import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Foundation

/// PEM files: every block, failed ones as errors or snippets (`Snippets`).
extension FileParser {
    /// How many failed PEM blocks of one file are described; the rest are counted.
    static let failureLimit = 100

    /// Every PEM block; a block that fails is an error, or a snippet when `Snippets` says the
    /// file is documentation or source code that is more than PEM blocks.
    static func pem(_ bytes: [UInt8], name: FileNameFacts, options: ParseOptions) -> (result: ParseResult, snippets: [String]) {
        let (blocks, failures) = PEM.scan(bytes)
        // Asked only once a block fails (most PEM files have none).
        var knownSnippetHost: Bool?
        func isSnippetHost() -> Bool {
            if let knownSnippetHost { return knownSnippetHost }
            let answer = Snippets.isSnippetHost(name, bytes: bytes, blocks: blocks.map(\.range) + failures.map(\.range))
            knownSnippetHost = answer
            return answer
        }
        var items: [FileItem] = []
        var errors: [FormatError] = []
        var snippets: [String] = []
        var failedCount = 0
        // Line numbers are counted forward once, in file order, so a hostile file with many
        // failed blocks costs one pass, and at most `failureLimit` of them are kept.
        var counted = (offset: 0, line: 1)
        func failed(_ start: Int, _ label: String, _ error: any Error) {
            failedCount += 1
            guard failedCount <= failureLimit else { return }
            counted.line += bytes[counted.offset..<start].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
            counted.offset = start
            let text = EscapedText.escape("PEM block at line \(counted.line)" + (label.isEmpty ? "" : " (\(label))") + ": \(error)")
            if isSnippetHost() { snippets.append(text) } else { errors.append(FormatError(ErrorCode.of(error), text)) }
        }
        let events =
            (failures.map { (start: $0.range.lowerBound, failure: Optional($0), block: PEMBlock?.none) }
            + blocks.map { (start: $0.range.lowerBound, failure: PEM.Failure?.none, block: Optional($0)) })
            .sorted { $0.start < $1.start }
        for event in events {
            if let failure = event.failure {
                failed(failure.range.lowerBound, failure.label, failure.error)
            } else if let block = event.block {
                do {
                    var blockErrors: [FormatError] = []
                    for var item in try pemBlock(block, options: options, errors: &blockErrors) {
                        item.position = items.count + 1
                        items.append(item)
                    }
                    for error in blockErrors { failed(block.range.lowerBound, block.label, error) }
                } catch {
                    failed(block.range.lowerBound, block.label, error)
                }
            }
        }
        if failedCount > failureLimit {
            let more = "\(failedCount - failureLimit) more PEM blocks failed"
            if isSnippetHost() { snippets.append(more) } else { errors.append(FormatError(.pemMoreFailures, more)) }
        }
        return (.parsed(items: items, errors: errors), snippets)
    }

    /// The items of one PEM block; `errors` collects problems with parts of it that leave the
    /// rest readable (a PKCS#12 part no password opens, a key derivation over the limit).
    static func pemBlock(_ block: PEMBlock, options: ParseOptions, errors: inout [FormatError]) throws -> [FileItem] {
        switch block.label {
        case let label
        where block.headers["Proc-Type"] != nil
            && ["RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY"].contains(label):
            return [try traditionalKey(block, options: options, errors: &errors)]
        case "OPENSSH PRIVATE KEY":
            let (key, protection) = try SSHKeyReader.privateKey(block.der)
            return [FileItem(kind: .sshPrivateKey, format: "OpenSSH", key: key, protection: protection)]
        default:
            return try LabelledBlockReader.items(block, options: options, errors: &errors)
        }
    }

    /// PKCS#1 / SEC1 / DSA keys, possibly encrypted the legacy way (Proc-Type + DEK-Info).
    static func traditionalKey(_ block: PEMBlock, options: ParseOptions, errors: inout [FormatError]) throws -> FileItem {
        let algorithm: KeyAlgorithm = block.label.hasPrefix("RSA") ? .rsa : block.label.hasPrefix("EC") ? .ec : .dsa
        let structure = algorithm == .rsa ? "PKCS#1" : algorithm == .ec ? "SEC1" : "DSA"
        if block.headers["Proc-Type"]?.contains("ENCRYPTED") == true {
            guard let dek = block.headers["DEK-Info"], let name = dek.split(separator: ",").first else {
                throw FormatError(.pemNoDEKInfo, "encrypted PEM without DEK-Info")
            }
            // EVP_BytesToKey: one MD5 iteration per attempt.
            let (key, stopped) = options.firstOpening(iterations: 1) { try KeyDecryption.pemPrivateKey(block.text, password: $0) }
            if let stopped { errors.append(FormatError("encrypted key ", wrapping: stopped)) }
            return FileItem(
                kind: .privateKey, format: "PEM encrypted \(structure)", key: key ?? KeyFacts(algorithm: algorithm),
                protection: legacyPEMEnvelope(String(name)))
        }
        let node = try DER.parse(block.der)
        let key =
            switch algorithm {
            case .rsa: try KeyInfoReader.rsaPrivateKey(node)
            case .ec: try KeyInfoReader.ecPrivateKey(node)
            default: try KeyInfoReader.dsaPrivateKey(node)
            }
        return FileItem(kind: .privateKey, format: structure, key: key)
    }

    /// OpenSSL's legacy PEM encryption: EVP_BytesToKey with MD5 and one iteration, then the
    /// DEK-Info cipher.
    static func legacyPEMEnvelope(_ name: String) -> [ProtectionAlgorithm] {
        let ciphers: [String: (Primitive, Int)] = [
            "AES-128-CBC": ("aes", 128), "AES-192-CBC": ("aes", 192), "AES-256-CBC": ("aes", 256),
            "DES-EDE3-CBC": ("3des", 168), "DES-CBC": ("des", 56), "RC2-CBC": ("rc2", 128), "RC2-40-CBC": ("rc2", 40),
            "RC2-64-CBC": ("rc2", 64), "IDEA-CBC": ("idea", 128), "SEED-CBC": ("seed", 128),
            "CAMELLIA-128-CBC": ("camellia", 128), "CAMELLIA-192-CBC": ("camellia", 192),
            "CAMELLIA-256-CBC": ("camellia", 256), "ARIA-128-CBC": ("aria", 128), "ARIA-256-CBC": ("aria", 256),
        ]
        var result = [ProtectionAlgorithm(role: .kdf, primitive: "evp-bytestokey", hash: "md5", iterations: 1)]
        if let (cipher, bits) = ciphers[name.uppercased()] {
            result.append(ProtectionAlgorithm(role: .cipher, primitive: cipher, keyBits: bits, identifier: name))
            result.append(ProtectionAlgorithm(role: .mode, primitive: "cbc"))
        } else {
            result.append(ProtectionAlgorithm(role: .cipher, primitive: Primitive(name.lowercased()), identifier: name))
        }
        return result
    }
}
