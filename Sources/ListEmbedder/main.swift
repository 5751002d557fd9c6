import Foundation

// Usage: ListEmbedder OUTPUT.swift LIST.yaml...
// Writes a Swift source declaring `EmbeddedLists.files`: (file name, contents) pairs.
// Contents are emitted as arrays of UTF-8 bytes, so no YAML text can break the Swift syntax.
let arguments = CommandLine.arguments.dropFirst()
guard let outputPath = arguments.first else {
    FileHandle.standardError.write(Data("usage: ListEmbedder OUTPUT LIST...\n".utf8))
    exit(64)
}
var source = """
    // GENERATED at build time by the EmbedLists plugin from Lists/*.yaml. Do not edit.

    /// The list files built into the binary, as (file name, UTF-8 contents) pairs.
    enum EmbeddedLists {
        static let files: [(name: String, bytes: [UInt8])] = [

    """
for path in arguments.dropFirst() {
    let url = URL(fileURLWithPath: path)
    let bytes = try [UInt8](Data(contentsOf: url))
    source += "        (name: \"\(url.lastPathComponent)\", bytes: ["
    source += bytes.map(String.init).joined(separator: ",")
    source += "]),\n"
}
source += "    ]\n}\n"
try Data(source.utf8).write(to: URL(fileURLWithPath: outputPath), options: .atomic)
