import CryptCheckModel
import Foundation
import Testing

@testable import CryptCheckFiles
@testable import CryptCheckX509

/// Broken and hostile input gives errors, never a crash or a hang.
@Suite("Hostile input")
struct HostileInputTests {
    static let samples = [
        "certs/rsa2048-sha256.pem", "certs/rsa3072-sha384.cer", "certs/chain.p7b", "keys/rsa3072-pkcs8.der",
        "pkcs12/legacy-rc2-40.p12", "jks/server.jks", "ssh/id_rsa_encrypted", "csr/ed25519.der",
        "keys/rsa2048-pbes2-aes256.pem", "crl/intermediate.crl",
    ]

    @Test(arguments: samples)
    func everyTruncationIsSurvived(file: String) {
        let bytes = Fixtures.bytes(file)
        var recognised = 0
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 300)) {
            if case .parsed = FileParser.parse(Array(bytes.prefix(length)), fileName: "x", options: ParseOptions()) { recognised += 1 }
        }
        #expect(recognised > 0)
    }

    /// Mutated copies per sample. Every 10th is read with the full key-derivation budget; the
    /// others with 100,000 iterations, which refuses the 600,000-iteration PBKDF2 of
    /// keys/rsa2048-pbes2-aes256.pem after its envelope is read, so that sample costs 30
    /// derivations instead of 300 (the test took 8 s alone and about 40 s in a full run).
    static let flips = 300
    static let password = "changeit"

    @Test(arguments: samples)
    func byteFlipsAreSurvived(file: String) throws {
        let bytes = Fixtures.bytes(file)
        // The unmutated sample reads cleanly, so what the flips give is the flips' doing.
        guard
            case .parsed(let original, let originalErrors) = FileParser.parse(
                bytes, fileName: "x",
                options: ParseOptions(passwords: [Self.password]))
        else {
            Issue.record("\(file) is not read as cryptographic material")
            return
        }
        #expect(!original.isEmpty && originalErrors.isEmpty, "\(file): \(originalErrors)")
        // Secrets that must never appear in an error: the password and any 24-byte run of the file.
        let secrets =
            [Self.password]
            + stride(from: 0, to: max(0, bytes.count - 24), by: 24).compactMap {
                String(bytes: bytes[$0..<($0 + 24)], encoding: .ascii)
            }
        var generator = SplitMix(seed: UInt64(bytes.count))
        var tally = (items: 0, errors: 0, notCrypto: 0)
        for flip in 0..<Self.flips {
            var mutated = bytes
            var positions: [Int] = []
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                let index = Int(generator.next() % UInt64(mutated.count))
                mutated[index] = UInt8(truncatingIfNeeded: generator.next())
                positions.append(index)
            }
            let options =
                flip % 10 == 0
                ? ParseOptions(passwords: [Self.password])
                : ParseOptions(passwords: [Self.password], kdfIterationLimit: 100_000)
            switch FileParser.parse(mutated, fileName: "x", options: options) {
            case .notCrypto:
                tally.notCrypto += 1
            case .parsed(let items, let errors):
                // Items, or a clear error: a mutated file is never silently empty.
                #expect(!items.isEmpty || !errors.isEmpty, "\(file) flip \(flip) at \(positions): no item and no error")
                tally.items += items.isEmpty ? 0 : 1
                tally.errors += errors.isEmpty ? 0 : 1
                for error in errors {
                    // Control characters are the renderers' to escape (TerminalInjectionTests);
                    // the password and the file's bytes are never the error's to carry.
                    #expect(!error.message.isEmpty, "\(file) flip \(flip): an empty error")
                    #expect(
                        !secrets.contains { error.message.contains($0) },
                        "\(file) flip \(flip) leaks into \(error.message.debugDescription)")
                }
            }
        }
        // The flips reached the parsers: some mutated files were still read, some gave errors.
        #expect(tally.items > 0 && tally.errors > 0, "\(file): \(tally)")
    }

    /// The code of the `FormatError` that `body` throws; `nil` when it throws none (or another).
    static func code(_ body: () throws -> Void) -> ErrorCode? {
        do {
            try body()
            return nil
        } catch {
            return (error as? FormatError)?.code
        }
    }

    @Test func derLengthsCannotRunPastTheData() {
        #expect(Self.code { _ = try DER.parse([0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, 0x00]) } == .derTruncated)
        #expect(Self.code { _ = try DER.parse([0x30, 0x80, 0x00, 0x00]) } == .derIndefiniteLength)
        #expect(Self.code { _ = try DER.parse([0x30]) } == .derTruncated)
        #expect(Self.code { _ = try DER.parse([0x30, 0x85, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00]) } == .derBadLength)
        #expect(Self.code { _ = try DER.parse([0x1F, 0x81, 0x01, 0x00]) } == .derUnsupportedTag)
        #expect(Self.code { _ = try DER.parse([0x05, 0x00, 0x00]) } == .derTrailingData)
        var deep: [UInt8] = []
        for _ in 0..<40 { deep = [0x30, UInt8(deep.count)] + deep }
        let tooDeep = Self.code {
            var node = try DER.parse(deep)
            for depth in 0..<40 { node = try node.children(depth: depth)[0] }
        }
        #expect(tooDeep == .derTooDeep)
        // The message says where, for a person; the code does not depend on it.
        do {
            _ = try DER.parse([0x30, 0x80, 0x00, 0x00])
        } catch let error as FormatError {
            #expect(error.message == "DER: indefinite length at byte 0")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// SplitMix64: a deterministic generator, so a failure can be replayed.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}

@Suite("Byte search")
struct ByteSearchTests {
    /// `PEM.find` (memchr and memcmp) agrees with a plain search, at the edges of slices too.
    @Test func agreesWithAPlainSearch() {
        var generator = SystemRandomNumberGenerator()
        func naive(_ needle: [UInt8], _ haystack: ArraySlice<UInt8>) -> Int? {
            guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
            for start in haystack.startIndex...(haystack.endIndex - needle.count)
            where haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
            return nil
        }
        for _ in 0..<3000 {
            let bytes = (0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0x41...0x43, using: &generator) }
            let needle = (0..<Int.random(in: 1...4, using: &generator)).map { _ in UInt8.random(in: 0x41...0x43, using: &generator) }
            let lower = Int.random(in: 0...bytes.count, using: &generator)
            let upper = Int.random(in: lower...bytes.count, using: &generator)
            let slice = bytes[lower..<upper]
            #expect(PEM.find(needle, in: slice) == naive(needle, slice), "\(needle) in \(Array(slice))")
        }
    }
}

@Suite("Base64")
struct Base64Tests {
    /// Decodes what Foundation encodes, with and without padding, at every length 0-100.
    @Test func decodesFoundationsEncoding() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...100 {
            let data = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let padded = Array(Data(data).base64EncodedString().utf8)
            #expect(Base64.decode(padded) == data, "length \(length)")
            #expect(Base64.decode(padded.filter { $0 != UInt8(ascii: "=") }) == data, "length \(length), unpadded")
        }
    }

    @Test(arguments: ["QUJD!", "QU JD", "Q", "QUJDR", "QQ===", "Q=Q=", "QUJD\n"])
    func rejectsWhatIsNotBase64(text: String) {
        #expect(Base64.decode(Array(text.utf8)) == nil)
    }
}

@Suite("Object identifiers")
struct ObjectIdentifierTests {
    private func oid(_ bytes: [UInt8]) throws -> String { try DER.parse([DER.oid, UInt8(bytes.count)] + bytes).oid() }

    @Test func knownIdentifiers() throws {
        #expect(try oid([0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B]) == "1.2.840.113549.1.1.11")
        #expect(try oid([0x2B, 0x65, 0x70]) == "1.3.101.112")
        #expect(try oid([0x55, 0x1D, 0x13]) == "2.5.29.19")
        #expect(try oid([0x06]) == "0.6")
        #expect(try oid([0x88, 0x37, 0x03]) == "2.999.3")  // first subidentifier above 80
        #expect(try oid([0x2A, 0x00]) == "1.2.0")
    }

    @Test func brokenIdentifiersAreRejected() {
        #expect(throws: FormatError.self) { try oid([0x2A, 0x86]) }  // ends inside an arc
        #expect(throws: FormatError.self) { try oid([0x2A] + [UInt8](repeating: 0xFF, count: 9) + [0x01]) }  // arc too large
    }
}
