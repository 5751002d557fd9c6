import CryptCheckModel
import Testing

@Suite("Path text arithmetic")
struct PathTextTests {
    @Test func parents() {
        let cases: [(String, String)] = [
            ("k", "."), ("鍵", "."), ("k/", "."), ("/", "/"), ("//", "/"), ("/k", "/"), ("a/b/c", "a/b"), ("a//b", "a"),
            ("a/b/", "a"), ("./k", "."), ("", "."), ("/a/鍵/b", "/a/鍵"), ("../x", ".."),
        ]
        for (path, parent) in cases { #expect(PathText.parent(of: path) == parent, "\(path)") }
        #expect(PathText.join("out", "a.html") == "out/a.html" && PathText.join("out/", "a") == "out/a" && PathText.join("", "a") == "a")
    }

    /// Every short path over an alphabet of slashes, dots and letters (one multi-byte) has a
    /// parent that is a prefix of it, or "." — and nothing traps.
    @Test func neverTrapsAndStaysAPrefix() {
        let alphabet = ["/", ".", "k", "鍵"]
        var paths = [""]
        for _ in 0..<5 { paths = paths + paths.flatMap { path in alphabet.map { path + $0 } } }
        for path in Set(paths) {
            let parent = PathText.parent(of: path)
            #expect(parent == "." || path.hasPrefix(parent), "\(path) → \(parent)")
        }
    }
}
