import Foundation

/// The committed inputs of a fuzz target (`Fuzz/`): its seeds, and the inputs that once crashed
/// or hung it (kept after the fix as regression inputs), so the normal test suite runs them
/// through the same entry points as the fuzzer.
public enum FuzzInputs {
    /// One committed input: its file name (for the test's label) and its bytes.
    public struct Input: Sendable, CustomStringConvertible {
        public let name: String
        public let bytes: [UInt8]
        public var description: String { name }
    }

    /// The repository's `Fuzz/` folder.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz")

    /// The committed seeds of `target` (`Fuzz/corpus/<target>/`).
    public static func seeds(_ target: String) -> [Input] { inputs(in: "corpus/\(target)") }

    /// The regression inputs of `target` (`Fuzz/regressions/<target>/`), if it has any.
    public static func regressions(_ target: String) -> [Input] { inputs(in: "regressions/\(target)") }

    private static func inputs(in folder: String) -> [Input] {
        let directory = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else { return nil }
            return Input(name: name, bytes: [UInt8](data))
        }
    }
}
