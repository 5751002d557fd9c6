import CryptCheckModel
import CryptCheckPolicy

/// The Japanese wording of each remediation, keyed by the code the policy attached: the same
/// fix the English text names, with the finding's facts (the item, the strength it needs, the
/// end of operation). Every known code has one (`RemediationTextTests`); a finding whose code
/// has none keeps its English text.
extension ReportText {
    static let japaneseRemediations: [RemediationCode: @Sendable (Finding) -> String] = [
        .disableProtocolVersion: { "\($0.item) を無効にし、TLS 1.3 と TLS 1.2 のみを有効にする。" },
        .disableSSLv2: { _ in "SSLv2 を完全に無効にする。" },
        .disableCipherSuite: { finding in
            let transport = finding.primitives.contains { $0.role == .keyTransport }
            return "\(finding.item) を無効にする" + (transport ? "（RSA 鍵輸送では前方秘匿性が得られない）" : "")
                + "。TLS 1.3 の TLS_AES_128_GCM_SHA256/TLS_AES_256_GCM_SHA384、または TLS 1.2 の ECDHE と AES-GCM の組み合わせ"
                + "（例: TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256）を優先する。"
        },
        .disableCompression: { _ in "TLS の圧縮を無効にする（CRIME）。HTTP の応答圧縮とは別の設定である。" },
        .serverSuiteOrder: { _ in
            "サーバー側の優先順位で選ぶよう設定し（例: ssl_prefer_server_ciphers on、SSLHonorCipherOrder on）、強い暗号スイートを先頭に置く。"
        },
        .restrictGroups: { finding in
            "CRYPTREC暗号リスト掲載の鍵交換グループのみを提供する（x25519 は評価待ち）: secp256r1、secp384r1、"
                + "\(ReportText.untilEnd(finding.strength))移行不要な強度\(ReportText.atLeast(finding.strength))の ffdhe グループ、"
                + "対応していれば X25519MLKEM768 のハイブリッド。"
        },
        .dhParametersSize: { finding in
            "\(ReportText.untilEnd(finding.strength))移行不要な強度\(ReportText.atLeast(finding.strength))の DH グループを使うか、ECDHE を優先する。"
        },
        .disableSignatureScheme: { _ in "SHA-1 や CRYPTREC暗号リスト非掲載のアルゴリズムを用いる署名方式を無効にする。" },
        .fixTrust: { _ in
            "信頼された認証局が発行したチェーンを、すべての中間証明書を含めて正しい順序で送る（プライベートルートは --ca-file で渡す）。"
        },
        .fixChainOrder: { _ in "リーフ証明書を先頭に、各中間証明書をその発行者が続く順に送り、経路に無関係な証明書は送らない。" },
        .completeChain: { _ in "リーフ証明書とともにすべての中間証明書を送る（プライベートルートは --ca-file で渡せる）。" },
        .hostnameInSAN: { _ in "利用者が接続するホスト名を subjectAltName に含む証明書を発行する。" },
        .checkHostName: { _ in "ホスト名（DNS）を確認してから、スキャンをやり直す。" },
        .checkReachability: { _ in "サービスがこのポートで待ち受けていること、スキャナーから到達できることを確認してから、スキャンをやり直す。" },
        .scanTLSPort: { _ in
            "このポートは最初のバイトから TLS を話さない。サービスの TLS ポート（STARTTLS を使うプロトコルではその切り替え）をスキャンする。"
        },
        .giveServerName: { _ in
            "サーバーがすべての hello を拒否した。サーバー名が必要なら指定し（--sni）、このポートで TLS が有効か確認する。"
        },
        .checkTLSService: { _ in "このポートのサービスを確認してから（TLS ハンドシェイクが完了しなかった）、スキャンをやり直す。" },
        .regenerateKey: { finding in
            let strength = finding.strength
            let level = strength?.targetBits.map { "\($0) ビット強度の" } ?? "LS-0003 の最も強い水準の"
            let what = ReportText.keyWord(strength?.family)
            let spaced = what.first?.isASCII == true ? " " + what : what
            return "\(level)\(spaced)を使い（\(ReportText.untilEnd(strength))移行不要）、電子政府推奨暗号リストの技術を用いる。"
        },
        .replaceTechnique: { "\($0.list) の電子政府推奨暗号リストに掲載された技術に置き換える。" },
        .resignWithSHA256: { _ in
            "SHA-256 以上のハッシュと電子政府推奨暗号リスト掲載の署名方式（RSASSA-PKCS1-v1_5、RSA-PSS、ECDSA）で発行し直す。"
        },
        .reprotectKey: { _ in "PBES2（PBKDF2-HMAC-SHA-256）と AES-256-CBC または AES-GCM で暗号化し直す。" },
        .renewCertificate: { _ in "証明書を更新する。" },
        .checkCertificateDates: { _ in "発行した認証局の時計と証明書の日付を確認する。" },
        .renewSSHCertificate: { _ in "証明書を発行し直す（ssh-keygen -s ... -V）。" },
        .checkSSHCertificateDates: { _ in "署名した CA の時計と証明書の有効期間を確認する。" },
        .nameCurve: { _ in "鍵の曲線を OID で名指しした（名前付き曲線の）証明書を発行し直す（例: openssl -param_enc named_curve）。" },
        .rerunScan: { _ in "観測できるようにして、スキャンをやり直す。" },
        .fixAttack: { _ in "TLS ライブラリを修正済みの版に更新するか、攻撃が使う機能（ハートビート、クライアントからの再ネゴシエーション）を無効にする。" },
        .reissueLeaf: { _ in "サーバ証明書を、subjectAltName、CRL または OCSP の URI、受け入れる暗号スイートを許す keyUsage と extendedKeyUsage（serverAuth）を含めて発行し直す。" },
        .fixOCSPStapling: { _ in "OCSP ステープリングを有効にし、証明書に対する有効期間内の OCSP 応答を送る（nginx: ssl_stapling on、Apache httpd: SSLUseStapling on）。" },
        .describeDeclaredAsset: { _ in "登録された名前または OID、鍵長または曲線を記載した CBOM をベンダーに求めるか、導入後のシステムをスキャンする。" },
    ]

    /// `運用終了予定（2035-12-31）まで`, or without the day when the finding has no strength.
    private static func untilEnd(_ strength: StrengthJudgement?) -> String {
        strength.map { "運用終了予定（\(ReportText(language: .ja).day($0.operationEnd))）まで" } ?? "運用終了予定まで"
    }

    /// `（128 ビット強度以上）` when the finding names the strength a replacement needs.
    private static func atLeast(_ strength: StrengthJudgement?) -> String {
        strength?.targetBits.map { "（\($0) ビット強度以上）" } ?? ""
    }

    /// What a replacement of `family` is, as the English text names it.
    private static func keyWord(_ family: StrengthFamily?) -> String {
        switch family {
        case .rsa?: "RSA 鍵"
        case .ffc?: "DH/DSA の法"
        case .ecc?: "楕円曲線（P-256 など）"
        case .symmetric?: "共通鍵暗号の鍵"
        case .hash?: "ハッシュ（SHA-256 以上）"
        default: "鍵"
        }
    }

    /// The remediation in the report's language: the English text, or the Japanese wording of
    /// its code.
    func remediation(_ finding: Finding) -> String? {
        guard let english = finding.remediation else { return nil }
        guard language == .ja, let code = finding.remediationCode, let japanese = Self.japaneseRemediations[code] else {
            return english
        }
        return japanese(finding)
    }
}
