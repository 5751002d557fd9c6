/// A misspelt subcommand (`cryptcheck scna files`) would otherwise be taken for host names and
/// looked up in DNS; a bare word close to a subcommand's name is a usage error instead.
enum SubcommandSuggestion {
    /// The subcommands a bare word is compared with.
    static let names = ["tls", "scan", "report", "lists", "evaluate", "history", "diff", "help"]

    /// The subcommand `word` looks like a misspelling of, if any: a single word (no dot, colon,
    /// slash or bracket) within edit distance 1 of a short name or 2 of a longer one.
    static func resembling(_ word: String) -> String? {
        guard !word.contains(where: { ".:/[]".contains($0) }), word.lowercased() != "localhost" else { return nil }
        let lower = Array(word.lowercased())
        return names.first { name in
            let target = Array(name)
            return lower != target && distance(lower, target) <= (target.count <= 4 ? 1 : 2)
                || (lower.count == target.count && lower.sorted() == target.sorted() && lower != target && distance(lower, target) <= 2)
        }
    }

    /// Levenshtein distance (insertions, deletions, substitutions), for words of a few letters.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        guard a.count < 64, b.count < 64 else { return Int.max }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
