import CryptCheckModel
import CryptCheckPolicy
import Foundation

/// The report's language (`--lang`).
package enum ReportLanguage: String, Sendable, CaseIterable {
    case ja, en
}

/// Every word the HTML report prints, per language. Finding messages and remediations come
/// from the evaluation in English; the Japanese report phrases the verdict, list status and
/// strength from the finding's fields, a remediation per kind of finding and a profile reason
/// from its facts, and never repeats the English.
struct ReportText {
    let language: ReportLanguage

    func pick(_ ja: String, _ en: String) -> String { language == .ja ? ja : en }

    var title: String { pick("暗号技術 調達前確認報告書", "Cryptography Procurement Pre-Approval Report") }
    var subtitle: String { pick("CRYPTREC 暗号リスト等に基づく適合性評価", "Conformance to the CRYPTREC Ciphers List and related guidelines") }
    var systemName: String { pick("対象システム", "System") }
    var reference: String { pick("調達案件番号", "Procurement reference") }
    var evaluator: String { pick("評価者", "Evaluator") }
    var evaluationDate: String { pick("評価日時", "Evaluated") }
    var asOfDate: String { pick("判定基準日", "Judged as of") }
    var operationEnd: String { pick("運用終了予定", "Planned end of operation") }
    func operationEndValue(_ end: OperationEnd) -> String {
        end.given
            ? day(end.date)
            : pick(
                "未指定（判定基準日 \(day(end.date)) を仮定。運用期間が長いほど強い鍵が必要になるため、調達仕様の運用終了予定を --operation-end で指定すること）",
                "not given (the as-of day \(end.date) is assumed; a longer operation may need stronger keys: give the procurement's planned end with --operation-end)"
            )
    }
    var tool: String { pick("評価ツール", "Tool") }
    var notGiven: String { pick("（未指定）", "(not given)") }
    var overallVerdict: String { pick("1. 総合判定と対処事項", "1. Overall verdict and actions") }
    /// Page 1's warning when findings judge a CycloneDX BOM's declared assets: partly, or
    /// entirely when every finding does.
    func declaredBasis(_ declared: Int, of total: Int) -> String {
        declared >= total
            ? pick(
                "この報告は全面的に、観測ではなく申告された暗号（CycloneDX CBOM に記載された暗号資産）に基づく。スキャンで確かめたものはない。",
                "This report rests entirely on declared, not observed, cryptography (the assets a CycloneDX CBOM lists): nothing in it was confirmed by a scan."
            )
            : pick(
                "この報告は一部、観測ではなく申告された暗号（CycloneDX CBOM に記載された暗号資産）に基づく（所見 \(total) 件中 \(declared) 件）。",
                "This report rests partly on declared, not observed, cryptography (the assets a CycloneDX CBOM lists): \(declared) of \(total) findings."
            )
    }
    var listsHeading: String { pick("2. 判定に用いた文書", "2. Documents judged against") }
    var scopeHeading: String { pick("3. 評価範囲", "3. Scope") }
    var profilesHeading: String { pick("4. TLS 設定ガイドラインの適合プロファイル", "4. TLS guideline profiles") }
    var violationsHeading: String { pick("5. 不適合事項と対処方法", "5. Violations and remediation") }
    var transitionHeading: String { pick("8. 運用終了までに変わること", "8. What changes before the end of operation") }
    var appendixHeading: String { pick("付録 B. 証跡", "Appendix B. Evidence") }
    var integrityHeading: String { pick("付録 C. 報告書データの完全性", "Appendix C. Integrity of the report data") }
    var documentColumns: [String] {
        language == .ja ? ["文書", "版", "名称", "公表日", "根拠の確度"] : ["Document", "Revision", "Title", "Published", "Evidence"]
    }
    var endpoints: String { pick("TLS エンドポイント", "TLS endpoints") }
    var paths: String { pick("ファイルの場所", "File locations") }
    var unscanned: String { pick("評価できなかった対象", "Not scanned") }
    var none: String { pick("なし", "none") }
    var findingColumns: [String] {
        language == .ja
            ? ["項目", "対象", "判定", "リスト上の位置付け", "強度", "根拠", "説明"]
            : ["Component", "Item", "Verdict", "List status", "Strength", "Citation", "Details"]
    }
    var violationColumns: [String] {
        language == .ja ? ["重大度", "対象", "項目", "内容", "対処方法"] : ["Severity", "Subject", "Item", "Problem", "Remediation"]
    }
    var transitionColumns: [String] {
        language == .ja
            ? ["対象", "項目", "運用終了予定での扱い", "指定日まで運用した場合", "強度（ビット）", "必要な強度"]
            : ["Subject", "Item", "For the planned end", "If run until the day", "Strength (bits)", "Required (end → day)"]
    }
    var deadlineColumns: [String] {
        language == .ja
            ? ["日付", "強度", "用途", "変化", "該当する項目", "根拠の確度"]
            : ["Date", "Strength", "Use", "Change", "Items affected", "Evidence"]
    }
    var profileColumns: [String] {
        language == .ja ? ["エンドポイント", "プロファイル", "結果", "理由"] : ["Endpoint", "Profile", "Result", "Reasons"]
    }
    var certificateColumns: [String] {
        language == .ja
            ? ["場所", "サブジェクト", "発行者", "有効期限", "鍵", "署名", "SHA-256 フィンガープリント"]
            : ["Where", "Subject", "Issuer", "Valid until", "Key", "Signature", "SHA-256 fingerprint"]
    }
    var fileColumns: [String] {
        language == .ja ? ["パス", "SHA-256", "内容"] : ["Path", "SHA-256", "Contents"]
    }
    var noViolations: String { pick("不適合事項はありません。", "No violations.") }
    var noTransition: String { pick("指定日まで運用しても扱いが変わる項目はありません。", "No strength standing changes if the system runs until that day.") }
    func deadlinesIntro(_ end: OperationEnd, asOf: String) -> String {
        pick(
            "LS-0003 は鍵長の可否をシステムの運用終了年で定める（112 ビットは 2030 年まで移行完遂期間、2031 年から新規の保護には利用不可。128 ビットは 2040 年まで利用可、2041〜2050 年は移行完遂期間、2051 年から利用不可。根拠の確度: 二次情報）。判定基準日 \(day(asOf)) から運用終了予定 \(day(end.date)) までに次の期限が来る。",
            "LS-0003 sets what key strength is usable by the year the system's operation ends (112 bits: migration-completion period through 2030, not usable for new protection from 2031; 128 bits: usable through 2040, migration 2041–2050, not usable from 2051; evidence: secondary). Between the as-of day \(asOf) and the planned end \(end.date) these deadlines fall."
        )
    }
    func noDeadlines(_ end: OperationEnd) -> String {
        end.given
            ? pick("運用終了予定までに LS-0003 の期限はありません。", "No LS-0003 deadline falls before the planned end of operation.")
            : pick(
                "運用終了予定が指定されていないため、判定基準日で運用を終えるものとして判定した。運用を続ける期間に来る期限（例: 2031 年 1 月 1 日から 112 ビットは新規の保護に利用不可）は、--operation-end を指定すると表示される。",
                "No end of operation was given, so the system was judged as if it ended on the as-of day. The deadlines a longer operation meets (e.g. 112 bits not usable for new protection from 2031-01-01) are shown when --operation-end is given."
            )
    }
    func transitionIntro(_ date: String) -> String {
        pick(
            "運用を \(date) まで続けた場合、次の項目の LS-0003 上の扱いが変わる。",
            "If the system ran until \(date), the LS-0003 standing of these items would change.")
    }
    func use(_ use: StrengthUse) -> String {
        switch use {
        case .newProtection: pick("新規の保護（暗号化・署名・鍵共有）", "new protection (encrypt, sign, agree keys)")
        case .existingData: pick("既存データの処理（復号・検証）", "processing existing data (decrypt, verify)")
        }
    }
    func strengthStatus(_ status: StrengthStatus) -> String {
        switch status {
        case .acceptable: pick("利用可", "usable")
        case .migrationPeriod: pick("移行完遂期間", "migration-completion period")
        case .processingOnly: pick("処理のみ許容", "processing existing data only")
        case .notAcceptable: pick("利用不可", "not usable")
        case .beyondTable: pick("LS-0003 の表の範囲外（不明）", "beyond LS-0003's table (unknown)")
        }
    }
    var certificates: String { pick("証明書", "Certificates") }
    var files: String { pick("ファイル", "Files") }
    var versions: String { pick("プロトコルバージョン", "Protocol versions") }
    var suites: String { pick("受け入れた暗号スイート", "Accepted cipher suites") }
    var groups: String { pick("鍵交換グループ", "Key-exchange groups") }
    var schemes: String { pick("署名方式", "Signature schemes") }
    var features: String { pick("機能", "Features") }
    var attacks: String { pick("試した攻撃", "Attacks tried") }
    /// An active check's verdict in the evidence appendix (what was seen stays as the tool wrote it).
    func attackVerdict(_ verdict: AttackVerdict) -> String {
        switch verdict {
        case .vulnerable: pick("脆弱", "vulnerable")
        case .notVulnerable: pick("脆弱ではない", "not vulnerable")
        case .couldNotTest: pick("試せなかった（判定不能）", "could not test (indeterminate)")
        case .notApplicable: pick("該当しない", "not applicable")
        case .notRun: pick("実施していない（--no-active）", "not run (--no-active)")
        }
    }
    var dh: String { pick("DH パラメータ", "DH parameters") }
    var address: String { pick("接続先アドレス", "Address") }
    var serverPreference: String { pick("サーバーの優先順位", "server's preference order") }
    var clientPreference: String { pick("クライアントの順序に従う", "follows the client's order") }
    var unknownPreference: String { pick("優先順位は不明", "preference not determined") }
    var incompleteEnumeration: String { pick("（列挙が不完全）", "(enumeration incomplete)") }
    // The SSH endpoints of the evidence appendix (`SSHEvidenceHTML`).
    var sshIdentification: String { pick("識別文字列", "Identification") }
    var sshNoIdentification: String { pick("（識別文字列なし）", "(no identification)") }
    var sshConnections: String { pick("接続", "Connections") }
    func sshConnectionCount(_ count: Int, milliseconds: Int) -> String {
        let seconds = String(format: "%.1f", Double(milliseconds) / 1000)
        return pick("\(count) 回、\(seconds) 秒", "\(count) in \(seconds) s")
    }
    var sshNoKeyExchange: String { pick("鍵交換に至らなかった理由", "No key exchange") }
    /// Why the endpoint completed no key exchange: the kind in the report's language, then its
    /// codes (the tool's own words follow as data).
    func sshOutcome(_ outcome: SSHEndpointOutcome) -> String {
        let kind =
            switch outcome.kind {
            case .kexInit: pick("KEXINIT を受信", "KEXINIT received")
            case .unresolved: pick("名前を解決できなかった", "the name did not resolve")
            case .unreachable: pick("接続できなかった", "could not connect")
            case .notSSH: pick("SSH 2.0 ではない応答", "the server does not speak SSH 2.0")
            case .silent: pick("KEXINIT の前に応答がないか切断された", "nothing, or a close, before the KEXINIT")
            case .malformed: pick("識別文字列または最初のパケットが不正", "a malformed identification or first packet")
            }
        let codes = [outcome.kind.rawValue] + (outcome.code.map { [$0.rawValue] } ?? [])
        return kind + pick("（\(codes.joined(separator: "、"))）", " (\(codes.joined(separator: ", ")))")
    }
    func sshCategory(_ category: SSHAlgorithmCategory) -> String {
        switch category {
        case .keyExchange: pick("鍵交換", "key exchange")
        case .hostKey: pick("ホスト鍵", "host key")
        case .cipher: pick("暗号", "ciphers")
        case .mac: "MAC"
        case .compression: pick("圧縮", "compression")
        }
    }
    var sshAdvertised: String { pick("KEXINIT（サーバが送った順）", "KEXINIT (as sent)") }
    var sshAccepted: String { pick("単独で提示して受け入れたもの", "Accepted, offered alone") }
    /// A declared SSH endpoint (a CBOM's protocol asset): what it rests on, and its algorithms.
    var sshDeclared: String { pick("申告元", "Declared by") }
    var sshDeclaredBasis: String { pick("CycloneDX BOM の申告（観測ではない）: ", "a CycloneDX BOM, not observed: ") }
    var sshDeclaredAccepted: String { pick("受け入れると申告されたもの", "Declared as accepted") }
    var sshDeclaredKey: String { pick("申告された鍵、署名は未検証", "declared, signature not verified") }
    var sshRefused: String { pick("単独で提示して拒否されたもの", "Refused, offered alone") }
    /// What an acceptance rests on when less than a completed exchange (its words follow).
    var sshAcceptanceEvidence: String { pick("根拠はネゴシエーションのみ", "evidence") }
    var sshMarkers: String { pick("KEXINIT のマーカー", "KEXINIT markers") }
    func presence(_ present: Bool) -> String { present ? pick("あり", "yes") : pick("なし", "no") }
    func notDetermined(_ code: ErrorCode?) -> String {
        pick("判別できず", "not determined") + (code.map { " (\($0.rawValue))" } ?? "")
    }
    func notObserved(_ code: ErrorCode?) -> String { pick("観測していない", "not observed") + (code.map { " (\($0.rawValue))" } ?? "") }
    var sshHostKey: String { pick("ホスト鍵", "Host key") }
    func sshSignature(_ verified: Bool?) -> String {
        switch verified {
        case true?: pick("交換ハッシュへの署名を検証済み", "signature over the exchange hash verified")
        case false?: pick("署名の検証に失敗", "signature did NOT verify")
        case nil: pick("署名は未検証", "signature not checked")
        }
    }
    var sshCertificate: String { pick("証明書", "certificate") }
    var sshPrincipals: String { pick("プリンシパル", "principals") }
    var sshAlways: String { pick("開始の制限なし", "always") }
    var sshForever: String { pick("無期限", "forever") }
    var sshGroupExchange: String { pick("グループ交換（要求 最小/希望/最大 → 素数）", "Group exchange (request min/preferred/max → prime)") }
    var chosenThenFailed: String {
        pick("（サーバーが選択したがハンドシェイクが失敗、受け入れとは数えない）", "(chosen by the server, then the handshake failed; not counted as accepted)")
    }
    var digestBefore: String {
        pick(
            "この報告書のデータ（下記の埋め込み JSON から本欄を除いたもの）の SHA-256 は次のとおり。写しが改変されていないことは ",
            "The SHA-256 of this report's data (the embedded JSON below, without this field) is given here. ")
    }
    var verifyCommand: String { pick("cryptcheck report verify <この HTML ファイル>", "cryptcheck report verify <this HTML file>") }
    var digestAfter: String { pick(" で確認できる。", " checks that a copy is unaltered.") }

