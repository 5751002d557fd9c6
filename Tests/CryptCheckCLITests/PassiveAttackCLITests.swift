import CryptCheckReport
import Foundation
import TestSupport
import Testing

/// The passive attack findings on real servers: `openssl s_server` configured with the
/// prerequisite of each attack and its twin without it, and a scripted SSLv2 server sharing (or
/// not) its RSA key with an s_server for DROWN. Each check says vulnerable on one and not
/// vulnerable on the other.
@Suite("Passive attacks on real servers", .serialized)
struct PassiveAttackCLITests {
    static let fixed = ["--as-of", "2026-11-30", "--list", "LS-0001-2022", "--format", "json", "--timeout", "3"]

    /// The attack findings of a scan, by item (and context, for DROWN across endpoints).
    static func attacks(_ targets: [String]) throws -> [(subject: String, item: String, context: String?, verdict: String, message: String)]
    {
        let run = try CLI.run(["tls"] + targets + fixed)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
        let findings = try #require(report["findings"] as? [[String: Any]])
        return findings.filter { ($0["component"] as? String) == "attack" }.map {
            (
                $0["subject"] as? String ?? "", $0["item"] as? String ?? "", $0["context"] as? String, $0["verdict"] as? String ?? "",
                $0["message"] as? String ?? ""
            )
        }
    }

    static func verdicts(_ targets: [String]) throws -> [String: String] {
        Dictionary(try attacks(targets).filter { $0.context == nil }.map { ($0.item, $0.verdict) }, uniquingKeysWith: { $1 })
    }

    static let rsa = [
        "-cert", LocalServer.fixtures + "/certs/rsa2048-sha256.pem", "-key", LocalServer.fixtures + "/keys/rsa2048-pkcs1.pem",
    ]

    @Test func cbcSuitesUnderTLS10AgainstAnAEADOnlyTwin() throws {
        let old = try LocalServer(Self.rsa + ["-cipher", "AES128-SHA:@SECLEVEL=0", "-no_tls1_3"])
        let verdicts = try Self.verdicts(["127.0.0.1:\(old.port)"])
        #expect(verdicts["LUCKY13"] == "violation" && verdicts["BEAST"] == "violation", "\(verdicts)")
        #expect(verdicts["SWEET32"] == "pass" && verdicts["RC4 biases"] == "pass" && verdicts["FREAK"] == "pass", "\(verdicts)")
        #expect(verdicts["DROWN"] == "pass" && verdicts["CRIME"] == "pass", "\(verdicts)")
        let twin = try LocalServer(Self.rsa + ["-cipher", "ECDHE-RSA-AES128-GCM-SHA256", "-ciphersuites", "TLS_AES_128_GCM_SHA256"])
        let good = try Self.verdicts(["127.0.0.1:\(twin.port)"])
        for name in ["SWEET32", "RC4 biases", "FREAK", "Logjam", "DROWN", "POODLE (SSLv3)", "BEAST", "LUCKY13", "CRIME"] {
            #expect(good[name] == "pass", "\(name): \(good)")
        }
    }

    /// OpenSSL 3 here has neither Triple DES nor RC4 suites; GnuTLS can still be told to offer them.
    @Test func tripleDESAndRC4OnGnuTLS() throws {
        let gnutls = [
            "--x509certfile", LocalServer.fixtures + "/certs/rsa2048-sha256.pem", "--x509keyfile",
            LocalServer.fixtures + "/keys/rsa2048-pkcs1.pem",
        ]
        let old = try LocalServer(gnutls: gnutls + ["--priority", "NORMAL:-VERS-TLS1.3:+3DES-CBC:+ARCFOUR-128"])
        let verdicts = try Self.verdicts(["127.0.0.1:\(old.port)"])
        #expect(verdicts["SWEET32"] == "violation" && verdicts["RC4 biases"] == "violation", "\(verdicts)")
        let twin = try LocalServer(gnutls: gnutls + ["--priority", "NORMAL:-VERS-TLS1.3:-3DES-CBC:-ARCFOUR-128"])
        let good = try Self.verdicts(["127.0.0.1:\(twin.port)"])
        #expect(good["SWEET32"] == "pass" && good["RC4 biases"] == "pass", "\(good)")
    }

