import Testing

@testable import CryptCheckReport

/// The HTML report's embedded data is made script-safe piece by piece as it is encoded: the
/// result must not depend on where the pieces are cut.
@Suite("Script-safe JSON, piece by piece")
struct ScriptSafeFilterTests {
    static let sample = Array("{\"a\" : \"</script> \u{85}\u{61C}\u{2028}\u{202E}\u{2066}ok é 日本 \u{2010} <b/>\"}\n".utf8)

    static func filtered(_ pieces: [[UInt8]]) -> [UInt8] {
        var filter = ScriptSafeFilter()
        return pieces.flatMap { filter.pass($0) } + filter.finish()
    }

    @Test func escapesWhatCouldEndTheElementOrReorderText() {
        let text = String(decoding: Self.filtered([Self.sample]), as: UTF8.self)
        #expect(text == "{\"a\" : \"<\\/script> \\u0085\\u061c\\u2028\\u202e\\u2066ok é 日本 \u{2010} <b/>\"}\n")
    }

    @Test func everyCutGivesTheSameBytes() {
        let whole = Self.filtered([Self.sample])
        for cut in 0...Self.sample.count {
            #expect(Self.filtered([Array(Self.sample[..<cut]), Array(Self.sample[cut...])]) == whole, "cut at \(cut)")
        }
        #expect(Self.filtered(Self.sample.map { [$0] }) == whole, "one byte a piece")
    }

    @Test func aCharacterCutOffByTheEndIsKeptAsItIs() {
        #expect(Self.filtered([[0x41, 0xE2, 0x80]]) == [0x41, 0xE2, 0x80])
        #expect(Self.filtered([[0x3C], [0x2F]]) == Array("<\\/".utf8))
    }
}
