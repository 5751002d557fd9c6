import CryptCheckModel
import CryptCheckOpenSSL
import CryptCheckX509
import Foundation

/// What one file turned out to hold.
enum ParseResult {
    /// Not cryptographic material: counted, not reported.
    case notCrypto
    /// Items found, and problems with parts of the file (the rest is still reported).
    case parsed(items: [FileItem], errors: [FormatError])
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

    static func parseWithoutSnippets(_ bytes: [UInt8], name: FileNameFacts, options: ParseOptions) -> ParseResult {
        if bytes.isEmpty {
            return name.cryptoExtension ? .parsed(items: [], errors: [FormatError(.fileEmpty, "empty file")]) : .notCrypto
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
                var errors: [FormatError] = []
                let items = try der(bytes, options: options, errors: &errors)
                return .parsed(items: items, errors: errors)
            } catch {
                return .parsed(items: [], errors: [FormatError("", wrapping: error)])
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
}
