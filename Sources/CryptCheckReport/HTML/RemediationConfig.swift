import CryptCheckModel
import CryptCheckPolicy

/// The configuration that carries out each fix, for nginx, Apache httpd and OpenSSL-based
/// servers (openssl.cnf), and the `openssl` commands for keys and keystores. Every suite, group,
/// scheme, version and key size in these lines comes from what the policy accepts
/// (`AcceptableConfiguration`, carried in the report), named as OpenSSL names it.
enum RemediationConfig {
    /// Lines for one kind of system.
    struct Block: Hashable {
        var system: String
        var lines: [String]
    }

    /// What to do, as one line, in the report's language.
    static func heading(_ code: RemediationCode, _ config: AcceptableConfiguration?, _ text: ReportText) -> String {
        let versions = config.map { $0.versions.joined(separator: text.language == .ja ? "・" : " and ") } ?? "TLS 1.3 / TLS 1.2"
        switch code {
        case .disableProtocolVersion:
            return text.pick("受け入れるプロトコルバージョンを \(versions) に限る", "Accept only \(versions)")
        case .disableSSLv2: return text.pick("SSLv2 を完全に無効にする", "Disable SSLv2 entirely")
        case .disableCipherSuite:
            return text.pick("暗号スイートを暗号リストで利用可のものに限る", "Offer only the cipher suites the list accepts")
        case .disableCompression: return text.pick("TLS の圧縮を無効にする", "Turn TLS compression off")
        case .serverSuiteOrder: return text.pick("サーバー側の優先順位で暗号スイートを選ぶ", "Let the server choose the cipher suite")
        case .restrictGroups: return text.pick("鍵交換グループを暗号リスト掲載のものに限る", "Offer only the key-exchange groups the list accepts")
        case .dhParametersSize:
            return text.pick("十分な強度の DH グループ（RFC 7919）を使う", "Use a DH group strong enough (RFC 7919)")
        case .disableSignatureScheme:
            return text.pick("署名方式を暗号リストで利用可のものに限る", "Sign only with the schemes the list accepts")
        case .fixTrust: return text.pick("信頼された認証局のチェーンを送る", "Serve a chain issued by a trusted CA")
        case .fixChainOrder: return text.pick("証明書チェーンを発行順に送る", "Send the chain in issuing order")
        case .completeChain: return text.pick("中間証明書をすべて送る", "Send every intermediate certificate")
        case .hostnameInSAN:
            return text.pick("接続先のホスト名を subjectAltName に含む証明書にする", "Issue the certificate for the name clients use")
        case .checkHostName: return text.pick("ホスト名（DNS）を確認して再スキャンする", "Check the host name (DNS) and scan again")
        case .checkReachability: return text.pick("待ち受けと到達性を確認して再スキャンする", "Check that the service listens and can be reached")
        case .scanTLSPort: return text.pick("TLS を話すポートをスキャンする", "Scan the service's TLS port")
        case .giveServerName: return text.pick("必要なサーバー名（--sni）を指定する", "Give the server name the server needs (--sni)")
        case .checkTLSService: return text.pick("ポートのサービスを確認して再スキャンする", "Check the service on the port and scan again")
        case .regenerateKey:
            let what = keyText(config, text)
            return text.pick("鍵を作り直す（\(what)）", "Generate new keys (\(what))")
        case .replaceTechnique:
            return text.pick("電子政府推奨暗号リストの技術に置き換える", "Replace the technique with one on the e-Government Recommended list")
        case .resignWithSHA256:
            return text.pick("SHA-256 以上で署名し直した証明書にする", "Re-issue with SHA-256 or stronger")
        case .reprotectKey:
            return text.pick("鍵・キーストアを PBES2 と AES で暗号化し直す", "Re-encrypt keys and keystores with PBES2 and AES")
        case .renewCertificate: return text.pick("証明書を更新する", "Renew the certificate")
        case .checkCertificateDates: return text.pick("認証局の時計と証明書の日付を確認する", "Check the CA's clock and the certificate's dates")
        case .renewSSHCertificate: return text.pick("SSH 証明書を発行し直す", "Issue a new SSH certificate")
        case .checkSSHCertificateDates:
            return text.pick("SSH 証明書の有効期間と CA の時計を確認する", "Check the SSH certificate's interval and the CA's clock")
        case .nameCurve: return text.pick("名前付き曲線の鍵で証明書を発行し直す", "Re-issue with a named-curve key")
        case .rerunScan: return text.pick("観測できるようにして再スキャンする", "Make it observable and scan again")
        case .fixAttack: return text.pick("TLS ライブラリを更新するか攻撃が使う機能を止める", "Update the TLS library or turn off what the attack uses")
        case .reissueLeaf: return text.pick("サーバ証明書を必要な拡張つきで発行し直す", "Re-issue the leaf with the extensions clients expect")
        case .fixOCSPStapling: return text.pick("有効な OCSP 応答をステープルする", "Staple a current OCSP response")
        case .describeDeclaredAsset:
            return text.pick("申告された暗号資産を完全に記載させるか、導入後にスキャンする", "Have the asset declared fully, or scan the installed system")
        default: return code.rawValue
        }
    }

