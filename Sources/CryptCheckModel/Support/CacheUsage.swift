/// Whether a cache pays for itself: its lookups and hits, judged once a trial number of lookups
/// has been made. A cache whose entries rarely repeat (a certificate's validity, the names of
/// self-signed certificates) costs a copy, a hash and a lock each time and saves nothing.
package struct CacheUsage: Sendable {
    /// Lookups after which the cache is judged.
    package let trialLookups: Int
    /// The share of hits below which it is not worth keeping.
    package static let minimumHitShare = 0.1
    package private(set) var lookups = 0
    package private(set) var hits = 0

    package init(trialLookups: Int) { self.trialLookups = trialLookups }

    package mutating func record(hit: Bool) {
        lookups += 1
        if hit { hits += 1 }
    }

    /// True once the trial is over and too few lookups were hits.
    package var notWorthKeeping: Bool {
        lookups >= trialLookups && Double(hits) < Double(lookups) * Self.minimumHitShare
    }
}
