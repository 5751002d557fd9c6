/// The words of the diff text in English or Japanese.
struct DiffWords {
    let japanese: Bool

    var verdict: String { japanese ? "判定" : "verdict" }
    var usedNotDeclared: String { japanese ? "使われているが申告されていない" : "used but not declared" }
    var declaredNotSeen: String { japanese ? "申告されているが観測されていない" : "declared but not seen" }
    var notJudged: String { japanese ? "申告されたが照合できない資産" : "declared assets not compared (not judged)" }
    var notScannedObserved: String {
        japanese
            ? "観測側で走査できなかった対象（そこで見えなかったものは無いとは限らない）"
            : "not scanned on the observed side (what was not seen there is not known to be absent)"
    }
    var noneWord: String { japanese ? "なし" : "none" }

    func declaredSide(_ declared: String, observed: String) -> String {
        japanese
            ? "\(declared) は申告（CycloneDX BOM）、\(observed) は観測。値ごとに比較する。"
            : "\(declared) is declared (a CycloneDX BOM), \(observed) observed; compared value by value."
    }

    func inventoryField(_ field: String) -> String {
        guard japanese else { return field }
        return switch field {
        case "protocol-version": "プロトコルバージョン"
        case "cipher-suite": "暗号スイート"
        case "key": "鍵"
        case "signature-algorithm": "署名アルゴリズム"
        case "primitive": "暗号要素"
        case "ssh-algorithm": "SSH アルゴリズム"
        default: field
        }
    }
    var new: String { japanese ? "新たな所見" : "new" }
    var resolved: String { japanese ? "解消した所見" : "resolved" }
    var changedVerdict: String { japanese ? "判定の変わった所見" : "verdict changed" }

    func incomplete(_ sides: [String]) -> String {
        let named = sides.joined(separator: japanese ? "・" : " and ")
        return japanese
            ? "\(named) では列挙が完了していない（見えなかったものが無くなったとは限らない）"
            : "the enumeration did not finish in \(named): what was not seen there is not known to be gone"
    }

    /// A verdict in the text's language.
    func verdictWord(_ verdict: String) -> String {
        guard japanese else { return verdict }
        return switch verdict {
        case "pass": "適合"
        case "violation": "不適合"
        case "indeterminate": "判定不能"
        case "not-applicable": "対象外"
        default: verdict
        }
    }

    func notScanned(_ side: String) -> String { japanese ? "\(side) では走査されていない" : "not scanned in \(side)" }

    func noChange(_ count: Int) -> String {
        japanese ? "変化なし（対象 \(count) 件）" : "no change (\(count) target\(count == 1 ? "" : "s"))"
    }

    func summary(changed: Int, unchanged: Int) -> String {
        japanese
            ? "変化のあった対象 \(changed) 件、変化のない対象 \(unchanged) 件"
            : "\(changed) target\(changed == 1 ? "" : "s") changed or not scanned on one side, \(unchanged) unchanged"
    }

    func field(_ field: String) -> String {
        guard japanese else { return field }
        return switch field {
        case "handshake": "ハンドシェイク"
        case "tls-versions": "TLS バージョン"
        case "cipher-suites": "暗号スイート"
        case "groups": "鍵交換グループ"
        case "signature-schemes": "署名方式"
        case "certificates": "証明書"
        case "keys": "鍵"
        case "file-sha256": "ファイルの SHA-256"
        case "errors": "エラー"
        case "ssh-key-exchange": "SSH 鍵交換"
        case "ssh-kex": "SSH 鍵交換方式"
        case "ssh-host-key": "SSH ホスト鍵アルゴリズム"
        case "ssh-cipher": "SSH 暗号"
        case "ssh-mac": "SSH MAC"
        case "ssh-compression": "SSH 圧縮方式"
        case "ssh-host-keys": "SSH ホスト鍵"
        case "ssh-group-exchange-primes": "SSH グループ交換の素数"
        default: field
        }
    }
}
