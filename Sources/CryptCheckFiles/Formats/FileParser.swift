import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Foundation

/// How to open protected files.
package struct ParseOptions: Sendable {
    /// Passwords to try on encrypted keys, PKCS#12 files and keystores, in order.
    package var passwords: [String]
    /// The key-derivation iterations one file may cost in total (`--max-kdf-iterations`).
    package var kdfIterationLimit: Int
    /// PKCS#12 outcomes by content, shared by every copy of these options (one scan).
    let pkcs12Memo = PKCS12Memo()
    /// Whole files' parses by content, shared likewise (`FileScanner` uses it).
    let parseMemo = ParseMemo()
    /// The current file's allowance: `parseFile` gives each file a fresh one.
    var allowance: KDFAllowance

    /// Options trying `passwords`, bounding each file's key derivations to `kdfIterationLimit`.
    package init(passwords: [String] = [], kdfIterationLimit: Int = KDFWork.defaultLimit) {
        self.passwords = passwords
        self.kdfIterationLimit = kdfIterationLimit
        allowance = KDFAllowance(limit: kdfIterationLimit)
    }

    /// Tries `passwords` in order on one protected object whose every attempt costs
    /// `iterations` (nil: unpriced), charging the file's allowance before each: the first
    /// result `open` gives, and the limit that stopped the attempts, if one did.
    func firstOpening<T>(iterations: Int?, _ open: (String) throws -> T) -> (opened: T?, stopped: KDFLimitExceeded?) {
        for password in passwords {
            do {
                try allowance.charge(iterations)
            } catch {
                return (nil, error as? KDFLimitExceeded)
            }
            if let opened = try? open(password) { return (opened, nil) }
        }
        return (nil, nil)
    }
}

/// What one file turned out to hold.
enum ParseResult {
    /// Not cryptographic material: counted, not reported.
    case notCrypto
    /// Items found, and problems with parts of the file (the rest is still reported).
    case parsed(items: [FileItem], errors: [String])
}

/// Recognises a file's format by content and reads every item in it.
enum FileParser {
    /// Names under which an empty file is reported as broken material rather than ignored.
    static let cryptoExtensions: Set<String> = [
        "pem", "crt", "cer", "der", "key", "pub", "csr", "crl", "p7b", "p7c", "p12", "pfx", "jks", "jceks", "keystore",
    ]

    /// `fileName` (a name or path) matters only for empty files and for telling snippets in
    /// documentation and source files from broken material (`Snippets`); snippets are left
    /// out here (see `parseFile`).
    static func parse(_ bytes: [UInt8], fileName: String, options: ParseOptions) -> ParseResult {
        parseFile(bytes, fileName: fileName, options: options).result
    }

    /// What a file holds, and the PEM-looking example blocks in a documentation or source file
    /// that do not parse (listed, never judged, and not making the scan incomplete).
    static func parseFile(_ bytes: [UInt8], fileName: String, options: ParseOptions) -> (result: ParseResult, snippets: [String]) {
        parseFile(bytes, name: FileNameFacts(fileName), options: options)
    }

    /// `parseFile` with what the name tells already read from it.
    static func parseFile(_ bytes: [UInt8], name: FileNameFacts, options: ParseOptions) -> (result: ParseResult, snippets: [String]) {
        var options = options
        options.allowance = KDFAllowance(limit: options.kdfIterationLimit)
        if !bytes.isEmpty && !JavaKeyStoreReader.isKeyStore(bytes) && PEM.looksLikePEM(bytes) {
            return pem(bytes, name: name, options: options)
        }
        return (parseWithoutSnippets(bytes, name: name, options: options), [])
    }

    private static func parseWithoutSnippets(_ bytes: [UInt8], name: FileNameFacts, options: ParseOptions) -> ParseResult {
        if bytes.isEmpty {
            return name.cryptoExtension ? .parsed(items: [], errors: ["empty file"]) : .notCrypto
        }
        if JavaKeyStoreReader.isKeyStore(bytes) { return keyStore(bytes, options: options) }
        if PEM.looksLikePEM(bytes) { return pem(bytes, name: name, options: options).result }
        if SSHKeyReader.mayHoldPublicKeys(bytes), String(validating: bytes, as: UTF8.self) != nil {
            if let (format, entries, errors) = SSHKeyReader.publicKeyLines(bytes) {
                let items = entries.enumerated().map { index, entry in
                    switch entry {
                    case .key(let key):
                        FileItem(kind: .sshPublicKey, position: index + 1, format: format, key: key)
                    case .certificate(let key, let certificate):
                        FileItem(
                            kind: .sshCertificate, position: index + 1, format: format, key: key,
                            signature: certificate.signature, sshCertificate: certificate)
                    }
                }
                return .parsed(items: items, errors: errors)
            }
            return .notCrypto
        }
        if looksLikeDER(bytes) {
            do {
                var errors: [String] = []
                let items = try der(bytes, options: options, errors: &errors)
                return .parsed(items: items, errors: errors)
            } catch {
                return .parsed(items: [], errors: ["\(error)"])
            }
        }
        return .notCrypto
    }

