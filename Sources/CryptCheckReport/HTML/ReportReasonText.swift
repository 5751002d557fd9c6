import CryptCheckModel
import CryptCheckPolicy
import Foundation

/// Why a finding is undecided or not applicable, in Japanese: the judging rules write their
/// reasons in English (`Finding.message`); each fixed sentence they can write has its Japanese
/// here, with the names it carries (versions, algorithms, dates) put back in place. What a
/// sentence carries from outside the rules (a connection error, a parser's message, a file's
/// reason) stays as the tool wrote it, after the Japanese, marked as the original text.
/// `JapaneseReasonTests` holds every reason the rules' sources write to this table.
package enum JapaneseReason {
    /// One English sentence form: its pattern (the names as groups) and the Japanese made from
    /// the groups. (`NSRegularExpression` is immutable and safe to share between threads.)
    private struct Form: @unchecked Sendable {
        let pattern: NSRegularExpression
        let japanese: @Sendable ([String]) -> String

        init(_ pattern: String, _ japanese: @escaping @Sendable ([String]) -> String) {
            // The patterns are constants of this file: a bad one is a programming error.
            self.pattern = try! NSRegularExpression(pattern: "^" + pattern + "$", options: [.dotMatchesLineSeparators])
            self.japanese = japanese
        }
    }

    /// Text from outside the rules, kept as written (at most one per sentence): `parts` splits
    /// it out, so that each format marks it as the original (text: "（原文: …）", HTML: code).
    private static func original(_ text: String) -> String { "\u{E000}" + text + "\u{E001}" }

    /// What follows a LUCKY13 reason: the suites (kept as written), and, where the attack rests
    /// on the implementation, that a scan cannot see it.
    private static func lucky13Rest(_ text: String) -> String {
        let unobservable = "; whether the server checks CBC padding in constant time cannot be observed by a scan"
        guard text.contains(unobservable) else { return original(text) }
        return "。定数時間でパディングを検査しているかは走査では観測できない" + original(text.replacingOccurrences(of: unobservable, with: ""))
    }

    private static let forms: [Form] = [
        // Endpoints and their probes.
        Form(#"no TLS handshake completed: (.+)"#) { "TLS ハンドシェイクが一度も完了しなかった" + original($0[0]) },
        Form(#"the probe failed: (.+)"#) { "確認のための接続に失敗した" + original($0[0]) },
        // The attacks tried on the wire (the attack's name stays as written).
        Form(#"could not test ([^:]+): (.+)"#) { "\($0[0]) を試せなかった" + original($0[1]) },
        Form(#"([^:]+) was not tried: active checks were turned off \(--no-active\)"#) {
            "\($0[0]) は試していない（--no-active で能動的な確認を止めた）"
        },
        Form(#"not tried: the observation holds no result for (.+) \(saved before these checks existed, or declared rather than scanned\)"#)
        {
            "試していない: この観測には \($0[0]) の結果がない（これらの確認ができる前に保存されたか、スキャンではなく申告による）"
        },
        Form(#"([^:]+) does not apply: (.+)"#) { "\($0[0]) は該当しない" + original($0[1]) },
        Form(#"not vulnerable to ([^:]+): (.+)"#) { "\($0[0]) に対して脆弱ではない" + original($0[1]) },
        Form(#"vulnerable to ([^:;]+)(?:; it breaks (.+?), (\S+) on (\S+))?: (.+)"#) {
            "\($0[0]) に対して脆弱である"
                + ($0[1].isEmpty ? "" : "（\($0[1]) を破る。\($0[3]) での位置づけ: \($0[2])）") + original($0[4])
        },
        // SSH endpoints.
        Form(#"no SSH key exchange completed: what the server accepts was not observed"#) { _ in
            "SSH の鍵交換が一度も完了しなかった。サーバが受け入れるものを観測していない"
        },
        Form(#"no SSH key exchange: (.+)"#) { "SSH の鍵交換に至らなかった" + original($0[0]) },
        Form(#"the SSH enumeration was cut short: (.+)"#) { "SSH の列挙が途中で打ち切られた" + original($0[0]) },
        Form(#"whether the server accepts it was not determined: (.+)"#) { "サーバが受け入れるかを判別できなかった" + original($0[0]) },
        Form(#"the server accepted an SSH algorithm the registry does not know"#) { _ in
            "サーバがレジストリにない SSH アルゴリズムを受け入れた"
        },
        Form(#"the prime the server chose was not observed: (.+)"#) { "サーバが選んだ素数を観測していない" + original($0[0]) },
        Form(#"the host key was not observed: (.+)"#) { "ホスト鍵を観測していない" + original($0[0]) },
        Form(#"the host key's signature over the exchange hash did not verify: (.+)"#) {
            "交換ハッシュに対するホスト鍵の署名を検証できなかった" + original($0[0])
        },
        Form(#"no protocol version was observed"#) { _ in "プロトコルバージョンを一つも観測できなかった" },
        Form(#"(\S+) was not probed"#) { "\($0[0]) は確認していない" },
        Form(#"the suites accepted under (\S+) were not enumerated"#) { "\($0[0]) で受け入れる暗号スイートを列挙していない" },
        Form(#"suite enumeration under (\S+) is incomplete(?:: (.+))?"#) {
            "\($0[0]) の暗号スイートの列挙が完了していない" + ($0[1].isEmpty ? "" : original($0[1]))
        },
        Form(#"(?:chosen by the server, then the handshake failed: )?(.+); not counted as accepted"#) {
            "サーバが選んだ後、ハンドシェイクを完了しなかった。受け入れとは数えない" + original($0[0])
        },
        Form(#"(?:chosen by the server, then the handshake failed: )?(.+?); the configuration enables it: .+"#) {
            "サーバが選んだ後、ハンドシェイクを完了しなかったが、設定では有効になっている" + original($0[0])
        },
        Form(#"the server accepted a suite the registry does not know"#) { _ in "サーバがレジストリにない暗号スイートを受け入れた" },
        Form(#"the server offered an SSLv2 cipher kind the registry does not know"#) { _ in
            "サーバがレジストリにない SSLv2 の暗号種別を提示した"
        },
        Form(#"the server chooses by its own preference; the suites below are in that order"#) { _ in
            "サーバは自らの優先順位で選ぶ。以下のスイートはその順に並ぶ"
        },
        Form(#"the server follows the client's order; the suites below are in registry order"#) { _ in
            "サーバはクライアントの順位に従う。以下のスイートはレジストリの順に並ぶ"
        },
        Form(#"the preference order could not be determined"#) { _ in "優先順位を判別できなかった" },
        Form(#"no TLS guideline selected; the ciphers list does not cover protocol versions"#) { _ in
            "TLS ガイドラインが選ばれていない。暗号リストはプロトコルバージョンを定めない"
        },
        Form(#"key-exchange groups were not observed"#) { _ in "鍵交換グループを観測していない" },
        Form(#"group enumeration is incomplete"#) { _ in "鍵交換グループの列挙が完了していない" },
        Form(#"no key-exchange group was observed, though the server accepts TLS 1.3 or ECDHE suites"#) { _ in
            "TLS 1.3 または ECDHE スイートを受け入れるのに、鍵交換グループを一つも観測できなかった"
        },
        Form(#"how the server picks its DHE group was not observed"#) { _ in "サーバが DHE のグループをどう選ぶかを観測していない" },
        Form(#"the group is not in the registry"#) { _ in "レジストリにないグループ" },
        Form(
            #"the server uses a fixed DH prime for DHE suites, whatever groups the client offers: no group is negotiated; the prime is judged by its size \(dh-parameters\)"#
        ) { _ in
            "サーバは DHE スイートに、クライアントが提示するグループによらず固定の DH 素数を使う。グループは交渉されないため、素数はその大きさで判定する（dh-parameters）"
        },
        Form(#"the signature schemes under (\S+) were not observed"#) { "\($0[0]) の署名方式を観測していない" },
        Form(#"no signature scheme was observed under (\S+), though the server signs there"#) {
            "\($0[0]) ではサーバが署名するのに、署名方式を一つも観測できなかった"
        },
        Form(#"signature scheme enumeration under (\S+) is incomplete"#) { "\($0[0]) の署名方式の列挙が完了していない" },
        Form(#"the scheme is not in the registry"#) { _ in "レジストリにない署名方式" },
        // Certificate hygiene: "CHECK: not decided|does not apply: REASON" (the check's name stays as written).
        Form(
            #"(ocsp-stapling|must-staple|certificate-transparency|subject-alt-name|revocation-uris|key-usage|leaf-extensions): (not decided|does not apply): (.+)"#
        ) { groups in
            let state = groups[1] == "not decided" ? "判定できない（必要なことを観測できなかった）" : "該当しない"
            return "証明書の運用衛生 \(groups[0])：\(state)。" + original(groups[2])
        },
        // Attacks recognised from what the scan saw: "NAME: vulnerable|not vulnerable|not decided: REASON".
        Form(#"([^:]+?): (vulnerable|not vulnerable|not decided): (.+)"#) { groups in
            let state =
                switch groups[1] {
                case "vulnerable": "脆弱（攻撃の前提条件を観測した）"
                case "not vulnerable": "脆弱ではない（前提条件がないことを観測した）"
                default: "判定できない（必要なことを観測できなかった）"
                }
            let lead = "\(groups[0])：\(state)。"
            guard let (text, kept) = parts(matching: groups[2]) else { return lead + original(groups[2]) }
            return lead + text + (kept.map(original) ?? "")
        },
        Form(#"whether (\S+) is accepted was not observed"#) { "\($0[0]) を受け入れるかを観測できなかった" },
        Form(#"no such suite is accepted \((.+)\)"#) { "該当する暗号スイートは受け入れられていない" + original($0[0]) },
        Form(#"64-bit block ciphers are accepted, so a birthday collision is expected after about 2\^32 blocks under one key: (.+)"#) {
            "64 ビットブロック暗号を受け入れる。同じ鍵で約 2^32 ブロックを暗号化すると誕生日衝突が見込まれる" + original($0[0])
        },
        Form(#"RC4 is accepted, whose keystream biases reveal repeated plaintext: (.+)"#) {
            "RC4 を受け入れる。鍵ストリームの偏りから繰り返される平文が漏れる" + original($0[0])
        },
        Form(#"export RSA suites are accepted, so an attacker can downgrade to a 512-bit RSA key exchange: (.+)"#) {
            "輸出グレードの RSA スイートを受け入れる。攻撃者は 512 ビット RSA の鍵交換へ格下げできる" + original($0[0])
        },
        Form(#"SSL 3\.0 is accepted with CBC suites, whose padding the MAC does not cover: (.+)"#) {
            "SSL 3.0 を CBC スイートとともに受け入れる。パディングが MAC で保護されない" + original($0[0])
        },
        Form(#"CBC suites are accepted under SSL 3\.0 or TLS 1\.0, whose IVs are predictable: (.+)"#) {
            "SSL 3.0 または TLS 1.0 で CBC スイートを受け入れる。IV が予測できる" + original($0[0])
        },
        Form(
            #"CBC suites with HMAC are accepted; encrypt-then-MAC is negotiated, but a client that does not offer it gets MAC-then-encrypt: (.+)"#
        ) {
            "HMAC を使う CBC スイートを受け入れる。encrypt-then-MAC は交渉されるが、それを提示しないクライアントには MAC-then-encrypt となる"
                + lucky13Rest($0[0])
        },
        Form(#"CBC suites with HMAC are accepted, MAC-then-encrypt, whose padding check may leak through timing: (.+)"#) {
            "HMAC を使う CBC スイート（MAC-then-encrypt）を受け入れる。パディング検査が処理時間から漏れるおそれがある" + lucky13Rest($0[0])
        },
        Form(#"export DHE suites are accepted: (.+)"#) { "輸出グレードの DHE スイートを受け入れる" + original($0[0]) },
        Form(#"a (\d+)-bit DH prime is used, the shared prime (\S+): one precomputation breaks every server using it(?:; (.+))?"#) {
            "\($0[0]) ビットの DH 素数を使う。多くのサーバが共有する素数 \($0[1]) であり、一度の事前計算でそれを使うすべてのサーバが破られる"
                + ($0[2].isEmpty ? "" : original($0[2]))
        },
        Form(#"a (\d+)-bit DH prime is used, of the server's own(?:; (.+))?"#) {
            "\($0[0]) ビットの DH 素数（サーバ独自のもの）を使う" + ($0[1].isEmpty ? "" : original($0[1]))
        },
        Form(#"DHE suites are accepted, but the DH primes they use were not observed"#) { _ in
            "DHE スイートを受け入れるが、使う DH 素数を観測できなかった"
        },
        Form(#"no export DHE suite is accepted and every DH prime seen is larger than 1024 bits: (.+)"#) {
            "輸出グレードの DHE スイートは受け入れず、観測したすべての DH 素数が 1024 ビットより大きい" + original($0[0])
        },
        Form(#"the server accepted DEFLATE compression of TLS records"#) { _ in "サーバが TLS レコードの DEFLATE 圧縮を受け入れた" },
        Form(#"the server refused compression in a hello that offered DEFLATE"#) { _ in "DEFLATE を提示した ClientHello でサーバは圧縮を拒んだ" },
        Form(#"the server has no TLS compression: (.+)"#) { "サーバに TLS の圧縮はない" + original($0[0]) },
        Form(#"the compression probe failed: (.+)"#) { "圧縮の確認に失敗した" + original($0[0]) },
        Form(#"the ALPN protocols accepted are not known: (.+)"#) { "受け入れる ALPN プロトコルを判別できなかった" + original($0[0]) },
        Form(#"TLS compression was not probed"#) { _ in "TLS の圧縮は確認していない" },
        Form(#"SSLv2 is accepted with the RSA key this endpoint also uses for TLS \(SPKI SHA-256 (\S+)\)(?:; (.+))?"#) {
            "このエンドポイントが TLS でも使う RSA 鍵（SPKI SHA-256 \($0[0])）で SSLv2 を受け入れる" + ($0[1].isEmpty ? "" : original($0[1]))
        },
        Form(#"SSLv2 is accepted: its RSA key, and every TLS server that shares it, can be attacked through SSLv2(?:; (.+))?"#) {
            "SSLv2 を受け入れる。その RSA 鍵と、それを共有するすべての TLS サーバが SSLv2 を通じて攻撃されうる" + ($0[0].isEmpty ? "" : original($0[0]))
        },
        Form(#"SSLv2 is refused here"#) { _ in "このエンドポイントは SSLv2 を拒む" },
        Form(#"(\S+) accepts SSLv2, but the keys this endpoint uses were not recorded to compare"#) {
            "\($0[0]) は SSLv2 を受け入れるが、このエンドポイントの鍵が記録されておらず比較できない"
        },
        Form(#"its RSA key \(SPKI SHA-256 (\S+)\) is also used by (\S+), which accepts SSLv2(?:; (.+))?"#) {
            "この RSA 鍵（SPKI SHA-256 \($0[0])）を、SSLv2 を受け入れる \($0[1]) も使う" + ($0[2].isEmpty ? "" : original($0[2]))
        },
        Form(#"(\S+) accepts SSLv2, but the key it uses there was not read"#) { "\($0[0]) は SSLv2 を受け入れるが、そこで使う鍵を読み取れなかった" },
        // Certificates and chains.
        Form(#"no certificate chain was observed"#) { _ in "証明書チェーンを観測できなかった" },
        Form(#"no certificate: every suite the server accepts is anonymous or PSK"#) { _ in
            "証明書なし：サーバが受け入れるスイートはすべて匿名または PSK"
        },
        Form(#"the chain holds no certificate"#) { _ in "チェーンに証明書が一つもない" },
        Form(#"whether the chain verifies to a trusted root was not checked"#) { _ in "チェーンが信頼されたルートまで検証できるかは確認していない" },
        Form(#"whether the certificate names the host was not checked"#) { _ in "証明書がホスト名を含むかは確認していない" },
        Form(#"self-signature of a trust anchor is not verified by relying parties \(RFC 5280 6\.1\)"#) { _ in
            "トラストアンカーの自己署名は検証者が検証しない（RFC 5280 6.1）"
        },
        Form(#"self-signature of a trust anchor is not verified by relying parties \(RFC 5280 6\.1\); as a signature it would be: (.+)"#) {
            "トラストアンカーの自己署名は検証者が検証しない（RFC 5280 6.1）。署名として判定した場合の理由" + original($0[0])
        },
        Form(#"the certificate's key carries (.+); RFC 5480 2\.1\.1 allows only named curves in certificates"#) {
            "証明書の鍵が \($0[0]) を含む。RFC 5480 2.1.1 は証明書に名前付き曲線のみを認める"
        },
        Form(#"the key carries (.+); RFC 5480 forbids explicit parameters in certificates"#) {
            "鍵が \($0[0]) を含む。RFC 5480 は証明書での明示的パラメータを禁じる"
        },
        // Keys, signatures and files.
        Form(#"the key's algorithm and size were not observed(?: \((.+)\))?"#) {
            "鍵のアルゴリズムと長さを読み取れなかった" + ($0[0].isEmpty ? "" : original($0[0]))
        },
        Form(#"(.+) was not observed \((.+)\)"#) { "\($0[0]) を読み取れなかった" + original($0[1]) },
        Form(#"(.+) was not observed"#) { "\($0[0]) を読み取れなかった" },
        Form(#"the protection algorithm (.+) is not known to cryptcheck"#) { "保護アルゴリズム \($0[0]) は cryptcheck が知らないもの" },
        Form(#"the key algorithm (.+) is not known to cryptcheck"#) { "鍵アルゴリズム \($0[0]) は cryptcheck が知らないもの" },
        Form(#"the signature algorithm (.+) is not known to cryptcheck"#) { "署名アルゴリズム \($0[0]) は cryptcheck が知らないもの" },
        Form(#"the hash algorithm (.+) of (.+) is not known to cryptcheck"#) { "\($0[1]) のハッシュアルゴリズム \($0[0]) は cryptcheck が知らないもの" },
        Form(#"the hash of the (.+) signature (.+) was not observed"#) { "\($0[0]) 署名 \($0[1]) のハッシュを読み取れなかった" },
        Form(#"the certified key could not be read"#) { _ in "証明された鍵を読み取れなかった" },
        Form(#"a (.+) signature cannot come from the CA key (.+)"#) { "\($0[0]) の署名は CA の鍵 \($0[1]) からは作れない" },
        Form(#"unparsed snippet: an example block in a documentation or source file that does not parse; not judged"#) { _ in
            "文書やソースファイル中の例示ブロックで、解析できないもの。判定しない"
        },
        // Declared cryptography (a CycloneDX BOM given to evaluate).
        Form(#"not judged: (.+)"#) { "判定していない" + original($0[0]) },
        Form(#"size not declared: (.+) is needed to judge its strength"#) { "長さが申告されていない：強度の判定には \($0[0]) が必要" },
        Form(#"size not declared: (.+) is needed to judge it"#) { "長さが申告されていない：判定には \($0[0]) が必要" },
        Form(#"the certificate's signature algorithm was not declared"#) { _ in "証明書の署名アルゴリズムが申告されていない" },
        Form(#"the certificate's subject key was not declared"#) { _ in "証明書の主体の鍵が申告されていない" },
        Form(#"the certificate's validity \(notValidBefore, notValidAfter\) was not declared"#) { _ in
            "証明書の有効期間（notValidBefore、notValidAfter）が申告されていない"
        },
        // Targets that were not scanned: the reason is the tool's own words about the target.
        Form(#"not scanned: (.+)"#) { "走査できなかった" + original($0[0]) },
    ]

    /// The Japanese of `message`, or `nil` when no form matches (the caller shows the message
    /// as the original text).
    package static func translate(_ message: String) -> String? {
        parts(matching: message).map { $0.text + ($0.original.map(marked) ?? "") }
    }

    /// "（原文: …）": text from outside the rules in plain text.
    package static func marked(_ original: String) -> String { "（原文: \(original)）" }

    private static func parts(matching message: String) -> (text: String, original: String?)? {
        let range = NSRange(message.startIndex..., in: message)
        for form in forms {
            guard let match = form.pattern.firstMatch(in: message, range: range) else { continue }
            let groups = (1..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: message).map { String(message[$0]) } ?? ""
            }
            let made = form.japanese(groups)
            guard let start = made.firstIndex(of: "\u{E000}"), let end = made.firstIndex(of: "\u{E001}") else { return (made, nil) }
            return (String(made[..<start]) + String(made[made.index(after: end)...]), String(made[made.index(after: start)..<end]))
        }
        return nil
    }

    /// What kind of failure a stable error code names, in Japanese (by its family).
    static func failure(_ code: ErrorCode) -> String {
        let what =
            switch code.family {
            case "connection": "接続に失敗した"
            case "der", "x509", "pkcs7": "DER 構造を読み取れなかった"
            case "pem": "PEM を読み取れなかった"
            case "file": "ファイルを読み取れなかった"
            case "envelope", "pkcs12", "keystore", "kdf", "key": "鍵・キーストアを読み取れなかった"
            case "ssh": "SSH の形式を読み取れなかった"
            case "tls", "handshake": "TLS の応答を読み取れなかった"
            case "starttls": "STARTTLS への切り替えに失敗した"
            case "probe": "確認のための接続に失敗した"
            case "openssl": "OpenSSL での処理に失敗した"
            case "observations": "観測ファイルを読み取れなかった"
            case "scan", "target": "走査できなかった"
            default: "失敗した"
            }
        return "\(what)（コード \(code.rawValue)）"
    }

    /// The Japanese of `message` and the text it keeps from outside the rules; a message no form
    /// knows is kept whole as the original, after what its error code says when it has one.
    package static func parts(_ message: String, code: ErrorCode? = nil) -> (text: String, original: String?) {
        parts(matching: message) ?? (code.map(failure) ?? "理由", message)
    }

    /// The Japanese of `message` as plain text, the original marked.
    package static func render(_ message: String, code: ErrorCode? = nil) -> String {
        let (text, original) = parts(message, code: code)
        return text + (original.map(marked) ?? "")
    }
}
