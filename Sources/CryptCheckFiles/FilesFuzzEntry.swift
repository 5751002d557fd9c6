/// The way in for the fuzz targets (`Fuzz/`) and their regression tests: one fuzz input is
/// decoded here, so a reproducer means the same thing to the fuzzer and to the test suite.
/// The fuzz package sees only `public` declarations, and the readers are `internal`.
///
/// No password is ever tried: the work a password costs is bounded by issue 11 item 1, not by
/// these entries, so passwords would only make the fuzzer time out on known slow inputs. The
/// PKCS#12 attempt with the empty password, which a scan makes unasked, is made.
public enum FilesFuzzEntry {
    /// The file names a fuzz input may claim: they decide empty-file handling and whether a
    /// failed PEM block is a documentation snippet.
    public static let fileNames = [
        "cert.pem", "cert.der", "store.p12", "keystore.jks", "id_ed25519.pub", "authorized_keys", "known_hosts",
        "key.key", "README.md", "main.c", "notes.txt", "blob", "bundle.p7b", "list.crl", "request.csr", "empty.crt",
    ]

    /// The name the PKCS#12 target gives its inputs.
    public static let pkcs12Name = "store.p12"
    /// The name the keystore target gives its inputs.
    public static let keyStoreName = "keystore.jks"

    /// What one fuzz input gave: the items read, and the problems and snippets reported.
    public struct Outcome: Sendable {
        /// How many items (certificates, keys, keystore entries, ...) were read.
        public var items: Int
        /// The problems reported for the file (a broken part is an error, never a crash).
        public var errors: [String]
        /// The failed PEM blocks listed as documentation snippets.
        public var snippets: [String]
        /// Whether the file was recognised as cryptographic material at all.
        public var isCrypto: Bool
    }

    /// The file-scanning entry point: the first byte picks the file name (`fileNames`), the rest
    /// is the file's content, recognised by content and read as `cryptcheck scan` reads it.
    public static func file(_ input: [UInt8]) -> Outcome {
        guard let selector = input.first else { return Outcome(items: 0, errors: [], snippets: [], isCrypto: false) }
        return file(Array(input.dropFirst()), named: fileNames[Int(selector) % fileNames.count])
    }

    /// The file-scanning entry point on a file of a fixed name.
    public static func file(_ content: [UInt8], named name: String) -> Outcome {
        let (result, snippets) = FileParser.parseFile(content, fileName: name, options: ParseOptions())
        switch result {
        case .notCrypto: return Outcome(items: 0, errors: [], snippets: snippets, isCrypto: false)
        case .parsed(let items, let errors):
            return Outcome(items: items.count, errors: errors.map(\.message), snippets: snippets, isCrypto: true)
        }
    }

    /// The OpenSSH binary readers, below the base64 of the text formats: the first byte picks the
    /// reader (public-key blob, certificate blob, `openssh-key-v1` private-key body, or a text
    /// file of public-key lines), the rest is its input. Returns the error message, or `nil`
    /// when the input was read.
    public static func ssh(_ input: [UInt8]) -> String? {
        guard let selector = input.first else { return "empty input" }
        let body = Array(input.dropFirst())
        do {
            switch selector % 4 {
            case 0: _ = try SSHKeyReader.publicBlob(body)
            case 1: _ = try SSHCertificateReader.read(body)
            case 2: _ = try SSHKeyReader.privateKey(body)
            default:
                guard let (_, _, errors) = SSHKeyReader.publicKeyLines(body) else { return "no public-key line" }
                return errors.first?.message
            }
            return nil
        } catch {
            return "\(error)"
        }
    }
}