    /// The verdict for the running footer.
    func statusLine(_ value: OverallVerdict.Status) -> String { pick("総合判定: ", "Verdict: ") + status(value) }

    /// Why a target was not scanned: in Japanese from its code (the message is the tool's English).
    func unscannedReason(_ target: UnscannedTarget) -> String {
        guard language == .ja else { return target.reason }
        return "読み取れなかったため判定不能" + (target.code.map { "（コード \($0.rawValue)）" } ?? "")
    }

    var advisory: String { pick("推奨項目: ", "should: ") }
    var basisHeading: String { pick("判定の根拠（どの規則が何を決めるか）", "What decides what") }
    func listBasis(_ lists: [String]) -> String {
        pick(
            "総合判定は CRYPTREC暗号リスト（\(lists.joined(separator: "、"))）と LS-0003 による。各項目を構成する暗号技術がリストに掲載され、鍵長が運用終了まで利用可であるかで判定する。",
            "The overall verdict rests on the CRYPTREC Ciphers List (\(lists.joined(separator: ", "))) and LS-0003: whether each item's techniques are listed and its key length is usable until the end of operation."
        )
    }
    func guidelineBasis(_ guideline: String) -> String {
        pick(
            "TLS プロファイル判定（第 4 節）は TLS暗号設定ガイドライン（\(guideline)）の暗号スイート分類（利用推奨・利用禁止・どちらでもない）とプロトコル要件による。利用禁止のスイートは遵守項目違反、どちらでもないスイートは推奨項目の指摘にとどまる。選んだ暗号リストには左右されない。",
            "The TLS profile verdicts (section 4) rest on the TLS guideline (\(guideline)): its own suite classes (recommended, prohibited, neither) and protocol requirements. A prohibited suite breaks a must-level rule; a suite in neither class is a should-level note. They do not depend on the ciphers list selected."
        )
    }
    var differencesIntro: String {
        pick("次のスイートは二つの規則で判定が分かれる。", "These suites are judged differently by the two rules.")
    }
    func difference(_ difference: RuleDifference, profileName: String) -> String {
        let guidelineClass =
            switch difference.guidelineClass {
            case .recommended: pick("利用推奨", "recommended")
            case .prohibited: pick("利用禁止", "prohibited")
            case .neither: pick("利用推奨でも利用禁止でもない", "neither recommended nor prohibited")
            }
        return pick(
            "\(difference.subject) の \(difference.item) [\(difference.context)]：暗号リスト（\(difference.list)）では\(verdict(difference.listVerdict))（\(listStatus(difference.listStatus))）、\(difference.guideline) の\(profileName)では\(guidelineClass)。",
            "\(difference.subject) \(difference.item) [\(difference.context)]: \(verdict(difference.listVerdict)) by the ciphers list (\(difference.list), \(listStatus(difference.listStatus))); \(guidelineClass) in \(difference.guideline) \(profileName)."
        )
    }

