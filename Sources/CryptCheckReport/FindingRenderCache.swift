import CryptCheckModel
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
        /// Taken once: the dictionary rehashes its keys when it grows.
        private let hash: Int

        init(finding: Finding, variant: Int) {
            var finding = finding
            finding.subject = ""
            self.finding = finding
            self.variant = variant
            // The fields that tell findings of one file apart, the message included (many error
            // findings of one file differ only there: hashing without it made every lookup walk
            // thousands of equal hashes); equality compares all.
            var hasher = Hasher()
            hasher.combine(finding.component)
            hasher.combine(finding.item)
            hasher.combine(finding.context)
            hasher.combine(finding.verdict)
            hasher.combine(finding.message)
            hasher.combine(variant)
            hash = hasher.finalize()
        }

        static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.hash == rhs.hash && lhs.variant == rhs.variant && lhs.finding == rhs.finding
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }

    private struct State {
        var entries: [Key: Value] = [:]
        /// How often the findings of each component were looked up and found.
        var usage: [FindingComponent: CacheUsage] = [:]
    }

    private let state = Mutex(State())
    private let capacity: Int
    /// Lookups of a component after which it is judged (`CacheUsage`): below a tenth of hits
    /// its findings are rendered directly, since a certificate's validity names its own dates
    /// and looking it up and storing it cost more than rendering it, every time.
    static var trialLookups: Int { 512 }

    init(capacity: Int = 4096) { self.capacity = capacity }

    /// Whether findings of `component` rarely repeat, so the cache is not worth its cost for them.
    func bypasses(_ component: FindingComponent) -> Bool {
        state.withLock { $0.usage[component]?.notWorthKeeping ?? false }
    }

    func lookup(_ key: Key) -> Value? {
        state.withLock { state in
            let value = state.entries[key]
            state.usage[key.finding.component, default: CacheUsage(trialLookups: Self.trialLookups)].record(hit: value != nil)
            return value
        }
    }

    func store(_ key: Key, _ value: Value) {
        state.withLock { state in
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = value
        }
    }
}