    /// A SEQUENCE whose header is plausible: long-form length (any object over 127 bytes), or a
    /// short length that matches the file.
    static func looksLikeDER(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 2, bytes[0] == DER.sequence else { return false }
        return (0x81...0x84).contains(bytes[1]) || Int(bytes[1]) == bytes.count - 2
    }

    // MARK: PEM

    /// How many failed PEM blocks of one file are described; the rest are counted.
    static let failureLimit = 100

    /// Every PEM block; a block that fails is an error, or a snippet when `Snippets` says the
    /// file is documentation or source code that is more than PEM blocks.
    private static func pem(_ bytes: [UInt8], name: FileNameFacts, options: ParseOptions) -> (result: ParseResult, snippets: [String]) {
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
        var errors: [String] = []
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
            if isSnippetHost() { snippets.append(text) } else { errors.append(text) }
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
                    var blockErrors: [String] = []
                    for var item in try pemBlock(block, options: options, errors: &blockErrors) {
                        item.position = items.count + 1
                        items.append(item)
                    }
                    for error in blockErrors { failed(block.range.lowerBound, block.label, FormatError(error)) }
                } catch {
                    failed(block.range.lowerBound, block.label, error)
                }
            }
        }
        if failedCount > failureLimit {
            let more = "\(failedCount - failureLimit) more PEM blocks failed"
            if isSnippetHost() { snippets.append(more) } else { errors.append(more) }
        }
        return (.parsed(items: items, errors: errors), snippets)
    }

    /// The items of one PEM block; `errors` collects problems with parts of it that leave the
    /// rest readable (a PKCS#12 part no password opens, a key derivation over the limit).
    private static func pemBlock(_ block: PEMBlock, options: ParseOptions, errors: inout [String]) throws -> [FileItem] {
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
    private static func traditionalKey(_ block: PEMBlock, options: ParseOptions, errors: inout [String]) throws -> FileItem {
        let algorithm: KeyAlgorithm = block.label.hasPrefix("RSA") ? .rsa : block.label.hasPrefix("EC") ? .ec : .dsa
        let structure = algorithm == .rsa ? "PKCS#1" : algorithm == .ec ? "SEC1" : "DSA"
        if block.headers["Proc-Type"]?.contains("ENCRYPTED") == true {
            guard let dek = block.headers["DEK-Info"], let name = dek.split(separator: ",").first else {
                throw FormatError("encrypted PEM without DEK-Info")
            }
            // EVP_BytesToKey: one MD5 iteration per attempt.
            let (key, stopped) = options.firstOpening(iterations: 1) { try KeyDecryption.pemPrivateKey(block.text, password: $0) }
            if let stopped { errors.append("encrypted key \(stopped)") }
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
        var result = [ProtectionAlgorithm(role: "kdf", primitive: "evp-bytestokey", hash: "md5", iterations: 1)]
        if let (cipher, bits) = ciphers[name.uppercased()] {
            result.append(ProtectionAlgorithm(role: "cipher", primitive: cipher, keyBits: bits, identifier: name))
            result.append(ProtectionAlgorithm(role: "mode", primitive: "cbc"))
        } else {
            result.append(ProtectionAlgorithm(role: "cipher", primitive: Primitive(name.lowercased()), identifier: name))
        }
        return result
    }

    // MARK: DER

    private static func der(_ bytes: [UInt8], options: ParseOptions, errors: inout [String]) throws -> [FileItem] {
        let node = try DER.parse(bytes)
        let structure = try StructureReader.structure(of: node)
        return StructureReader.numbered(
            try StructureReader.items(structure, node: node, container: "DER", options: options, errors: &errors))
    }

    /// A PFX: its MAC and envelopes, and the keys and certificates a password (or none) opens.
    static func pkcs12(_ bytes: [UInt8], node: DER, options: ParseOptions, errors: inout [String]) throws -> [FileItem] {
        let contents = try PKCS12Reader.read(node)
        if contents.envelopedParts > 0 {
            errors.append("\(contents.envelopedParts) part(s) are public-key encrypted (envelopedData); no password opens them")
        }
        let outcome = options.pkcs12Memo.outcome(for: bytes, passwords: options.passwords, limit: options.kdfIterationLimit) {
            openPKCS12(bytes, options: options)
        }
        var opened: (key: KeyFacts?, certificates: [[UInt8]])?
        switch outcome {
        case .opened(let key, let certificates): opened = (key, certificates)
        case .notOpened(let reason): if let reason { errors.append("PKCS#12 \(reason)") }
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
    private static func openPKCS12(_ bytes: [UInt8], options: ParseOptions) -> PKCS12Memo.Outcome {
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

    // MARK: keystores

    private static func keyStore(_ bytes: [UInt8], options: ParseOptions) -> ParseResult {
        let format = JavaKeyStoreReader.format(bytes)
        let entries: [JavaKeyStoreReader.Entry]
        do {
            entries = try JavaKeyStoreReader.entries(bytes)
        } catch {
            return .parsed(items: [], errors: ["\(error)"])
        }
        var items: [FileItem] = []
        var errors: [String] = []
        var stoppedEntries = 0  // entries the key-derivation limit left unopened: reported once
        let integrity = ProtectionAlgorithm(role: "integrity", primitive: "sha-1", identifier: "SHA-1 keyed digest")
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
                            if stoppedEntries == 1 { errors.append("entry '\(entry.alias)': \(stopped)") }
                        }
                    }
                    items.append(FileItem(kind: .keystore, format: format, key: key, protection: protection + [integrity]))
                case .secretKey:
                    items.append(
                        FileItem(
                            kind: .keystore, format: format,
                            protection: [
                                ProtectionAlgorithm(
                                    role: "legacy-pbe", primitive: "pbes1", hash: "md5",
                                    identifier: "PBEWithMD5AndTripleDES"),
                                ProtectionAlgorithm(role: "cipher", primitive: "3des", keyBits: 168),
                                integrity,
                            ]))
                case .trustedCertificate:
                    break
                }
                for der in entry.certificates {
                    items.append(FileItem(kind: .certificate, format: format, certificate: try CertificateReader.read(der: der)))
                }
            } catch {
                errors.append("entry '\(entry.alias)': \(error)")
            }
        }
        if stoppedEntries > 1 {
            errors.append("\(stoppedEntries - 1) more entries not opened: the file's key-derivation limit was reached")
        }
        for index in items.indices { items[index].position = index + 1 }
        return .parsed(items: items, errors: errors)
    }
}