    var noHandshake: String {
        pick("TLS ハンドシェイクが成立しなかったエンドポイント（何も観測できていない）", "Endpoints where no TLS handshake completed (nothing was observed)")
    }

    func status(_ status: OverallVerdict.Status) -> String {
        switch status {
        case .conformant: pick("適合", "Conformant")
        case .conformantWithConditions: pick("条件付き適合", "Conformant with conditions")
        case .notConformant: pick("不適合", "Not conformant")
        case .indeterminate: pick("判定不能", "Indeterminate")
        }
    }

    func verdict(_ verdict: Verdict) -> String {
        switch verdict {
        case .pass: pick("適合", "pass")
        case .violation: pick("不適合", "violation")
        case .indeterminate: pick("判定不能", "indeterminate")
        case .notApplicable: pick("対象外", "not applicable")
        }
    }

    func listStatus(_ status: ListStatus) -> String {
        switch status {
        case .recommended: pick("電子政府推奨暗号", "recommended")
        case .candidate: pick("推奨候補暗号", "candidate")
        case .monitored: pick("運用監視暗号（互換性維持のみ）", "monitored (compatibility only)")
        case .notListed: pick("CRYPTREC暗号リスト非掲載", "not on the CRYPTREC Ciphers List")
        case .notApplicable: "—"
        }
    }

