import CryptCheckModel
import CryptCheckPolicy

/// The sentences of a report about findings, in its language: the verdict's reasons, each
/// finding's judgement and strength in LS-0003's terms (remediations: `RemediationText.swift`).
extension ReportText {
    /// One reason of the overall verdict as a sentence.
    func reason(_ reason: VerdictReason) -> String {
        let n = reason.count
        switch (reason.kind, language) {
        case (.violations, .ja): return "中程度以上の不適合が \(n) 件ある（最大の重大度: \(severity(reason.severity ?? .medium))）。"
        case (.violations, .en):
            return "\(n) violation\(n == 1 ? "" : "s") of medium severity or worse (worst: \(severity(reason.severity ?? .medium)))."
        case (.minorViolations, .ja): return "軽微な不適合が \(n) 件ある。"
        case (.minorViolations, .en): return "\(n) minor violation\(n == 1 ? "" : "s")."
        case (.candidatePrimitives, .ja): return "推奨候補暗号に依存する項目が \(n) 件ある（電子政府推奨暗号への移行が条件）。"
        case (.candidatePrimitives, .en):
            return "\(n) item\(n == 1 ? "" : "s") rely on candidate-tier primitives (condition: move to recommended ones)."
        case (.incomplete, .ja): return "観測できず判定不能の項目が \(n) 件ある（観測して再評価するまで適合とは言えない）。"
        case (.incomplete, .en):
            return
                "\(n) item\(n == 1 ? "" : "s") could not be observed and \(n == 1 ? "is" : "are") undecided (no conformance can be stated until \(n == 1 ? "it is" : "they are") observed and re-evaluated)."
        case (.transition, .ja): return "指定日まで運用を続けると LS-0003 上の扱いが変わる項目が \(n) 件ある（運用延長の前に更新が必要）。"
        case (.transition, .en):
            return
                "\(n) item\(n == 1 ? "" : "s") would change standing if the system ran until the projection day (condition: replace before extending operation)."
        case (.migrationPeriod, .ja): return "LS-0003 の移行完遂期間にある強度の項目が \(n) 件ある（期限までに移行を完了することが条件）。"
        case (.migrationPeriod, .en):
            return
                "\(n) item\(n == 1 ? "" : "s") use a strength in LS-0003's migration-completion period (condition: complete the migration by its deadline)."
        case (.operationEndAssumed, .ja):
            return
                "運用終了予定が指定されていないため、\(n) 件の項目は運用が \(reason.date.map(day) ?? "?") までに終わる場合に限り適合（調達仕様の運用終了予定を --operation-end で指定して再評価すること）。"
        case (.operationEndAssumed, .en):
            return
                "No end of operation was given: \(n) item\(n == 1 ? " is" : "s are") acceptable only if the system's operation ends by \(reason.date ?? "?") (re-evaluate with the procurement's planned end, --operation-end)."
        case (.processingOnly, .ja): return "既存データの処理のみ許容される強度の項目が \(n) 件ある（新規の保護には使わないことが条件）。"
        case (.processingOnly, .en):
            return "\(n) item\(n == 1 ? "" : "s") are tolerated only for processing existing data (condition: no new protection with them)."
        case (.weakEvidence, .ja): return "\(n) 件の判定は原典未確認のリスト情報に基づく（確度を各項目に表示）。"
        case (.weakEvidence, .en):
            return "\(n) verdict\(n == 1 ? "" : "s") rest on list facts not checked against the primary text (marked on each finding)."
        case (.nothingObserved, .ja): return "何も観測されていない（判定したエンドポイント・ファイル・対象が一つもない）。"
        case (.nothingObserved, .en): return "Nothing was observed: no endpoint, file or target was judged."
        }
    }

    /// The Japanese headline of a finding, from its fields; in English, the message itself.
    /// What is undecided or not applicable says why, in Japanese (`JapaneseReason`), with the
    /// text it keeps from outside the rules marked as the original.
    func judgement(_ finding: Finding) -> String {
        let (text, original) = judgementParts(finding)
        return original.map { text.dropLast() + JapaneseReason.marked($0) + "。" } ?? text
    }

    /// The headline and, apart, the original text it keeps (for HTML, which shows it as code).
    func judgementParts(_ finding: Finding) -> (text: String, original: String?) {
        guard language == .ja else { return (finding.message, nil) }
        if finding.verdict == .indeterminate {
            let (reason, original) = JapaneseReason.parts(finding.message, code: finding.errorCode)
            return ("観測できなかったため判定不能：" + reason + "。", original)
        }
        if finding.verdict == .notApplicable && finding.basis == nil && finding.strength == nil {
            let (reason, original) = JapaneseReason.parts(finding.message, code: finding.errorCode)
            return ("対象外：" + reason + "。", original)
        }
        if finding.component == .certificateHygiene {
            // The check and the verdict in Japanese; what was seen (names, URIs, dates) as written.
            let check = Self.hygieneChecks[finding.item] ?? finding.item
            return ("証明書の運用衛生（\(check)）：\(verdict(finding.verdict))。", finding.message)
        }
        return (headline(finding), nil)
    }

    /// The Japanese names of the certificate hygiene checks (the findings' items).
    static let hygieneChecks: [String: String] = [
        "ocsp-stapling": "OCSP ステープリング", "must-staple": "Must-Staple（TLS feature）",
        "certificate-transparency": "証明書の透明性（SCT）", "subject-alt-name": "subjectAltName",
        "revocation-uris": "失効確認の URI（CRL・OCSP）", "key-usage": "鍵用途（keyUsage・extendedKeyUsage）",
        "leaf-extensions": "サーバ証明書の拡張",
    ]

