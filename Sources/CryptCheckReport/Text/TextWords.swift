import CryptCheckModel
import CryptCheckPolicy

/// The words of the text output and the CSV header and verdict columns, per language
/// (`--lang`). Identifiers (suites, groups, paths, list revisions, codes) stay as they are;
/// the Japanese words the HTML report uses for verdicts, severities, components and reasons
/// are taken from `ReportText`, so both outputs say the same thing.
struct TextWords {
    let language: ReportLanguage
    let report: ReportText

    init(_ language: ReportLanguage) {
        self.language = language
        report = ReportText(language: language)
    }

    var ja: Bool { language == .ja }

    func pick(_ ja: String, _ en: String) -> String { language == .ja ? ja : en }

    /// The verdict column: `FAIL`, `PASS`, `INDETERMINATE`, `NOT-APPLICABLE`, or 不適合, 適合, 判定不能, 対象外.
    func verdict(_ verdict: Verdict) -> String {
        guard !ja else { return report.verdict(verdict) }
        return verdict == .violation ? "FAIL" : verdict.rawValue.uppercased()
    }

    /// The list status column, short.
    func listStatus(_ status: ListStatus) -> String {
        guard ja else { return status.rawValue }
        switch status {
        case .recommended: return "電子政府推奨"
        case .candidate: return "推奨候補"
        case .monitored: return "運用監視"
        case .notListed: return "リスト非掲載"
        case .notApplicable: return "対象外"
        }
    }

    func severity(_ severity: Severity) -> String { ja ? report.severity(severity) : severity.rawValue }

    func evidence(_ level: EvidenceLevel) -> String { ja ? report.evidence(level) : level.rawValue }

    func strengthStatus(_ status: StrengthStatus) -> String { ja ? report.strengthStatus(status) : status.rawValue }

    func strengthUse(_ use: StrengthUse) -> String {
        guard ja else { return use.rawValue }
        return use == .newProtection ? "新規の保護" : "既存データの処理"
    }

    func component(_ component: FindingComponent) -> String { report.component(component) }

    /// The overall status line's word: `NOT CONFORMANT`, or 不適合.
    func status(_ status: OverallVerdict.Status) -> String {
        ja ? report.status(status) : status.rawValue.replacingOccurrences(of: "-", with: " ").uppercased()
    }

    /// A GL-3001 profile's result: `MEETS`, `FAILS`, `UNDECIDED`, or 適合, 不適合, 判定不能.
    func profile(_ status: ProfileResult.Status) -> String {
        guard !ja else { return report.profileStatus(status) }
        return status == .meets ? "MEETS" : status == .fails ? "FAILS" : "UNDECIDED"
    }

    /// `128/112 bits`, or `128/112 ビット`.
    var bits: String { pick("ビット", "bits") }

    /// The CSV header.
    static let csvColumnsJapanese = [
        "対象", "構成要素", "文脈", "項目", "リスト", "リスト上の区分", "判定", "重大度",
        "強度（ビット）", "必要な強度（ビット）", "判定基準日", "判定を決めた暗号要素", "根拠の水準", "導出した規則", "出典",
        "説明", "対処", "運用終了予定", "運用終了予定の指定", "強度の区分", "強度の用途", "強度の期限",
        "申告（未観測）",
    ]
}
