import CryptCheckPolicy
import Foundation
import Synchronization

/// Renderings of findings apart from their subject, shared by the worker threads of a scan: a
/// tree holding the same kind of key thousands of times renders its finding once (the JSON
/// stream, where a finding is about 2.5 KB). Bounded: emptied when it reaches `capacity`.
final class FindingRenderCache<Value: Sendable>: Sendable {
    /// A finding with its subject left out, and which rendering of it (an indent, a format).
    struct Key: Hashable {
        let finding: Finding
        let variant: Int

        init(finding: Finding, variant: Int) {
            var finding = finding
            finding.subject = ""
            self.finding = finding
            self.variant = variant
        }

        // Hashes the fields that tell findings of one file apart, the message included (many
        // error findings of one file differ only there: hashing without it made every lookup
        // walk thousands of equal hashes); equality compares all.
        func hash(into hasher: inout Hasher) {
            hasher.combine(finding.component)
            hasher.combine(finding.item)
            hasher.combine(finding.context)
            hasher.combine(finding.verdict)
            hasher.combine(finding.message)
            hasher.combine(variant)
        }
    }

    private let entries = Mutex<[Key: Value]>([:])
    private let capacity: Int

    init(capacity: Int = 4096) { self.capacity = capacity }

    func lookup(_ key: Key) -> Value? { entries.withLock { $0[key] } }

    func store(_ key: Key, _ value: Value) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
        }
    }
}
