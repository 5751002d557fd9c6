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
/// content is met the second time (a tree of distinct files keeps only their keys, `seenLimit`
/// of them), only for cryptographic files of at most `fileLimit` bytes, and at most `byteLimit`
/// bytes' worth in all; the rest are parsed each time.
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
        var seen: Set<Key> = []
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
        var hasher = Hasher()
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        let key = Key(
            contentHash: hasher.finalize(), count: bytes.count, name: name,
            passwords: options.passwords, limit: options.kdfIterationLimit)
        if let known = state.withLock({ $0.entries[key] }), let sha256 = try? Digest.sha256Hex(bytes), sha256 == known.sha256 {
            state.withLock { $0.hits += 1 }
            return known.parsed
        }
        let parsed = Self.made(bytes, parse())
        guard let sha256 = parsed.sha256 else { return parsed }
        state.withLock { state in
            guard state.seen.contains(key) else {
                if state.seen.count < Self.seenLimit { state.seen.insert(key) }
                return
            }
            guard state.entries[key] == nil, state.bytes + bytes.count <= Self.byteLimit else { return }
            state.entries[key] = Entry(sha256: sha256, parsed: parsed)
            state.bytes += bytes.count
        }
        return parsed
    }

    /// A parse with its SHA-256, which only a cryptographic file's observation records.
    private static func made(_ bytes: [UInt8], _ parse: (result: ParseResult, snippets: [String])) -> Parsed {
        if case .notCrypto = parse.result { return Parsed(result: .notCrypto, sha256: nil, snippets: []) }
        return Parsed(result: parse.result, sha256: try? Digest.sha256Hex(bytes), snippets: parse.snippets)
    }
}
