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

/// Issue 16: an SSH endpoint through scan → `--format cbom` → `evaluate`, against a real sshd.
/// The CBOM carries what the SSH rules judge; the declared endpoint is judged by the same rules,
/// its host keys by type and size with no signature verified.
@Suite("SSH scan → CBOM → evaluate gives the same verdicts", .serialized)
struct SSHCBOMRoundTripTests {
    static let asOf = ["--as-of", "2026-11-30", "--generated-at", "2026-11-30T09:00:00Z"]

    static func cryptcheck(_ arguments: [String]) throws -> ToolRunner.Result {
        try ToolRunner.run(CLI.binary.path, arguments, timeout: 180)
    }

    static func findings(_ report: URL) throws -> [[String: Any]] { try findings(Data(contentsOf: report)) }

    static func findings(_ data: Data) throws -> [[String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(object["findings"] as? [[String: Any]])
    }

    /// Component, item and verdict of every finding but the BOM's not-judged assets; every one
    /// marked declared or not as `declared` says.
    static func judged(_ findings: [[String: Any]], declared: Bool) -> Set<String> {
        var result = Set<String>()
        for finding in findings where finding["component"] as? String != "declared-asset" {
            #expect((finding["declared"] as? Bool ?? false) == declared, "\(finding["subject"] ?? "?") \(finding["item"] ?? "?")")
            result.insert(
                "\(finding["component"] as? String ?? "") \(finding["item"] as? String ?? ""): \(finding["verdict"] as? String ?? "")")
        }
        return result
    }

    /// Scans the daemon, writes the CBOM, validates it, evaluates it; returns both findings.
    static func roundTrip(_ lines: [String], certificate: Bool, list: String? = nil) throws -> (
        observed: [[String: Any]], declared: [[String: Any]], cbom: [String: Any]
    ) {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let saved = directory.appendingPathComponent("observations.json")
        let cbom = directory.appendingPathComponent("inventory.cdx.json")
        let original = directory.appendingPathComponent("observed.json")
        let declared = directory.appendingPathComponent("declared.json")
        let lists = list.map { ["--list", $0] } ?? []
        do {
            let keys = try SSHHostKeys()
            let daemon = try SSHDaemon(keys: keys, lines: lines, certificate: certificate)
            let scan = try cryptcheck(["ssh://127.0.0.1:\(daemon.port)", "--save-observations", saved.path] + asOf)
            #expect(FileManager.default.fileExists(atPath: saved.path), "\(scan.output)")
        }
        let judgedObserved = try cryptcheck(["evaluate", saved.path, "--format", "json", "-o", original.path] + lists + asOf)
        let written = try cryptcheck(["evaluate", saved.path, "--format", "cbom", "-o", cbom.path] + asOf)
        #expect(FileManager.default.fileExists(atPath: cbom.path), "\(written.output)")
        #expect(try SchemaValidationTests().validate("Tests/Schemas/bom-1.6.SNAPSHOT.schema.json", cbom.path).status == 0)
        let evaluated = try cryptcheck(["evaluate", cbom.path, "--format", "json", "-o", declared.path] + lists + asOf)
        // The same verdicts give the same exit status.
        #expect(evaluated.status == judgedObserved.status, "\(evaluated.output)")
        // The declared endpoint's evidence is in the report's schema.
        #expect(try SchemaValidationTests().validate("Schemas/cryptcheck-report-2.schema.json", declared.path).status == 0)
        let bom = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: cbom)) as? [String: Any])
        return (try findings(original), try findings(declared), bom)
    }

    static func expectSame(_ observed: [[String: Any]], _ declared: [[String: Any]]) {
        let before = judged(observed, declared: false)
        let after = judged(declared, declared: true)
        #expect(before.contains { $0.hasPrefix("ssh-cipher ") })
        #expect(before.contains { $0.hasPrefix("ssh-host-key ") })
        #expect(before.subtracting(after).isEmpty, "judged when observed, not when declared: \(before.subtracting(after).sorted())")
        #expect(after.subtracting(before).isEmpty, "judged when declared, not when observed: \(after.subtracting(before).sorted())")
        // A declared host key is judged by its type and size, never as verified.
        for finding in declared where finding["component"] as? String == "ssh-host-key" {
            #expect((finding["context"] as? String ?? "").hasSuffix("; declared, signature not verified"))
        }
        #expect(
            !declared.contains { $0["component"] as? String == "declared-asset" },
            "\(declared.filter { $0["component"] as? String == "declared-asset" })")
    }

    @Test func aModernSSHD() throws {
        for list in ["LS-0001-2022R2", "LS-0001-2012R8"] {
            let (observed, declared, bom) = try Self.roundTrip(SSHEndpointCLITests.modern, certificate: false, list: list)
            Self.expectSame(observed, declared)
            // For other CBOM readers: the SSH names as cipher suites, the host keys as public keys.
            let components = try #require(bom["components"] as? [[String: Any]])
            let ssh = try #require(
                components.first {
                    (($0["cryptoProperties"] as? [String: Any])?["protocolProperties"] as? [String: Any])?["type"] as? String == "ssh"
                })
            let protocolProperties = try #require((ssh["cryptoProperties"] as? [String: Any])?["protocolProperties"] as? [String: Any])
            let suites = (protocolProperties["cipherSuites"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(Set(suites).isSuperset(of: ["aes256-gcm@openssh.com", "aes128-ctr", "ecdh-sha2-nistp256", "hmac-sha2-512"]))
            let refs = protocolProperties["cryptoRefArray"] as? [String] ?? []
            #expect(refs.filter { $0.hasPrefix("crypto/ssh-host-key/") }.count == 2)
        }
    }

    @Test func aHostCertificateWithItsCAKey() throws {
        // The Ed25519 key only through its host certificate (shown also as plain ssh-ed25519,
        // the key would be judged once, as a plain key).
        let (observed, declared, bom) = try Self.roundTrip(
            ["HostKeyAlgorithms ssh-ed25519-cert-v01@openssh.com,ecdsa-sha2-nistp256"], certificate: true)
        for component in ["ssh-certificate-key", "ssh-certificate-ca-key", "ssh-certificate-signature", "ssh-certificate-validity"] {
            #expect(observed.contains { $0["component"] as? String == component }, "\(component)")
        }
        Self.expectSame(observed, declared)
        // The CA key is an asset of its own, named by the certified key's properties.
        let components = try #require(bom["components"] as? [[String: Any]])
        let certified = try #require(
            components.first {
                (($0["properties"] as? [[String: Any]]) ?? []).contains { $0["name"] as? String == "cryptcheck:ssh:certificate" }
            })
        let caRef = try #require(
            ((certified["properties"] as? [[String: Any]]) ?? []).first { $0["name"] as? String == "cryptcheck:ssh:certificate:caKey" }?[
                "value"]
                as? String)
        #expect(components.contains { $0["bom-ref"] as? String == caRef })
    }

    @Test func aLegacySSHDWithGroupExchange() throws {
        let (observed, declared, _) = try Self.roundTrip(SSHEndpointCLITests.legacy, certificate: false)
        #expect(observed.contains { $0["component"] as? String == "ssh-group-exchange" })
        #expect(observed.contains { $0["verdict"] as? String == "violation" })
        Self.expectSame(observed, declared)
    }
}

