import CryptCheckModel
import CryptCheckPolicy

/// Days and times as the report's reader writes them (`2026年12月2日` in Japanese, in JST), and
/// the words of the first page, the contents and the summaries. Pure: the same text for the
/// same report, whatever the machine's clock, zone or locale.
extension ReportText {
    /// `YYYY-MM-DD` as `2026年12月2日` in Japanese; as it is in English (or when it is not a day).
    func day(_ value: String) -> String {
        guard language == .ja, let (year, month, day) = Self.ymd(value) else { return value }
        return "\(year)年\(month)月\(day)日"
    }

    /// An ISO 8601 UTC time (`2026-12-02T03:04:05Z`) as `2026年12月2日 12:04 (JST)` in Japanese;
    /// `2026-12-02 03:04 UTC` in English.
    func timestamp(_ value: String) -> String {
        let utf8 = Array(value.utf8)
        guard utf8.count >= 16, let (year, month, day) = Self.ymd(String(value.prefix(10))),
            let hour = Int(String(decoding: utf8[11..<13], as: UTF8.self)), let minute = Int(String(decoding: utf8[14..<16], as: UTF8.self))
        else { return value }
        guard language == .ja else { return String(value.prefix(10)) + " " + String(decoding: utf8[11..<16], as: UTF8.self) + " UTC" }
        // JST is UTC+9, all year round.
        var (y, m, d, h) = (year, month, day, hour + 9)
        if h >= 24 {
            h -= 24
            d += 1
            if d > Self.daysIn(month: m, year: y) {
                d = 1
                m += 1
                if m > 12 {
                    m = 1
                    y += 1
                }
            }
        }
        return "\(y)年\(m)月\(d)日 \(h < 10 ? "0" : "")\(h):\(minute < 10 ? "0" : "")\(minute) (JST)"
    }

    private static func ymd(_ value: String) -> (Int, Int, Int)? {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard value.utf8.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return (year, month, day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // MARK: the first page

    var scopeSummaryHeading: String { pick("評価範囲と判定基準", "Scope and basis") }
    var listsShort: String { pick("判定に用いた文書", "Documents") }
    var endpointUnit: String { pick("エンドポイント", "endpoint") }
    var fileUnit: String { pick("ファイル", "file") }
    var targetUnit: String { pick("対象", "target") }
    func count(_ n: Int, of unit: String) -> String { pick("\(n) 件", "\(n) \(unit)\(n == 1 ? "" : "s")") }
    var chartHeading: String { pick("構成要素ごとの指摘（重大度別）", "Findings by component and severity") }
    func actionsHeading(_ n: Int) -> String { pick("対処事項（\(n) 件）", "Actions (\(n))") }
    var noActions: String { pick("対処を要する事項はない。", "Nothing needs to be done.") }
    func affects(_ action: ReportTally.Action) -> String {
        let what =
            action.worst.map {
                pick(
                    "不適合 \(action.findings) 件（最大 \(severity($0))）",
                    "\(action.findings) finding\(action.findings == 1 ? "" : "s"), worst \(severity($0))")
            }
            ?? pick("判定不能 \(action.findings) 件", "\(action.findings) undecided")
        return pick("— 対象 \(action.targets) 件、\(what)", "— \(action.targets) target\(action.targets == 1 ? "" : "s"), \(what)")
    }
    func more(_ n: Int) -> String { pick(" ほか \(n) 件", " and \(n) more") }
    func moreTargets(_ n: Int) -> String { pick("ほか \(n) 件の対象", "\(n) more target\(n == 1 ? "" : "s")") }
    var contentsHeading: String { pick("目次", "Contents") }

    // MARK: the body

    var conditionsHeading: String { pick("6. 条件付き適合・判定不能の項目", "6. Conditions and undecided items") }
    var noConditions: String { pick("条件付き適合・判定不能の項目はない。", "No conditional pass and no undecided item.") }
    var conditionColumns: [String] {
        language == .ja ? ["対象", "項目", "判定", "内容", "対処方法"] : ["Subject", "Item", "Verdict", "Details", "Remediation"]
    }
    var countsHeading: String { pick("7. 判定結果の内訳（構成要素別）", "7. Results by component") }
    var countsIntro: String {
        pick("適合した項目は件数のみを示す。各項目の判定と根拠は付録 A にある。", "Passes are counted here; each one, with its citation, is in appendix A.")
    }
    var countColumns: [String] {
        language == .ja
            ? ["構成要素", "適合", "条件付き適合", "不適合", "判定不能", "対象外"]
            : ["Component", "Pass", "Conditional", "Violation", "Undecided", "Not applicable"]
    }
    var total: String { pick("合計", "Total") }
    var passesHeading: String { pick("付録 A. 適合した項目", "Appendix A. Passes") }
    var passColumns: [String] {
        language == .ja ? ["対象", "項目", "判定", "根拠", "内容"] : ["Subject", "Item", "Verdict", "Citation", "Details"]
    }
    var conditional: String { pick("条件付き適合", "conditional pass") }
}

extension ReportText {
    var citationLabel: String { pick("根拠: ", "Citation: ") }
    /// After a row's fix: its configuration is with the actions on page 1.
    var seeActions: String { pick("（設定は 1. の対処事項）", " (configuration: section 1, actions)") }

    /// A citation in the report's language: in Japanese, `RFC 5280 6` is `RFC 5280 第6節` and a
    /// GL-3001 profile rule `profile:high` is `プロファイル high`.
    func cited(_ citation: String) -> String {
        guard language == .ja else { return citation }
        let words = citation.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var out: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            if word == "RFC", index + 2 < words.count, Int(words[index + 1]) != nil,
                !words[index + 2].isEmpty, words[index + 2].allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") })
            {
                out.append("RFC \(words[index + 1]) 第\(words[index + 2])節")
                index += 3
                continue
            }
            out.append(word.hasPrefix("profile:") ? "プロファイル " + word.dropFirst("profile:".count) : word)
            index += 1
        }
        return out.joined(separator: " ")
    }
}
