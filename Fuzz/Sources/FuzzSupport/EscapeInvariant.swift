import CryptCheckModel

/// What `EscapedText` promises of hostile bytes, checked on every fuzz input that is shown to a
/// person (server answers, file names): nothing that can move a cursor, start a terminal
/// sequence or reorder text survives, and the escapes give back the exact bytes.
public enum EscapeInvariant {
    /// Traps (a libFuzzer crash with a reproducer) when `EscapedText` breaks its promise on `bytes`.
    public static func check(_ bytes: [UInt8]) {
        let shown = EscapedText.escape(bytes)
        precondition(!shown.unicodeScalars.contains(where: isUnsafe), "EscapedText.escape kept a control or bidi character")
        precondition(EscapedText.unescape(shown) == bytes, "EscapedText.unescape did not give back the escaped bytes")
        let line = EscapedText.terminalSafe(String(decoding: bytes, as: UTF8.self))
        precondition(!line.unicodeScalars.contains(where: isUnsafe), "EscapedText.terminalSafe kept a control or bidi character")
    }

    /// C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional controls.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: true
        default: false
        }
    }
}
