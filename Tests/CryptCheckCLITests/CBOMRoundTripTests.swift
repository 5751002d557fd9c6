import Foundation
import TestSupport
import Testing

/// Issue 16 item 2: a CBOM cryptcheck wrote, given back to `evaluate`, gives every suite,
/// version, key and certificate the verdict the original evaluation gave it: a declared
/// asset is judged exactly as the same thing observed.
@Suite("scan → CBOM → evaluate gives the same verdicts", .serialized)
struct CBOMRoundTripTests {
    static let fixed = ["--as-of", "2026-11-30", "--generated-at", "2026-11-30T09:00:00Z"]

    /// What a finding judged and its verdict, by kind of thing rather than by subject (a scan
    /// names hosts and paths, a BOM its assets; a CBOM holds each certificate once). Keys are
    /// one kind, whatever held them (the CBOM calls every key a public or private key).
    static func judged(_ json: String, declared: Bool) throws -> Set<String> {
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let keys: Set<String> = [
            "private-key", "public-key", "ssh-private-key", "ssh-public-key", "certificate-request", "pkcs12", "keystore",
        ]
        let compared: Set<String> = [
            "protocol-version", "cipher-suite", "certificate-key", "certificate-signature", "certificate-validity",
        ]
        var result = Set<String>()
        for finding in findings {
            let component = finding["component"] as? String ?? ""
            guard compared.contains(component) || keys.contains(component) else { continue }
            #expect((finding["declared"] as? Bool ?? false) == declared, "\(finding["subject"] ?? "?")")
            let kind = keys.contains(component) ? "key" : component
            let context = component == "cipher-suite" ? " [\(finding["context"] as? String ?? "")]" : ""
            result.insert("\(kind) \(finding["item"] as? String ?? "")\(context): \(finding["verdict"] as? String ?? "")")
        }
        return result
    }

    /// Saves `command`'s observations, writes their report and CBOM, evaluates the CBOM, and
    /// compares the two sets of judgements.
    static func roundTrip(_ command: [String]) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let saved = directory.appendingPathComponent("observations.json").path
        let cbom = directory.appendingPathComponent("inventory.cdx.json").path
        _ = try CLI.run(command + ["--save-observations", saved, "--format", "json"] + fixed)
        let original = try CLI.run(["evaluate", saved, "--format", "json"] + fixed)
        let written = try CLI.run(["evaluate", saved, "--format", "cbom", "-o", cbom] + fixed)
        #expect(FileManager.default.fileExists(atPath: cbom), "\(written.stderr)")
        let declared = try CLI.run(["evaluate", cbom, "--format", "json"] + fixed)
        let before = try judged(original.stdout, declared: false)
        let after = try judged(declared.stdout, declared: true)
        #expect(!before.isEmpty)
        #expect(before.subtracting(after).isEmpty, "judged when observed, not when declared: \(before.subtracting(after).sorted())")
        #expect(after.subtracting(before).isEmpty, "judged when declared, not when observed: \(after.subtracting(before).sorted())")
    }

    @Test func filesRoundTrip() throws {
        try Self.roundTrip(["scan", "Fixtures/files/certs", "Fixtures/files/keys"])
    }

    @Test func tlsRoundTrip() throws {
        let server = try LocalServer([
            "-cert", LocalServer.fixtures + "/certs/rsa2048-sha256.pem", "-key", LocalServer.fixtures + "/keys/rsa2048-pkcs1.pem",
            "-cipher", "AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256:DES-CBC3-SHA:@SECLEVEL=0",
            "-ciphersuites", "TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256",
        ])
        try Self.roundTrip(["tls", "127.0.0.1:\(server.port)"])
    }
}