/// Sun's JKS KeyProtector (sun.security.provider.KeyProtector): SHA-1 keystream over the
/// password (UTF-16BE) and a 20-byte salt, with a SHA-1 check value.
enum JKSKeyProtector {
    static func recover(_ protected: [UInt8], password: String) throws -> KeyFacts {
        guard protected.count > 40 else { throw FormatError("JKS protected key too short") }
        let passwordBytes = password.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let salt = Array(protected.prefix(20))
        let encrypted = Array(protected[20..<(protected.count - 20)])
        let check = Array(protected.suffix(20))
        var plain = [UInt8](repeating: 0, count: encrypted.count)
        defer { for index in plain.indices { plain[index] = 0 } }
        var digest = salt
        var offset = 0
        while offset < encrypted.count {
            digest = try Digest.sha1(passwordBytes + digest)
            for index in 0..<min(20, encrypted.count - offset) {
                plain[offset + index] = encrypted[offset + index] ^ digest[index]
            }
            offset += 20
        }
        guard try Digest.sha1(passwordBytes + plain) == check else { throw FormatError("wrong keystore password") }
        return try KeyInfoReader.privateKeyInfo(DER.parse(plain))
    }
}

/// SunJCE's PBEWithMD5AndTripleDES (com.sun.crypto.provider.PBES1Core), which protects JCEKS
/// private keys: an 8-byte salt split in halves, each hashed with the password `iterations`
/// times by MD5, gives a 3DES key and IV; the plaintext is a PKCS#8 PrivateKeyInfo.
enum JCEKSKeyProtector {
    static let oid = "1.3.6.1.4.1.42.2.19.1"

    /// `fields`: the EncryptedPrivateKeyInfo's algorithm (with PBEParameter) and data.
    static func recover(_ fields: [DER], password: String) throws -> KeyFacts {
        guard password.unicodeScalars.allSatisfy(\.isASCII) else { throw FormatError("JCEKS passwords are ASCII") }
        let algorithm = try AlgorithmIdentifier(fields[0])
        guard let parameters = try algorithm.parameters?.sequence("PBEParameter", minimum: 2) else {
            throw FormatError("JCEKS: PBEParameter missing")
        }
        var salt = Array(parameters[0].value)
        let iterations = try parameters[1].int()
        guard salt.count == 8, (1...10_000_000).contains(iterations) else { throw FormatError("JCEKS: bad PBE parameters") }
        if salt[0..<4] == salt[4..<8] {
            // SunJCE's rule for equal halves, bug included: it reverses the first half in
            // place with `salt[3 - 1]` as the second index, which leaves salt[3] alone.
            for index in 0..<2 {
                let swapped = salt[index]
                salt[index] = salt[3 - index]
                salt[3 - 1] = swapped
            }
        }
        let passwordBytes = Array(password.utf8)
        var derived: [UInt8] = []
        for half in 0..<2 {
            derived += try Digest.md5Iterated(Array(salt[(half * 4)..<(half * 4 + 4)]), suffix: passwordBytes, iterations: iterations)
        }
        defer { for index in derived.indices { derived[index] = 0 } }
        var plain = try LegacyDecryption.decrypt(
            Array(fields[1].value), cipher: "DES-EDE3-CBC",
            key: Array(derived[0..<24]), iv: Array(derived[24..<32]))
        defer { for index in plain.indices { plain[index] = 0 } }
        return try KeyInfoReader.privateKeyInfo(DER.parse(plain))
    }
}
