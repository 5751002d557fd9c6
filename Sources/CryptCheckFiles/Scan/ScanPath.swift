import CryptCheckModel

#if canImport(Glibc)
import Glibc
#endif

/// A path as the kernel knows it: bytes (anything but NUL), not necessarily UTF-8. The walk
/// builds paths from directory entries byte for byte and opens exactly those bytes, so a file
/// whose name is not UTF-8 is read as itself, once; `display` is the only text form, escaped
/// with `EscapedText` (lossless: `\xFF` for a byte 0xFF, `\\` for a backslash, control
/// characters escaped), and it is what every output shows.
struct ScanPath: Sendable, Hashable {
    let bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// A path given as text (on the command line).
    init(_ text: String) { bytes = Array(text.utf8) }

    /// The escaped text shown for this path.
    var display: String { EscapedText.escape(bytes) }

    /// The path of an entry of this directory.
    func appending(_ name: [UInt8]) -> ScanPath {
        ScanPath(bytes: bytes.last == 0x2F ? bytes + name : bytes + [0x2F] + name)
    }

    /// Calls `body` with the path as a NUL-terminated C string. A path with a NUL byte (only
    /// from text input) is cut there, as the kernel would read it.
    func withCString<Result>(_ body: (UnsafePointer<CChar>) throws -> Result) rethrows -> Result {
        try (bytes + [0]).withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }
}