    /// `EC P-256 または RSA 3072 ビット`.
    static func keyText(_ config: AcceptableConfiguration?, _ text: ReportText) -> String {
        var choices: [String] = []
        if let curve = config?.curve { choices.append("EC \(curve)") }
        if let bits = config?.rsaBits { choices.append(text.pick("RSA \(bits) ビット", "RSA \(bits) bits")) }
        return choices.isEmpty
            ? text.pick("LS-0003 が運用終了まで認める強度", "a strength LS-0003 accepts to the end of operation")
            : choices.joined(separator: text.pick(" または ", " or "))
    }

    /// The configuration lines that carry out `code`, per system; none for a fix no
    /// configuration makes (checking a host name, scanning again).
    static func blocks(_ code: RemediationCode, _ config: AcceptableConfiguration?) -> [Block] {
        guard let config else { return [] }
        let tls12 = config.tls12Suites.map(\.openssl).joined(separator: ":")
        let tls13 = config.tls13Suites.map(\.openssl).joined(separator: ":")
        let groups = config.groups.map(\.openssl).joined(separator: ":")
        let schemes = config.signatureSchemes.map(\.openssl).joined(separator: ":")
        let versions = config.versions
        let hash = config.hash ?? "sha256"
        func tls(nginx: [String], apache: [String], openssl: [String]) -> [Block] {
            [
                Block(system: "nginx", lines: nginx), Block(system: "Apache httpd", lines: apache),
                Block(system: "OpenSSL (openssl.cnf)", lines: openssl),
            ].filter { !$0.lines.isEmpty }
        }
        switch code {
        case .disableProtocolVersion, .disableSSLv2:
            guard let lowest = versions.first else { return [] }
            return tls(
                nginx: ["ssl_protocols \(versions.joined(separator: " "));"],
                apache: ["SSLProtocol -all " + versions.map { "+\($0)" }.joined(separator: " ")],
                openssl: ["MinProtocol = \(lowest)"])
        case .disableCipherSuite:
            return tls(
                nginx: (tls12.isEmpty ? [] : ["ssl_ciphers \(tls12);"])
                    + (tls13.isEmpty ? [] : ["ssl_conf_command Ciphersuites \(tls13);"]),
                apache: (tls12.isEmpty ? [] : ["SSLCipherSuite \(tls12)"]) + (tls13.isEmpty ? [] : ["SSLCipherSuite TLSv1.3 \(tls13)"]),
                openssl: (tls12.isEmpty ? [] : ["CipherString = \(tls12)"]) + (tls13.isEmpty ? [] : ["Ciphersuites = \(tls13)"]))
        case .disableCompression:
            return tls(
                nginx: ["ssl_conf_command Options NoCompression;"], apache: ["SSLCompression off"],
                openssl: ["Options = NoCompression"])
        case .serverSuiteOrder:
            return tls(
                nginx: ["ssl_prefer_server_ciphers on;"], apache: ["SSLHonorCipherOrder on"], openssl: ["Options = ServerPreference"])
        case .restrictGroups:
            guard !groups.isEmpty else { return [] }
            return tls(
                nginx: ["ssl_conf_command Groups \(groups);"], apache: ["SSLOpenSSLConfCmd Groups \(groups)"],
                openssl: ["Groups = \(groups)"])
        case .dhParametersSize:
            guard let group = config.dhGroup else { return [] }
            return [
                Block(system: "openssl", lines: ["openssl genpkey -genparam -algorithm DH -pkeyopt group:\(group) -out \(group).pem"]),
                Block(system: "nginx", lines: ["ssl_dhparam \(group).pem;"]),
                Block(system: "Apache httpd", lines: ["SSLOpenSSLConfCmd DHParameters \(group).pem"]),
            ]
        case .disableSignatureScheme:
            guard !schemes.isEmpty else { return [] }
            return tls(
                nginx: ["ssl_conf_command SignatureAlgorithms \(schemes);"],
                apache: ["SSLOpenSSLConfCmd SignatureAlgorithms \(schemes)"], openssl: ["SignatureAlgorithms = \(schemes)"])
        case .fixChainOrder, .completeChain, .fixTrust:
            return [
                Block(system: "shell", lines: ["cat server.crt intermediate.crt > fullchain.crt"]),
                Block(system: "nginx", lines: ["ssl_certificate fullchain.crt;"]),
                Block(system: "Apache httpd", lines: ["SSLCertificateFile fullchain.crt"]),
            ]
        case .regenerateKey, .nameCurve, .hostnameInSAN, .resignWithSHA256, .renewCertificate:
            return [Block(system: "openssl", lines: keyLines(config, hash: hash))]
        case .reprotectKey:
            guard let cipher = config.keyCipher else { return [] }
            return [
                Block(
                    system: "openssl",
                    lines: [
                        "openssl pkcs12 -export -keypbe \(cipher) -certpbe \(cipher) -macalg \(hash) -inkey server.key -in server.crt -out server.p12",
                        "openssl pkcs8 -topk8 -v2 \(cipher.lowercased()) -v2prf hmacWith\(hash.uppercased()) -in old.key -out server.key",
                    ])
            ]
        default:
            return []
        }
    }

    /// A new key the list accepts and a request for its certificate.
    static func keyLines(_ config: AcceptableConfiguration, hash: String) -> [String] {
        var lines: [String] = []
        if let curve = config.curve {
            lines.append(
                "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:\(curve) -pkeyopt ec_param_enc:named_curve -out server.key")
        }
        if let bits = config.rsaBits {
            lines.append("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:\(bits) -out server.key")
        }
        lines.append("openssl req -new -key server.key -\(hash) -subj /CN=HOST -addext subjectAltName=DNS:HOST -out server.csr")
        return lines
    }
}
