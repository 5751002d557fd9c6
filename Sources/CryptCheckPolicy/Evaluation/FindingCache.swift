import CryptCheckModel
import Foundation
import Synchronization

/// Findings already made for the same facts, so that a tree holding the same kind of key or
/// certificate thousands of times judges it once. A finding depends on the facts, the role
/// and the context, never on the subject it is about: entries are stored without a subject,
/// which is put in on the way out. Bounded: it is emptied when it reaches `capacity`.
final class FindingCache: Sendable {
    enum Key: Hashable {
        case key(KeyFacts, component: FindingComponent, context: String?, use: StrengthUse = .newProtection)
        case signature(
            SignatureAlgorithmFacts, key: KeyFacts?, component: FindingComponent, context: String?, use: StrengthUse = .newProtection)
        case protection([ProtectionAlgorithm], context: String)
        case trustAnchorSignature(SignatureAlgorithmFacts, context: String?)
    }

    private let entries = Mutex<[Key: [Finding]]>([:])
    private let capacity: Int

    init(capacity: Int = 4096) { self.capacity = capacity }

    /// The findings for `key` about `subject`, made by `make` (with any subject) when new.
    func findings(_ key: Key, subject: String, make: () -> [Finding]) -> [Finding] {
        var findings: [Finding] = []
        append(key, subject: subject, to: &findings, make: make)
        return findings
    }

    /// Appends the findings for `key` about `subject` to `output`, made by `make` when new.
    /// Each cached finding is copied once, straight into `output`: a tree of ten thousand
    /// certificates appends tens of thousands of findings, and copying each through an
    /// intermediate array doubled the reference counting.
    func append(_ key: Key, subject: String, to output: inout [Finding], make: () -> [Finding]) {
        let findings: [Finding]
        if let cached = entries.withLock({ $0[key] }) {
            findings = cached
        } else {
            findings = make()
            entries.withLock { entries in
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
                entries[key] = findings
            }
        }
        for var finding in findings {
            finding.subject = subject
            output.append(finding)
        }
    }
}