    /// DH parameters (PEM) with prime `p` (hex) and generator 2.
    static func dhParameters(prime hex: String) -> String {
        var p: [UInt8] =
            [0x00]
            + stride(from: 0, to: hex.count, by: 2).map {
                UInt8(hex[hex.index(hex.startIndex, offsetBy: $0)..<hex.index(hex.startIndex, offsetBy: $0 + 2)], radix: 16)!
            }
        p = [0x02, 0x81, UInt8(p.count)] + p
        let body = p + [0x02, 0x01, 0x02]
        let der: [UInt8] = [0x30, 0x81, UInt8(body.count)] + body
        return "-----BEGIN DH PARAMETERS-----\n" + Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
            + "\n-----END DH PARAMETERS-----\n"
    }

    /// The 1024-bit prime built into Apache httpd 2.0/2.2 mod_ssl (`ssl_engine_dh.c`).
    static let modSSL1024 =
        "E6969D3D495BE32C7CF180C3BDD4798E91B7818251BB055E2A2064904A79A770FA15A259CBD523A6A6EF09C43048D5A22F971F3C20129B48000E6EDD061CBC053E371D794E5327DF611EBBBE1BAC9B5C6044CF023D76E05EEA9BAD991B13A63C974E9EF1839EB5DB125136F7262E56A8871538DFD823C6505085E21F0DD5C86B"