/// Issue 16: an SSH protocol asset written by hand in the shape of the CycloneDX 1.6 examples
/// (type, version, cipher suites by name, a host key it refers to), and malformed ones.
@Suite("A hand-written SSH protocol asset is judged or listed as not judged")
struct SSHDeclaredAssetTests {
    static let fixed = ["--as-of", "2026-11-30", "--generated-at", "2026-11-30T09:00:00Z", "--color", "never"]

    static func asset(_ ref: String, _ protocolProperties: String, properties: String? = nil) -> String {
        """
        {"type":"cryptographic-asset","bom-ref":"\(ref)","name":"SSH",
         "cryptoProperties":{"assetType":"protocol","protocolProperties":\(protocolProperties)}\(properties.map { ",\"properties\":\($0)" } ?? "")}
        """
    }

    static let bom = """
        {"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
         "metadata":{"component":{"type":"application","name":"Vendor appliance","version":"3.1"}},
         "components":[
          \(asset("ssh", """
            {"type":"ssh","version":"2.0","cipherSuites":[{"name":"curve25519-sha256"},{"name":"diffie-hellman-group1-sha1"},
             {"name":"aes256-gcm@openssh.com"},{"name":"hmac-sha1"},{"name":"ssh-ed25519"},{"name":"rot13-ctr"},{"identifiers":["0x01"]}],
             "cryptoRefArray":["host-ed25519"]}
            """)),
          {"type":"cryptographic-asset","bom-ref":"host-ed25519","name":"Ed25519 host key",
           "cryptoProperties":{"assetType":"related-crypto-material","relatedCryptoMaterialProperties":{"type":"public-key","size":256},
            "oid":"1.3.101.112"},
           "properties":[{"name":"cryptcheck:ssh:hostKeyAlgorithm","value":"ssh-ed25519"}]},
          \(asset("no-version", #"{"type":"ssh","cipherSuites":[{"name":"aes128-ctr"}]}"#)),
          \(asset("ssh1", #"{"type":"ssh","version":"1.5"}"#)),
          \(asset("nothing", #"{"type":"ssh","version":"2.0"}"#)),
          \(asset("not-an-array", #"{"type":"ssh","version":"2.0","cipherSuites":"aes128-ctr"}"#)),
          \(asset("bad-properties", #"{"type":"ssh","version":"2.0"}"#, properties: #"""
            [{"name":"cryptcheck:ssh:cipher","value":"aes128-ctr"},
             {"name":"cryptcheck:ssh:groupExchange","value":"diffie-hellman-group-exchange-sha256 lots"},
             {"name":"cryptcheck:ssh:warp","value":"x"}]
            """#))
         ]}
        """

