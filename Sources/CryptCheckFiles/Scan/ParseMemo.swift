import CryptCheckModel
import CryptCheckOpenSSL
import Synchronization

/// What a file parsed to, remembered by its content for the rest of a scan, so the copies of one
/// file (a CA bundle or a JDK's `cacerts` in every application, certificates copied into each
/// container layer) are parsed, and their keys derived, once.
///
/// A file's parse depends only on its bytes, the facts its name gives (`FileNameFacts`) and the
/// parse options; all three are the key. Lookups go by a fast in-process hash of the bytes, and
/// a candidate counts only when its SHA-256 (which a cryptographic file's observation records
/// anyway) is the same, so two different files never share a result. A parse is kept when its
/// content is met the second time (a tree of distinct files keeps only their keys, `seenLimit` of
/// them), or the first time when it derived keys from a password (an opened PKCS#12 store costs
/// more than a thousand small certificates); only for cryptographic files of at most `fileLimit`
/// bytes, and at most `byteLimit` bytes' worth in all; the rest are parsed each time.
final class ParseMemo: Sendable {
    /// A file's parse and its SHA-256 (lower-case hex).
    struct Parsed: Sendable {
        let result: ParseResult
        let sha256: String?
        let snippets: [String]
    }

    private struct Key: Hashable {
        let contentHash: Int
        let count: Int
        let name: FileNameFacts
        let passwords: [String]
        let limit: Int

        /// The content hash is a hash already: the rest tells apart only copies under other
        /// names or options, which equality does.
        func hash(into hasher: inout Hasher) { hasher.combine(contentHash) }
    }

    private struct Entry {
        let sha256: String
        let parsed: Parsed
    }

    /// The largest file remembered.
    static let fileLimit = 1 << 20
    /// The most bytes of files remembered (each entry counts its file's size, a bound on what
    /// its items take).
    static let byteLimit = 16 << 20
    /// The most contents remembered as met once.
    static let seenLimit = 1 << 16

    private struct State {
        var entries: [Key: Entry] = [:]
        var sightings = Sightings<Key>(limit: ParseMemo.seenLimit)
        var bytes = 0
        var hits = 0
    }

    private let state = Mutex(State())

    /// How many files were answered from memory (for tests and benches).
    var hits: Int { state.withLock { $0.hits } }

    /// The parse of `bytes`: remembered, or made by `parse` (and its SHA-256 computed) and
    /// remembered when it is cryptographic and there is room.
    func parsed(
        _ bytes: [UInt8], name: FileNameFacts, options: ParseOptions,
        parse: () -> (result: ParseResult, snippets: [String])
    ) -> Parsed {
        guard bytes.count <= Self.fileLimit else { return Self.made(bytes, parse()) }
        let key = Key(
            contentHash: Self.contentHash(bytes), count: bytes.count, name: name,
            passwords: options.passwords, limit: options.kdfIterationLimit)
        if let known = state.withLock({ $0.entries[key] }), let sha256 = try? Digest.sha256Hex(bytes), sha256 == known.sha256 {
            state.withLock { $0.hits += 1 }
            return known.parsed
        }
        let parsed = Self.made(bytes, parse())
        guard let sha256 = parsed.sha256 else { return parsed }
        state.withLock { state in
            guard Self.derivedKeys(parsed.result) || state.sightings.metBefore(key) else { return }
            guard state.entries[key] == nil, state.bytes + bytes.count <= Self.byteLimit else { return }
            state.entries[key] = Entry(sha256: sha256, parsed: parsed)
            state.bytes += bytes.count
        }
        return parsed
    }

    /// A 64-bit hash of `bytes`, eight bytes a step (multiply and fold, as in wyhash). It only
    /// picks the candidate: a hit is confirmed by SHA-256, so collisions cost a digest, never a
    /// wrong answer; a keyed hash (`Hasher`) took as long as the parse of a small file.
    static func contentHash(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { buffer -> Int in
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(buffer.count)
            func mix(_ word: UInt64) {
                let product = (state ^ word).multipliedFullWidth(by: 0xA076_1D64_78BD_642F)
                state = product.high ^ product.low
            }
            var offset = 0
            while offset + 8 <= buffer.count {
                mix(buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset += 8
            }
            var tail: UInt64 = 0
            for index in offset..<buffer.count { tail = tail << 8 | UInt64(buffer[index]) }
            mix(tail ^ 0xE703_7ED1_A0B4_28DB)
            return Int(truncatingIfNeeded: state)
        }
    }

    /// Whether the parse derived keys from a password (an opened PKCS#12 or encrypted key costs
    /// thousands of iterations): such a parse is kept the first time its content is met.
    private static func derivedKeys(_ result: ParseResult) -> Bool {
        guard case .parsed(let items, _) = result else { return false }
        return items.contains { item in item.protection.contains { $0.iterations ?? 0 > 0 } }
    }

    /// A parse with its SHA-256, which only a cryptographic file's observation records.
    private static func made(_ bytes: [UInt8], _ parse: (result: ParseResult, snippets: [String])) -> Parsed {
        if case .notCrypto = parse.result { return Parsed(result: .notCrypto, sha256: nil, snippets: []) }
        return Parsed(result: parse.result, sha256: try? Digest.sha256Hex(bytes), snippets: parse.snippets)
    }
}