    @Test func logjamNamesTheSharedPrimeAndPassesFFDHE2048() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("logjam-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let weak = directory.appendingPathComponent("modssl1024.pem")
        try Self.dhParameters(prime: Self.modSSL1024).write(to: weak, atomically: true, encoding: .utf8)
        let dhe = ["-cipher", "DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0", "-no_tls1_3"]
        let old = try LocalServer(Self.rsa + dhe + ["-dhparam", weak.path])
        let found = try Self.attacks(["127.0.0.1:\(old.port)"]).first { $0.item == "Logjam" }
        #expect(found?.verdict == "violation", "\(String(describing: found))")
        #expect(
            found?.message.contains("a 1024-bit DH prime is used, the shared prime mod_ssl-1024") == true, "\(String(describing: found))")
        let strong = directory.appendingPathComponent("ffdhe2048.pem")
        let made = try ToolRunner.run(
            "/usr/bin/openssl", ["genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "group:ffdhe2048", "-out", strong.path])
        #expect(made.status == 0, "\(made.output)")
        let twin = try LocalServer(Self.rsa + dhe + ["-dhparam", strong.path])
        let good = try Self.attacks(["127.0.0.1:\(twin.port)"]).first { $0.item == "Logjam" }
        #expect(good?.verdict == "pass" && good?.message.hasSuffix("2048-bit (ffdhe2048)") == true, "\(String(describing: good))")
    }

    /// An SSLv2 SERVER-HELLO with `certificate` (DER) and one cipher kind (RC4-128-MD5).
    static func sslv2ServerHello(certificate: [UInt8]) -> [UInt8] {
        let kinds: [UInt8] = [0x01, 0x00, 0x80]
        var body: [UInt8] = [
            4, 0, 1, 0x00, 0x02, UInt8(certificate.count >> 8), UInt8(certificate.count & 0xFF), 0x00, UInt8(kinds.count), 0x00, 0x10,
        ]
        body += certificate + kinds + Array(repeating: 0xAA, count: 16)
        return [UInt8(0x80 | body.count >> 8), UInt8(body.count & 0xFF)] + body
    }

    /// A DER certificate from a PEM file.
    static func der(_ path: String) throws -> [UInt8] {
        let pem = try String(contentsOfFile: path, encoding: .utf8)
        let base64 = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        return Array(try #require(Data(base64Encoded: base64)))
    }

    @Test func drownFindsTheKeyAnSSLv2ServerShares() throws {
        let certificate = try Self.der(LocalServer.fixtures + "/certs/rsa2048-sha256.pem")
        let hello = Self.sslv2ServerHello(certificate: certificate)
        // An SSLv2-only server: answers SSLv2 CLIENT-HELLOs, hangs up on everything else.
        let sslv2 = try FakeServer { _, connection in
            let bytes = connection.read()
            if bytes.count > 2, bytes[0] & 0x80 != 0, bytes[2] == 1 { connection.write(hello) }
        }
        let shared = try LocalServer(Self.rsa + ["-cipher", "ECDHE-RSA-AES128-GCM-SHA256"])
        let old = "127.0.0.1:\(sslv2.port)", new = "127.0.0.1:\(shared.port)"
        let found = try Self.attacks([old, new]).filter { $0.item == "DROWN" }
        #expect(found.first { $0.subject == old }?.verdict == "violation", "\(found)")
        let across = found.first { $0.subject == new && $0.context == "key shared with \(old)" }
        #expect(
            across?.verdict == "violation" && across?.message.contains("is also used by \(old), which accepts SSLv2") == true, "\(found)")
        #expect(found.first { $0.subject == new && $0.context == nil }?.verdict == "pass")
        // The text written endpoint by endpoint shows it too, after the endpoints, before the closing.
        let text = try CLI.run(["tls", old, new, "--as-of", "2026-11-30", "--timeout", "3", "--color", "never"])
        let shown = try #require(text.stdout.range(of: "[key shared with \(old)]"), "\(text.stdout)")
        #expect(text.stdout[shown.upperBound...].contains("is also used by \(old), which accepts SSLv2"))
        #expect(text.status == 1)
        // The twin: the TLS server holds a key of its own.
        let other = try LocalServer([
            "-cert", LocalServer.fixtures + "/certs/ec-p256-sha256.pem", "-key", LocalServer.fixtures + "/keys/ec-p256-sec1.pem",
        ])
        let twin = try Self.attacks([old, "127.0.0.1:\(other.port)"]).filter {
            $0.item == "DROWN" && $0.subject == "127.0.0.1:\(other.port)"
        }
        #expect(twin.map(\.verdict) == ["pass"], "\(twin)")
    }

    @Test func attackSentencesHaveJapanese() {
        let cases: [(String, String)] = [
            (
                "SWEET32: vulnerable: 64-bit block ciphers are accepted, so a birthday collision is expected after about 2^32 blocks under one key: TLS_RSA_WITH_3DES_EDE_CBC_SHA (0x000A) under TLSv1.2; 3-key Triple DES: monitored (unconfirmed)",
                "SWEET32：脆弱（攻撃の前提条件を観測した）。64 ビットブロック暗号を受け入れる。同じ鍵で約 2^32 ブロックを暗号化すると誕生日衝突が見込まれる（原文: TLS_RSA_WITH_3DES_EDE_CBC_SHA (0x000A) under TLSv1.2; 3-key Triple DES: monitored (unconfirmed)）"
            ),
            ("DROWN: not decided: whether SSLv2 is accepted was not observed", "DROWN：判定できない（必要なことを観測できなかった）。SSLv2 を受け入れるかを観測できなかった"),
            (
                "CRIME: not vulnerable: the server refused compression in a hello that offered DEFLATE",
                "CRIME：脆弱ではない（前提条件がないことを観測した）。DEFLATE を提示した ClientHello でサーバは圧縮を拒んだ"
            ),
            (
                "Logjam: vulnerable: a 1024-bit DH prime is used, the shared prime rfc2409-group2: one precomputation breaks every server using it; DH: recommended (confirmed)",
                "Logjam：脆弱（攻撃の前提条件を観測した）。1024 ビットの DH 素数を使う。多くのサーバが共有する素数 rfc2409-group2 であり、一度の事前計算でそれを使うすべてのサーバが破られる（原文: DH: recommended (confirmed)）"
            ),
            ("RC4 biases: not decided: TLSv1.2 was not probed", "RC4 biases：判定できない（必要なことを観測できなかった）。TLSv1.2 は確認していない"),
        ]
        for (english, japanese) in cases {
            #expect(JapaneseReason.render(english) == japanese, "\(english)")
        }
    }
}
