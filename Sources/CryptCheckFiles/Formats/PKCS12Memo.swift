import CryptCheckModel
import CryptCheckOpenSSL
import Synchronization

/// What opening a PKCS#12 file came to, remembered by the file's content (SHA-256) for the rest
/// of a scan, so copies of one file (backups, container layers, vendored test data) cost their
/// key derivations once. Every PKCS#12 file is tried with the absent and the empty password
/// unasked, and each try is a MAC key derivation. Bounded: once `byteLimit` bytes of outcomes
/// are held, new ones are computed but not kept.
final class PKCS12Memo: Sendable {
    /// The result of trying every password on one file.
    enum Outcome: Sendable {
        /// Opened: the key's facts (if it holds a key) and every certificate's DER.
        case opened(key: KeyFacts?, certificates: [[UInt8]])
        /// Not opened: no password fitted (`reason` nil), or a key derivation was not run
        /// (`reason` says why, e.g. the iteration limit).
        case notOpened(reason: String?)

        var size: Int {
            if case .opened(_, let certificates) = self { return 128 + certificates.reduce(0) { $0 + $1.count } }
            return 128
        }
    }

    private struct Key: Hashable {
        let digest: [UInt8]
        let passwords: [String]
        let limit: Int
    }

    /// The most bytes of outcomes kept (certificates dominate).
    static let byteLimit = 16 << 20

    private let state = Mutex<(outcomes: [Key: Outcome], bytes: Int)>(([:], 0))

    /// The outcome for `bytes` opened with `passwords` under `limit`: remembered, or computed by
    /// `open` (and remembered while there is room). A file whose digest cannot be computed is
    /// opened and not remembered.
    func outcome(for bytes: [UInt8], passwords: [String], limit: Int, open: () -> Outcome) -> Outcome {
        guard let digest = try? Digest.sha256(bytes) else { return open() }
        let key = Key(digest: digest, passwords: passwords, limit: limit)
        if let known = state.withLock({ $0.outcomes[key] }) { return known }
        let outcome = open()
        state.withLock { state in
            guard state.outcomes[key] == nil, state.bytes + outcome.size <= Self.byteLimit else { return }
            state.outcomes[key] = outcome
            state.bytes += outcome.size
        }
        return outcome
    }
}