    private func headline(_ finding: Finding) -> String {
        var parts: [String] = []
        if let basis = finding.basis {
            parts.append("\(cited(basis.revision)) に基づき\(verdict(finding.verdict))。")
        } else if finding.listStatus != .notApplicable {
            parts.append("\(finding.list) では\(listStatus(of: finding))。")
        }
        if let strength = finding.strength { parts.append(strengthSentence(strength)) }
        return parts.isEmpty ? "\(verdict(finding.verdict))。" : parts.joined()
    }

    /// A strength judgement in LS-0003's terms, in Japanese (the English sentence is the model's).
    func strengthSentence(_ strength: StrengthJudgement) -> String {
        guard language == .ja else { return strength.sentence }
        let bits = "強度 \(StrengthJudgement.describe(strength.strengthBits)) ビット"
        let end = "運用終了予定 \(day(strength.operationEnd))"
        let deadline = strength.deadline.map(day) ?? "?"
        switch strength.status {
        case .acceptable:
            return "\(bits)：\(end)まで利用可（\(deadline) まで）。"
        case .migrationPeriod:
            return "\(bits)：\(end)は LS-0003 の移行完遂期間（\(deadline) まで）に当たる。"
                + (strength.targetBits.map { "\($0) ビット以上への移行を計画することが条件。" } ?? "移行を計画することが条件。")
        case .processingOnly:
            return "\(bits)：既存データの処理（復号・検証）のみ許容（処理のみ許容）。新規の保護には \(deadline) から利用不可。"
        case .notAcceptable:
            let needed = strength.targetBits.map { "\($0) ビット以上にすれば運用終了まで移行不要。" } ?? "LS-0003 の表はそこまでの期間を定めていない。"
            if let limit = strength.deadline.map(day) {
                return "\(bits)：\(end)までの新規の保護には利用不可（\(limit) から）。\(strength.requiredBits) ビット以上が必要。" + needed
            }
            return "\(bits)：LS-0003 の最低水準（112 ビット）未満で利用不可。\(strength.requiredBits) ビット以上が必要。" + needed
        case .beyondTable:
            return "\(bits)：LS-0003 の表は \(deadline) までで、\(end)の扱いは不明（判定不能）。"
        }
    }
}

extension ReportText {
    /// A profile's reason (or should-level note) in Japanese from its facts, as the identifier
    /// it is about (shown as code) and the sentence after it; in English, the policy's sentence.
    func profileReason(_ reason: ProfileReason) -> (item: String?, text: String) {
        guard language == .ja else { return (nil, reason.english) }
        let item = reason.item, version = reason.version ?? "", detail = reason.detail ?? ""
        switch reason.kind {
        case .versionProbeFailed: return (version, "：確認に失敗したため判定不能")
        case .versionRequired: return (version, "：必須だが受け入れていない")
        case .versionNotAllowed: return (version, "：受け入れているが、このプロファイルでは許されない")
        case .strengthUnknown: return (item, "：運用終了予定での強度の扱いが LS-0003 の表の範囲外（判定不能）")
        case .strengthBelow:
            return (
                item,
                "：強度 \(reason.bits ?? "?") ビットは、求められる \(reason.floor ?? 0) ビットに満たない"
                    + (reason.until.map { "（LS-0003 では運用終了予定 \(day($0)) までは利用不可）" } ?? "")
            )
        case .noForwardSecrecy: return (item, "（\(version)）：前方秘匿性がない")
        case .notAEAD: return (item, "（\(version)）：AEAD ではない")
        case .suiteUnknown: return (item, "（\(version)）：レジストリにないため分類が不明")
        case .suiteProhibited: return (item, "（\(version)）：利用禁止（\(detail)）")
        case .suiteNeither: return (item, "（\(version)）：利用推奨でも利用禁止でもない")
        case .certificateHash: return (item, "：証明書の署名に \(detail) を用いている")
        case .certificateKeyAlgorithm: return (item, "：サーバー証明書の鍵 \(detail) は許されない方式（許される方式: \(reason.allowed ?? "")）")
        case .certificateKeySize: return (item, "：サーバー証明書の鍵 \(detail) は \(reason.floor ?? 0) ビット未満")
        case .groupNotRecommended: return (item, "：推奨される鍵交換グループにない")
        case .schemeHash: return (item, "（\(version)）：署名方式が \(detail) を用いる")
        case .chosenThenFailed:
            return (item, "（\(version)）：サーバーが選択したがハンドシェイクが完了しなかった。受け入れていればこのプロファイルを満たさないため判定不能")
        case .undecided: return (item, "：観測できなかったため判定不能")
        }
    }

    /// A profile result's reasons, then its should-level notes: from the facts when the report
    /// has them (a report made before them keeps the policy's sentences).
    func profileReasons(_ profile: ProfileResult) -> [(advisory: Bool, item: String?, text: String)] {
        typealias Line = (item: String?, text: String)
        let reasons: [Line] =
            profile.reasonDetails.count == profile.reasons.count
            ? profile.reasonDetails.map(profileReason) : profile.reasons.map { (nil, $0) }
        let advisories: [Line] =
            profile.advisoryDetails.count == profile.advisories.count
            ? profile.advisoryDetails.map(profileReason) : profile.advisories.map { (nil, $0) }
        return reasons.map { (false, $0.item, $0.text) } + advisories.map { (true, $0.item, $0.text) }
    }
}