    /// A finding's list status; a listed technique whose key length LS-0003 does not accept does
    /// not count as e-Government Recommended (cryptrec.md 8.5), so it never shows the bare status.
    func listStatus(of finding: Finding) -> String {
        let label = listStatus(finding.listStatus)
        guard let strength = finding.strength, !strength.meets, finding.listStatus != .notListed, finding.listStatus != .notApplicable
        else { return label }
        return language == .ja
            ? "\(label)（鍵長が LS-0003 不適合）"
            : "\(Self.englishTechnique(finding.listStatus)), key length not acceptable under LS-0003"
    }

    private static func englishTechnique(_ status: ListStatus) -> String {
        switch status {
        case .recommended: "e-Government Recommended technique"
        case .candidate: "Candidate Recommended technique"
        case .monitored: "Monitored technique"
        case .notListed, .notApplicable: "technique"
        }
    }

    func severity(_ severity: Severity) -> String {
        switch severity {
        case .critical: pick("致命的", "critical")
        case .high: pick("高", "high")
        case .medium: pick("中", "medium")
        case .low: pick("低", "low")
        case .info: pick("情報", "info")
        }
    }

    func evidence(_ level: EvidenceLevel) -> String {
        switch level {
        case .confirmed: pick("確認済み", "confirmed")
        case .secondary: pick("二次情報（原典未確認）", "secondary (primary text not checked)")
        case .unconfirmed: pick("未確認", "unconfirmed")
        }
    }

