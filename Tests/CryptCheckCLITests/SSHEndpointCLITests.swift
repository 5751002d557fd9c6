import CryptCheckModel
import CryptCheckPolicy
import CryptCheckReport
import Foundation
import TestSupport
import Testing

/// Issue 16 item 1: `cryptcheck ssh://HOST[:PORT]` and `--ssh` against a real sshd, through the
/// text and JSON outputs, saved observations and `evaluate`, with the exit codes.
@Suite(.serialized) struct SSHEndpointCLITests {
    static let modern = [
        "KexAlgorithms ecdh-sha2-nistp256,ecdh-sha2-nistp384,diffie-hellman-group16-sha512",
        "Ciphers aes256-gcm@openssh.com,aes128-ctr",
        "MACs hmac-sha2-256-etm@openssh.com,hmac-sha2-512",
        "HostKeyAlgorithms ecdsa-sha2-nistp256,rsa-sha2-512,rsa-sha2-256",
        "Compression no",
    ]
    static let legacy = [
        "KexAlgorithms diffie-hellman-group1-sha1,diffie-hellman-group14-sha256,diffie-hellman-group-exchange-sha256",
        "Ciphers aes128-cbc,3des-cbc,aes256-ctr",
        "MACs hmac-sha1,hmac-md5,hmac-sha2-256",
        "HostKeyAlgorithms ssh-rsa,rsa-sha2-256,ecdsa-sha2-nistp256",
    ]

    /// The binary beside a running daemon goes through `ToolRunner` (Foundation's `Process`
    /// would never be seen to end); standard output and error together.
    static func cryptcheck(_ arguments: [String]) throws -> ToolRunner.Result {
        try ToolRunner.run(CLI.binary.path, arguments, timeout: 180)
    }

    static func decodeObservations(_ path: URL) throws -> ObservationSet {
        try ObservationLoader.decode(Data(contentsOf: path))
    }

    /// Scans a modern sshd into `saved`; returns the endpoint's name and the run's output, with the
    /// daemon stopped.
    static func scanModern(saving saved: URL) throws -> (subject: String, text: ToolRunner.Result, fingerprints: [String]) {
        let keys = try SSHHostKeys()
        let daemon = try SSHDaemon(keys: keys, lines: Self.modern, certificate: false)
        let subject = "ssh://127.0.0.1:\(daemon.port)"
        let store = saved.deletingLastPathComponent().appendingPathComponent("store.sqlite")
        let text = try Self.cryptcheck([subject, "--save-observations", saved.path, "--store", store.path, "--as-of", "2026-11-30"])
        return (subject, text, [try keys.fingerprint("rsa"), try keys.fingerprint("ecdsa")])
    }

