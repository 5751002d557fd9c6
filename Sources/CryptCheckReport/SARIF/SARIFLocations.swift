import CryptCheckModel
import Foundation

/// Where a SARIF log places its results, so that every result has a physical location, as
/// code-scanning services require: a file (or a target not scanned, which is a path) by a URI
/// relative to `SRCROOT`, the directory the scan ran in, or by an absolute `file:` URI when it
/// lies outside it; an endpoint by its line in the endpoints artifact, a text file that lists
/// the report's endpoints one `HOST:PORT` a line, in the report's order.
package struct SARIFLocations: Sendable, Hashable {
    /// The base id of every relative URI in the log (`run.originalUriBaseIds`).
    package static let baseID = "SRCROOT"
    /// The endpoints artifact when none is named: a file under `SRCROOT`.
    package static let defaultEndpointsFile = "cryptcheck-endpoints.txt"

    /// The directory the report's relative paths are relative to: absolute, without `.`, `..`
    /// or a trailing slash (`/` itself for the root).
    package let root: String
    /// The endpoints artifact, relative to `root` or absolute.
    package let endpointsFile: String
    /// The components of `root`.
    private let base: [[UInt8]]

    /// `root`: an absolute directory (made lexically normal here).
    package init(root: String, endpointsFile: String = SARIFLocations.defaultEndpointsFile) {
        base = Self.normal(Array(root.utf8), under: [])
        self.root = "/" + base.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "/")
        self.endpointsFile = endpointsFile
    }

    /// `SRCROOT` as a `file:` URI with its trailing slash.
    package var rootURI: String { "file://" + Self.percentEncoded(Array(root.utf8)) + (root == "/" ? "" : "/") }

    /// The `artifactLocation` of the endpoints artifact.
    package var endpointsArtifact: JSONValue { artifact(endpointsFile, escaped: false) }

    /// The `artifactLocation` of a path of the report. `escaped`: the path is the escaped text
    /// the report shows (`EscapedText`), which stands for the exact bytes of the name.
    package func artifact(_ path: String, escaped: Bool = true) -> JSONValue {
        let raw = escaped ? (EscapedText.unescape(path) ?? Array(path.utf8)) : Array(path.utf8)
        let absolute = raw.first == UInt8(ascii: "/")
        let components = Self.normal(raw, under: absolute ? [] : base)
        if components.count >= base.count, Array(components.prefix(base.count)) == base {
            let rest = components.dropFirst(base.count)
            let relative = rest.isEmpty ? "." : rest.map { Self.percentEncoded($0) }.joined(separator: "/")
            return ["uri": .string(relative), "uriBaseId": .string(Self.baseID)]
        }
        return ["uri": .string("file:///" + components.map { Self.percentEncoded($0) }.joined(separator: "/"))]
    }

    /// The components of `path` (bytes) resolved against `base`: empty and `.` components
    /// dropped, `..` taking one off (never above the root).
    static func normal(_ path: [UInt8], under base: [[UInt8]]) -> [[UInt8]] {
        var components = path.first == UInt8(ascii: "/") ? [] : base
        for component in path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            if component.elementsEqual([UInt8(ascii: ".")]) { continue }
            if component.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                _ = components.popLast()
                continue
            }
            components.append(Array(component))
        }
        return components
    }

    /// RFC 3986 percent-encoding of one path segment's bytes: every byte but the unreserved
    /// characters (`A-Z a-z 0-9 - . _ ~`) becomes `%XX`, so a name with a space, `#`, `%`, `:`,
    /// a control character or a byte that is not UTF-8 still gives one valid URI of its bytes.
    static func percentEncoded(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        let digits = Array("0123456789ABCDEF".utf8)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.append(byte)
            default: out += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension SARIFLocations {
    /// `SRCROOT` the current directory, the endpoints artifact by its default name.
    package static var current: SARIFLocations { SARIFLocations(root: FileManager.default.currentDirectoryPath) }
}
