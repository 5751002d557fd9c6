/// The contents a scan has met once, by key, so that a cache keeps a content only when it is met
/// again: a tree of distinct files then costs the cache keys, not entries. Bounded: past `limit`
/// keys a new content is not noted, and so never counts as met again.
package struct Sightings<Key: Hashable & Sendable>: Sendable {
    package let limit: Int
    private var seen: Set<Key> = []

    package init(limit: Int) { self.limit = limit }

    /// Whether `key` was met before; when it was not, notes it (while there is room).
    package mutating func metBefore(_ key: Key) -> Bool {
        if seen.contains(key) { return true }
        if seen.count < limit { seen.insert(key) }
        return false
    }
}