    func profileStatus(_ status: ProfileResult.Status) -> String {
        switch status {
        case .meets: pick("適合", "meets")
        case .fails: pick("不適合", "fails")
        case .indeterminate: pick("判定不能", "indeterminate")
        }
    }

    /// The Japanese names of the components, one for every known component
    /// (`RemediationTextTests`); an unknown one (from a newer tool's data) is shown as it is.
    static let componentNames: [FindingComponent: String] = [
        .protocolVersion: "プロトコルバージョン", .cipherSuite: "暗号スイート", .cipherSuiteOrder: "暗号スイートの優先順位",
        .group: "鍵交換グループ", .dhParameters: "DH パラメータ", .signatureScheme: "署名方式", .certificate: "証明書",
        .certificateKey: "証明書の鍵", .certificateSignature: "証明書の署名", .certificateValidity: "証明書の有効期間",
        .certificateTrust: "証明書の信頼性", .certificateHostname: "ホスト名の一致", .certificateChain: "証明書チェーン",
        .keyProtection: "鍵の保護", .privateKey: "秘密鍵", .publicKey: "公開鍵", .certificateRequest: "証明書署名要求",
        .certificateRequestSignature: "証明書署名要求の署名", .crl: "失効リスト", .crlSignature: "失効リストの署名",
        .pkcs12: "PKCS#12", .keystore: "キーストア", .sshPrivateKey: "SSH 秘密鍵", .sshPublicKey: "SSH 公開鍵",
        .file: "ファイル", .target: "対象", .probe: "測定", .endpoint: "エンドポイント", .feature: "プロトコル機能", .attack: "攻撃",
        .certificateHygiene: "証明書の運用衛生",
        .certificateKeyParameters: "証明書の鍵パラメータ", .keyParameters: "鍵パラメータ", .unparsedSnippet: "解析できない記載例",
        .sshCertificate: "SSH 証明書", .sshCertificateKey: "SSH 証明書の鍵", .sshCertificateCAKey: "SSH 証明書の CA 鍵",
        .sshCertificateSignature: "SSH 証明書の署名", .sshCertificateValidity: "SSH 証明書の有効期間",
        .algorithm: "アルゴリズム", .declaredAsset: "申告された資産", .sshKeyExchange: "SSH 鍵交換方式",
        .sshGroupExchange: "SSH グループ交換の素数", .sshHostKeyAlgorithm: "SSH ホスト鍵アルゴリズム", .sshHostKey: "SSH ホスト鍵",
        .sshCipher: "SSH 暗号", .sshMAC: "SSH MAC", .sshCompression: "SSH 圧縮方式",
    ]

    func component(_ component: FindingComponent) -> String {
        language == .ja ? Self.componentNames[component] ?? component.rawValue : component.rawValue
    }
}