    @Test func aModernSSHDThroughTextJSONSavedObservationsAndEvaluate() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let saved = directory.appendingPathComponent("observations.json")
        let (subject, text, fingerprints) = try Self.scanModern(saving: saved)
        // Every accepted algorithm is on LS-0001-2022R2 and the keys are strong enough: conformant.
        #expect(text.status == 0, "\(text.output)")
        #expect(text.output.contains("\n\(subject)\n"))
        #expect(text.output.contains("SSH  SSH-2.0-OpenSSH_9.2"))
        #expect(text.output.contains("strict kex (kex-strict-s-v00@openssh.com): yes"))
        for fingerprint in fingerprints { #expect(text.output.contains(fingerprint)) }
        let observations = try Self.decodeObservations(saved)
        let endpoint = try #require(observations.sshEndpoints.first)
        #expect(observations.endpoints.isEmpty)
        #expect(endpoint.subject == subject)
        #expect(
            Set(endpoint.algorithms.filter { $0.category == .cipher && $0.accepted == .yes }.map(\.name)) == [
                "aes256-gcm@openssh.com", "aes128-ctr",
            ])
        // `evaluate` of the saved observations judges the same.
        let evaluated = try Self.cryptcheck(["evaluate", saved.path, "--as-of", "2026-11-30"])
        #expect(evaluated.status == 0, "\(evaluated.output)")
        #expect(evaluated.output.contains("\n\(subject)\n"))
        // The JSON report carries the findings and the observed endpoint.
        let report = directory.appendingPathComponent("report.json")
        let json = try Self.cryptcheck(["evaluate", saved.path, "--as-of", "2026-11-30", "--format", "json", "-o", report.path])
        #expect(json.status == 0, "\(json.output)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["subject"] as? String == subject && $0["component"] as? String == "ssh-cipher" })
        let evidence = try #require(object["evidence"] as? [String: Any])
        let ssh = try #require(evidence["sshEndpoints"] as? [[String: Any]])
        #expect(ssh.first?["identification"] as? String == endpoint.identification)
        #expect((object["scope"] as? [String: Any])?["endpoints"] as? [String] == [subject])
        #expect(try SchemaValidationTests().validate("Schemas/cryptcheck-report-2.schema.json", report.path).status == 0)
        // The store keeps the endpoint under its name, with its verdict.
        let history = try CLI.run([
            "history", subject, "--store", directory.appendingPathComponent("store.sqlite").path, "--format", "json",
        ])
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.contains(subject))
        #expect(history.stdout.contains("conformant") || history.stdout.contains("pass"), "\(history.stdout)")
        // A vendor's BOM against the saved SSH observations: the SSH algorithms and host keys used
        // but not declared, and what the BOM declares that the server does not show.
        let diff = try CLI.run(["diff", CBOMInputTests.vendor, saved.path, "--format", "json"])
        let diffFile = directory.appendingPathComponent("diff.json")
        try Data(diff.stdout.utf8).write(to: diffFile)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [String: Any])
        let inventory = try #require(document["inventory"] as? [String: Any])
        let used = try #require(inventory["usedNotDeclared"] as? [[String: String]])
        #expect(used.contains { $0["field"] == "ssh-algorithm" && $0["value"] == "cipher aes128-ctr" }, "\(used)")
        // The vendor declares RSA-2048 (seen here too); the ECDSA host key it does not.
        #expect(used.contains { $0["field"] == "key" && $0["value"] == "EC P-256" }, "\(used)")
        #expect(!used.contains { $0["field"] == "key" && $0["value"] == "RSA-2048" }, "\(used)")
        #expect(!((inventory["declaredNotSeen"] as? [Any]) ?? []).isEmpty)
        #expect(try SchemaValidationTests().validate("Schemas/cryptcheck-diff-1.schema.json", diffFile.path).status == 0)
        try Self.checkEveryFormat(saved, subject: subject, directory: directory)
    }

    /// The saved SSH endpoint through CSV, SARIF, the CBOM and the HTML report (ja and en):
    /// its findings in each, the SARIF log and the CBOM valid, the CBOM with the endpoint as an
    /// SSH protocol asset that names its algorithms, and page 1 counting it in scope.
    static func checkEveryFormat(_ saved: URL, subject: String, directory: URL) throws {
        func output(_ format: String, _ extra: [String] = []) throws -> URL {
            let file = directory.appendingPathComponent("out-\(format)\(extra.joined()).\(format)")
            let run = try CLI.run(["evaluate", saved.path, "--as-of", "2026-11-30", "--format", format, "-o", file.path] + extra)
            #expect(run.status == 0, "\(format): \(run.stderr)")
            return file
        }
        let csv = try String(contentsOf: output("csv"), encoding: .utf8)
        #expect(csv.contains(subject) && csv.contains("ssh-key-exchange") && csv.contains("ecdh-sha2-nistp256"))
        let sarif = try output("sarif")
        // A conformant endpoint has no SARIF result (the legacy one's are checked below).
        #expect(try SchemaValidationTests().validate("Tests/Schemas/sarif-2.1.0.json", sarif.path).status == 0)
        let cbom = try output("cbom")
        #expect(try SchemaValidationTests().validate("Tests/Schemas/bom-1.6.SNAPSHOT.schema.json", cbom.path).status == 0)
        let bom = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: cbom)) as? [String: Any])
        let components = try #require(bom["components"] as? [[String: Any]])
        let ssh = try #require(components.first { $0["bom-ref"] as? String == "crypto/protocol/\(subject)/SSH-2.0" })
        let properties = try #require((ssh["cryptoProperties"] as? [String: Any])?["protocolProperties"] as? [String: Any])
        #expect(properties["type"] as? String == "ssh")
        #expect(((properties["cryptoRefArray"] as? [String]) ?? []).contains { $0.contains("ecdh") })
        for language in ["en", "ja"] {
            let html = try String(contentsOf: output("html", ["--lang", language]), encoding: .utf8)
            #expect(html.contains(subject), "\(language)")
            #expect(html.contains(language == "ja" ? "SSH 暗号" : "ssh-cipher"), "\(language)")
        }
    }

    @Test func aLegacySSHDIsAViolationUnderBothEditions() throws {
        let keys = try SSHHostKeys()
        let daemon = try SSHDaemon(keys: keys, lines: Self.legacy, certificate: false)
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let targets = directory.appendingPathComponent("targets.txt")
        // From a targets file, with --ssh's spelling alongside.
        try "# SSH\nssh://127.0.0.1:\(daemon.port)\n".write(to: targets, atomically: true, encoding: .utf8)
        let saved = directory.appendingPathComponent("observations.json")
        let run = try Self.cryptcheck(["-f", targets.path, "--as-of", "2026-11-30", "--save-observations", saved.path])
        #expect(run.status == 1, "\(run.output)")
        #expect(run.output.contains("3des-cbc"))
        #expect(run.output.contains("diffie-hellman-group1-sha1"))
        #expect(run.output.contains("Group exchange"))
        // Its violations are SARIF results located at the endpoint.
        let sarif = directory.appendingPathComponent("legacy.sarif")
        _ = try Self.cryptcheck(["evaluate", saved.path, "--as-of", "2026-11-30", "--format", "sarif", "-o", sarif.path])
        let subject = "ssh://127.0.0.1:\(daemon.port)"
        let log = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: sarif)) as? [String: Any])
        let results = try #require(((log["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        let names = results.flatMap {
            (($0["locations"] as? [[String: Any]]) ?? []).flatMap { ($0["logicalLocations"] as? [[String: Any]]) ?? [] }
        }
        .compactMap { $0["name"] as? String }
        #expect(names.contains(subject))
        for list in ["LS-0001-2022R2", "LS-0001-2012R8"] {
            let evaluated = try Self.cryptcheck(["evaluate", saved.path, "--list", list, "--as-of", "2026-11-30", "--format", "csv"])
            #expect(evaluated.status == 1, "\(list): \(evaluated.output)")
            #expect(evaluated.output.contains("ssh-mac"), "\(list)")
        }
    }

    @Test func anSSHEndpointThatCannotBeReachedIsIncomplete() throws {
        let port = try LocalServer.freePort()
        let run = try Self.cryptcheck(["--ssh", "127.0.0.1:\(port)", "--as-of", "2026-11-30"])
        #expect(run.status == 2, "\(run.output)")
        #expect(run.output.contains("ssh://127.0.0.1:\(port): no SSH key exchange (unreachable)"))
        #expect(run.output.lowercased().contains("indeterminate"))
    }

    @Test func aTargetThatIsNotSSHIsAUsageErrorForSSH() throws {
        let run = try Self.cryptcheck(["--ssh", "https://example.invalid"])
        #expect(run.status == 64, "\(run.output)")
        #expect(run.output.contains("not an SSH endpoint"))
    }
}
