import CryptCheckModel
import Foundation

/// Findings already made for the same facts, so that a tree holding the same kind of key or
/// certificate thousands of times judges it once. A finding depends on the facts, the role
/// and the context, never on the subject it is about: entries are stored without a subject,
/// which is put in on the way out. Bounded: it is emptied when it reaches `capacity`.
/// @unchecked Sendable: every access to `entries` holds `lock`.
final class FindingCache: @unchecked Sendable {
    enum Key: Hashable {
        case key(KeyFacts, component: String, context: String?, use: StrengthUse = .newProtection)
        case signature(SignatureAlgorithmFacts, key: KeyFacts?, component: String, context: String?, use: StrengthUse = .newProtection)
        case protection([ProtectionAlgorithm], context: String)
        case trustAnchorSignature(SignatureAlgorithmFacts, context: String?)
    }

    private let lock = NSLock()
    private var entries: [Key: [Finding]] = [:]
    private let capacity: Int

    init(capacity: Int = 4096) { self.capacity = capacity }

    /// The findings for `key` about `subject`, made by `make` (with any subject) when new.
    func findings(_ key: Key, subject: String, make: () -> [Finding]) -> [Finding] {
        lock.lock()
        let cached = entries[key]
        lock.unlock()
        var findings: [Finding]
        if let cached {
            findings = cached
        } else {
            findings = make()
            lock.lock()
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = findings
            lock.unlock()
        }
        for index in findings.indices { findings[index].subject = subject }
        return findings
    }
}
