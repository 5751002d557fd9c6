import CryptCheckModel
import CryptCheckPolicy
import CryptCheckReport
import Foundation
import Testing

/// Every reason the judging rules write for what is undecided or not applicable has its
/// Japanese: the rules' sources are read for the sentences they write (`reason:` and
/// `message:` literals, their interpolations filled with a name), and each must be translated,
/// unless it is one of the sentences of a pass or violation, which the Japanese report makes
/// from the finding's fields instead (listed here, and each must still be in the sources).
@Suite("Japanese reasons")
struct JapaneseReasonTests {
    static let policySources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/CryptCheckPolicy")

    /// Sentences of passes and violations (or of list-loading errors, which are not findings).
    static let notReasons: Set<String> = [
        "all primitives on the e-Government Recommended list", "no listed category applies",
        "on the lists; X only on the Candidate list (e-Government Recommended preferred)",
        "expired on X (as of X)", "not valid before X (as of X)", "valid on X",
        "the document's header differs from the header read before it", "cannot read the file", "the file is not UTF-8 text",
        "YAML syntax: X", "YAML: X", "duplicate keys: X", "the file is empty",
    ]

    /// The string literals after `reason:`, `message:` or `message =` in a Swift source, with
    /// each interpolation `\(…)` replaced by `X` and adjacent literals joined by `+`.
    static func sentences(in source: String) -> [String] {
        var found: [String] = []
        let characters = Array(source)
        var index = 0
        func literal(at start: Int) -> (String, Int)? {
            guard start < characters.count, characters[start] == "\"" else { return nil }
            var text = "", i = start + 1
            while i < characters.count, characters[i] != "\"" {
                if characters[i] == "\\", i + 1 < characters.count {
                    if characters[i + 1] == "(" {
                        var depth = 1, j = i + 2
                        var inString = false
                        while j < characters.count, depth > 0 {
                            if characters[j] == "\"" { inString.toggle() }
                            if !inString { if characters[j] == "(" { depth += 1 } else if characters[j] == ")" { depth -= 1 } }
                            j += 1
                        }
                        text += "X"
                        i = j
                        continue
                    }
                    text.append(characters[i + 1])
                    i += 2
                    continue
                }
                text.append(characters[i])
                i += 1
            }
            return (text, i + 1)
        }
        func skipSpace(_ i: Int) -> Int {
            var i = i
            while i < characters.count, characters[i].isWhitespace { i += 1 }
            return i
        }
        let text = String(characters)
        for marker in ["reason:", "message:", "message ="] {
            var search = text.startIndex
            while let range = text.range(of: marker, range: search..<text.endIndex) {
                search = range.upperBound
                index = skipSpace(text.distance(from: text.startIndex, to: range.upperBound))
                guard var (sentence, next) = literal(at: index) else { continue }
                // "…" + "…" (+ an expression, taken as a name)
                var i = skipSpace(next)
                while i < characters.count, characters[i] == "+" {
                    i = skipSpace(i + 1)
                    if let (more, after) = literal(at: i) {
                        sentence += more
                        next = after
                    } else {
                        // An expression: a name when more text follows it, an optional tail
                        // (absent here) when it ends the sentence.
                        var depth = 0, inString = false
                        while i < characters.count {
                            let c = characters[i]
                            if c == "\"" { inString.toggle() }
                            if !inString {
                                if "([{".contains(c) { depth += 1 }
                                if ")]}".contains(c) {
                                    if depth == 0 { break }
                                    depth -= 1
                                }
                                if depth == 0 && (c == "+" || c == "," || c == "\n") { break }
                            }
                            i += 1
                        }
                        next = i
                        if skipSpace(next) < characters.count && characters[skipSpace(next)] == "+" { sentence += "X" }
                    }
                    i = skipSpace(next)
                }
                found.append(sentence)
            }
        }
        return found
    }

    static func allSentences() throws -> Set<String> {
        var all = Set<String>()
        let enumerator = try #require(FileManager.default.enumerator(atPath: policySources.path))
        for case let file as String in enumerator where file.hasSuffix(".swift") {
            let source = try String(contentsOf: policySources.appendingPathComponent(file), encoding: .utf8)
            all.formUnion(sentences(in: source))
        }
        return all
    }

    @Test func everyReasonTheRulesWriteHasJapanese() throws {
        let sentences = try Self.allSentences()
        #expect(sentences.count > 30, "the sources were not read: \(sentences)")
        for sentence in sentences.sorted() where !Self.notReasons.contains(sentence) {
            let japanese = JapaneseReason.translate(sentence)
            #expect(japanese != nil, "no Japanese for \"\(sentence)\"")
            if let japanese {
                #expect(japanese.contains { !$0.isASCII }, "\"\(sentence)\" → \(japanese)")
                // What the sentence carries from outside the rules is shown as the original, not dropped.
                if sentence.hasSuffix(": X") { #expect(japanese.contains("X"), "\"\(sentence)\" → \(japanese)") }
            }
        }
        // The list of pass and violation sentences holds nothing the sources no longer write.
        #expect(Self.notReasons.subtracting(sentences).isEmpty, "\(Self.notReasons.subtracting(sentences))")
    }

    @Test func aSentenceNoFormKnowsIsShownAsTheOriginalAfterItsCode() {
        #expect(JapaneseReason.translate("something new") == nil)
        let rendered = JapaneseReason.render("PEM block at line 3: bad base64", code: ErrorCode(rawValue: "pem.bad-base64"))
        #expect(rendered.hasPrefix("PEM を読み取れなかった（コード pem.bad-base64）"))
        #expect(rendered.contains("原文: PEM block at line 3: bad base64"))
        #expect(JapaneseReason.render("whether the certificate names the host was not checked") == "証明書がホスト名を含むかは確認していない")
        #expect(JapaneseReason.render("TLSv1.1 was not probed") == "TLSv1.1 は確認していない")
        #expect(
            JapaneseReason.render("chosen by the server, then the handshake failed: ServerHello, then close; not counted as accepted")
                == "サーバが選んだ後、ハンドシェイクを完了しなかった。受け入れとは数えない（原文: ServerHello, then close）")
        // LUCKY13 undecided: what cannot be observed is said in Japanese, the suites stay as written.
        let lucky = JapaneseReason.render(
            "LUCKY13: not decided: CBC suites with HMAC are accepted, MAC-then-encrypt, whose padding check may leak through timing: "
                + "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 (0xC023) under TLSv1.2; whether the server checks CBC padding in constant time cannot be observed by a scan"
        )
        #expect(lucky.contains("LUCKY13：判定できない") && lucky.contains("定数時間でパディングを検査しているかは走査では観測できない"), "\(lucky)")
        #expect(
            lucky.contains("原文: TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 (0xC023) under TLSv1.2") && !lucky.contains("whether"), "\(lucky)")
        // Sentences with an optional tail keep it, as the original text.
        #expect(
            JapaneseReason.render("suite enumeration under TLSv1.2 is incomplete: the server closed the connection")
                == "TLSv1.2 の暗号スイートの列挙が完了していない（原文: the server closed the connection）")
        #expect(
            JapaneseReason.render("the key's algorithm and size were not observed (encrypted)")
                == "鍵のアルゴリズムと長さを読み取れなかった（原文: encrypted）")
    }
}
