/// The list loader for the fuzz target (`Fuzz/`, a package of its own, which sees only public
/// API): a list file is parsed and checked, and its problems thrown, as `--list-file` does.
public enum ListsFuzzEntry {
    public static func parse(_ text: String) throws {
        _ = try ListLoader.parse(text, file: "fuzz.yaml", origin: "fuzz.yaml")
    }
}