    @Test func judgedAsDeclaredWithClearErrorsForWhatCannotBeRead() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("vendor.cdx.json").path
        try Self.bom.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try CLI.run(["evaluate", path, "--format", "json"] + Self.fixed)
        #expect(run.status == 1, "\(run.stderr)")
        let findings = try SSHCBOMRoundTripTests.findings(Data(run.stdout.utf8))
        for finding in findings { #expect(finding["declared"] as? Bool == true) }
        func verdict(_ ref: String, _ component: String, _ item: String) -> String? {
            findings.first {
                $0["subject"] as? String == "\(path)#\(ref)" && $0["component"] as? String == component && $0["item"] as? String == item
            }?["verdict"] as? String
        }
        // Each name in the class whose registry knows it, judged by the SSH rules.
        #expect(verdict("ssh", "ssh-key-exchange", "curve25519-sha256") == "pass")
        #expect(verdict("ssh", "ssh-key-exchange", "diffie-hellman-group1-sha1") == "violation")
        #expect(verdict("ssh", "ssh-cipher", "aes256-gcm@openssh.com") == "pass")
        #expect(verdict("ssh", "ssh-mac", "hmac-sha1") == "violation")
        #expect(verdict("ssh", "ssh-host-key-algorithm", "ssh-ed25519") == "pass")
        // The host key by its type and size, never as verified.
        let hostKey = try #require(findings.first { $0["component"] as? String == "ssh-host-key" })
        #expect(hostKey["item"] as? String == "Ed25519")
        #expect(hostKey["verdict"] as? String == "pass")
        #expect((hostKey["context"] as? String ?? "").contains("declared, signature not verified"))
        #expect(!(hostKey["message"] as? String ?? "").contains("verified"))
        // What cannot be mapped: not judged, with the reason and where, never a pass.
        let notJudged = findings.filter { $0["component"] as? String == "declared-asset" }
        #expect(notJudged.allSatisfy { $0["verdict"] as? String == "indeterminate" })
        func reason(_ ref: String) -> [String] {
            notJudged.filter { $0["subject"] as? String == "\(path)#\(ref)" }.map { "\($0["errorCode"] ?? "") \($0["message"] ?? "")" }
        }
        #expect(reason("ssh").contains { $0.contains("bom.unknown-algorithm") && $0.contains("'rot13-ctr' is not in the registry") })
        #expect(reason("ssh").contains { $0.contains("an SSH cipher suite has no name") && $0.contains("cipherSuites[6]") })
        #expect(reason("no-version").contains { $0.contains("bom.malformed-asset") && $0.contains("declares no version") })
        #expect(reason("ssh1").contains { $0.contains("bom.unsupported-asset") && $0.contains("'1.5'") })
        #expect(reason("nothing").contains { $0.contains("names no algorithms") })
        #expect(reason("not-an-array").contains { $0.contains("bom.malformed-asset") && $0.contains("cipherSuites is not an array") })
        #expect(reason("bad-properties").contains { $0.contains("is not 'method min/preferred/max bits'") })
        #expect(reason("bad-properties").contains { $0.contains("'cryptcheck:ssh:warp' is not known") })
        // What could be read of that asset is still judged.
        #expect(verdict("bad-properties", "ssh-cipher", "aes128-ctr") == "pass")
        // Each error is said on standard error too, naming the BOM and the asset.
        #expect(run.stderr.contains("\(path)#ssh1: ssh version '1.5' is not judged by cryptcheck"))
        // The text output says the endpoint was declared, not observed.
        let text = try CLI.run(["evaluate", path] + Self.fixed)
        #expect(text.stdout.contains("SSH  declared in a CycloneDX BOM, not observed: \(path)#ssh"))
        #expect(text.stdout.contains("Ed25519 SHA256:") == false)
        #expect(text.stdout.contains("declared, signature not verified"))
    }
}
