import CryptCheckModel
import Foundation

/// What was observed of an SSH endpoint, for the text output under its subject: the server's
/// identification, its KEXINIT lists as sent (with the strict-kex and ext-info markers), what it
/// accepted offered alone (and on what evidence), its host keys and the primes of its group
/// exchanges. Every name the server sent is escaped before it reaches a terminal.
enum SSHEndpointTextRenderer {
    static func render(_ endpoint: SSHEndpointObservation, language: ReportLanguage = .en) -> String {
        let words = TextWords(language)
        func safe(_ text: String) -> String { EscapedText.terminalSafe(text) }
        func list(_ names: [String]) -> String { names.isEmpty ? "—" : names.map(safe).joined(separator: ", ") }
        var out = ""
        if let declared = endpoint.declared {
            // A CBOM's protocol asset: no identification, connection or KEXINIT was seen.
            out += words.pick("  SSH  CycloneDX BOM の申告（観測ではない）: ", "  SSH  declared in a CycloneDX BOM, not observed: ")
            out += safe(declared.name) + "\n"
            out += words.pick("  受け入れると申告されたもの:\n", "  Declared as accepted:\n")
        } else {
            let seconds = String(format: "%.1f", Double(endpoint.durationMilliseconds) / 1000)
            out +=
                "  SSH  " + (endpoint.identification.map(safe) ?? words.pick("（識別文字列なし）", "(no identification)"))
                + words.pick(
                    "  （接続先 \(endpoint.address ?? "—")、接続 \(endpoint.connections) 回、\(seconds) 秒）\n",
                    "  (address \(endpoint.address ?? "—"), \(endpoint.connections) connections, \(seconds) s)\n")
            guard let kex = endpoint.kexInit, endpoint.outcome.isObserved else {
                out +=
                    words.pick("  鍵交換に至らなかった: ", "  no key exchange: ") + endpoint.outcome.kind.rawValue
                    + (endpoint.outcome.detail.map { ": " + safe($0) } ?? "") + "\n"
                return out
            }
            out += words.pick("  KEXINIT（サーバが送った順）:\n", "  KEXINIT (as the server sent it):\n")
            func directions(_ label: String, _ toServer: [String], _ toClient: [String]) {
                if toServer == toClient {
                    out += "    \(label): \(list(toServer))\n"
                } else {
                    out += "    \(label) c→s: \(list(toServer))\n    \(label) s→c: \(list(toClient))\n"
                }
            }
            out += "    " + words.pick("鍵交換", "key exchange") + ": \(list(kex.kexAlgorithms))\n"
            out += "    " + words.pick("ホスト鍵", "host key") + ": \(list(kex.hostKeyAlgorithms))\n"
            directions(words.pick("暗号", "ciphers"), kex.ciphersClientToServer, kex.ciphersServerToClient)
            directions("MAC", kex.macsClientToServer, kex.macsServerToClient)
            directions(words.pick("圧縮", "compression"), kex.compressionClientToServer, kex.compressionServerToClient)
            let yes = words.pick("あり", "yes")
            let no = words.pick("なし", "no")
            out +=
                "    strict kex (\(SSHKexInitFacts.strictKexMarker)): \(kex.strictKex ? yes : no); "
                + "ext-info (\(SSHKexInitFacts.extInfoMarker)): \(kex.extInfo ? yes : no)\n"
            out += words.pick("  単独で提示して受け入れたもの:\n", "  Accepted, each offered alone:\n")
        }
        for category in SSHAlgorithmCategory.allCases {
            let probed = endpoint.algorithms.filter { $0.category == category }
            guard !probed.isEmpty else { continue }
            let accepted = probed.filter { $0.accepted == .yes }.map { support in
                safe(support.name) + (support.evidence == nil ? "" : words.pick("（ネゴシエーションのみ）", " (negotiation only)"))
            }
            let refused = probed.filter { $0.accepted == .no }.map(\.name)
            out += "    \(category.rawValue): \(accepted.isEmpty ? "—" : accepted.joined(separator: ", "))"
            if !refused.isEmpty { out += words.pick("; 拒否: ", "; refused: ") + list(refused) }
            out += "\n"
            for support in probed {
                if case .failed(let reason, _) = support.accepted {
                    out += "      " + words.pick("判別できず", "not determined") + " \(safe(support.name)): \(safe(reason))\n"
                }
                if let evidence = support.evidence, support.accepted == .yes {
                    out += "      \(safe(support.name)): \(safe(evidence))\n"
                }
            }
        }
        if !endpoint.hostKeys.isEmpty { out += words.pick("  ホスト鍵:\n", "  Host keys:\n") }
        for hostKey in endpoint.hostKeys {
            let status = endpoint.algorithms.first { $0.category == .hostKey && $0.name == hostKey.algorithm }?.accepted
            guard status == .yes || hostKey.key != nil || hostKey.failure != nil, status != .no else { continue }
            var line = "    \(safe(hostKey.algorithm)): "
            if let key = hostKey.key {
                line += key.summary + " " + (hostKey.fingerprint ?? "")
                switch hostKey.signatureVerified {
                case true?: line += words.pick("、署名検証済み", ", signature verified")
                case false?: line += words.pick("、署名の検証に失敗", ", signature did NOT verify")
                case nil where endpoint.declared != nil: line += words.pick("、申告された鍵、署名は未検証", ", declared, signature not verified")
                case nil: line += words.pick("、署名は未検証", ", signature not checked")
                }
                if let signature = hostKey.signatureAlgorithm { line += " (\(safe(signature)))" }
            } else {
                line += words.pick("観測していない", "not observed") + (hostKey.failure.map { ": " + safe($0) } ?? "")
            }
            out += line + "\n"
            if let certificate = hostKey.certificate {
                let from = certificate.validAfter.map { UTCCalendar.timestamp($0) } ?? words.pick("無期限", "always")
                let until = certificate.validBefore.map { UTCCalendar.timestamp($0) } ?? words.pick("無期限", "forever")
                out +=
                    "      " + words.pick("証明書", "certificate") + " \(certificate.role) key ID \"\(safe(certificate.keyID))\" "
                    + words.pick("プリンシパル", "principals") + " \(list(certificate.principals)) \(from) – \(until); CA "
                    + "\(certificate.caKey.summary) \(certificate.caFingerprint)\n"
            }
        }
        if !endpoint.groupExchange.isEmpty {
            out += words.pick("  グループ交換（要求 最小/希望/最大 → 素数）:\n", "  Group exchange (request min/preferred/max → prime):\n")
        }
        for group in endpoint.groupExchange {
            out += "    \(safe(group.keyExchange)) \(group.minimum)/\(group.preferred)/\(group.maximum) → "
            if let bits = group.primeBits {
                out += words.pick("\(bits) ビット", "\(bits) bits") + (group.generator.map { ", g=\($0)" } ?? "") + "\n"
            } else {
                out += words.pick("観測していない", "not observed") + (group.failure.map { ": " + safe($0) } ?? "") + "\n"
            }
        }
        return out
    }
}
