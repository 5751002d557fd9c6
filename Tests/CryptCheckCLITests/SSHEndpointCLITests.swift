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
        let text = try Self.cryptcheck([subject, "--save-observations", saved.path, "--as-of", "2026-11-30"])
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
