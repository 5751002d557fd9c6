/// Path arithmetic on the text of a path, without Foundation's NSString methods (which trap on
/// some one-character paths on Linux): a path from the user or a saved file is only text here.
package enum PathText {
    /// The directory part of `path`: `a/b/c` → `a/b`, `/c` → `/`, `c` → `.`, `c/` → `.`,
    /// `/` → `/`, `a//b` → `a`. Never traps, whatever the text.
    package static func parent(of path: String) -> String {
        var bytes = Array(path.utf8)
        while bytes.count > 1, bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        var end = slash
        while end > 0, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        return end == 0 ? "/" : String(decoding: bytes[..<end], as: UTF8.self)
    }

    /// `directory/name`, with exactly one slash between them.
    package static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
