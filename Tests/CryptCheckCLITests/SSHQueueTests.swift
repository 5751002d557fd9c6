import CryptCheckModel
import CryptCheckReport
import Foundation
import TestSupport
import Testing

/// Issue 16 with the shared inventory: `queue add` takes an `ssh://` target beside a TLS one, a
/// `worker` scans each as what it is (the SSH one against a real sshd, as SSH), and the store and
/// `history` show the SSH endpoint under its `ssh://` name with its observations.
@Suite("SSH targets through the queue and a worker (PostgreSQL)", .serialized)
struct SSHQueueTests {
    @Test func aWorkerScansAnSSHTargetAsSSHBesideATLSOne() throws {
        let postgres = try PostgresServer()
        let tls = try StoreCLITests.server(ciphers: "ECDHE-RSA-AES128-GCM-SHA256")
        let tlsTarget = "127.0.0.1:\(tls.port)"
        let ssh: String
        do {
            let keys = try SSHHostKeys()
            let daemon = try SSHDaemon(keys: keys, lines: SSHEndpointCLITests.legacy, certificate: false)
            ssh = "ssh://127.0.0.1:\(daemon.port)"
            // Beside a running sshd the binary goes through `ToolRunner` (`SSHEndpointCLITests`).
            func cryptcheck(_ arguments: [String]) throws -> ToolRunner.Result {
                try ToolRunner.run(CLI.binary.path, arguments, timeout: 180, environment: postgres.environment)
            }
            let added = try cryptcheck(["queue", "add", ssh, tlsTarget, "--store", postgres.url()])
            #expect(added.status == 0 && added.output == "2 added, 0 already queued\n", "\(added.output)")
            let worker = try cryptcheck([
                "worker", "--store", postgres.url(), "--until-empty", "--poll", "0.2", "--name", "w0", "--retries", "0",
                "--as-of", "2026-11-30",
            ])
            #expect(worker.status == 0, "\(worker.output)\n\(daemon.daemon.logText)")
            // The worker connected to the daemon (what it saw is checked below).
            #expect(daemon.daemon.logText.contains("Connection from 127.0.0.1 port"), "\(daemon.daemon.logText)")
        }
        #expect(
            try postgres.psql("SELECT string_agg(target || ' ' || state, ', ' ORDER BY id) FROM queue") == "\(ssh) done, \(tlsTarget) done")
        // Each stored scan holds its target's observations, the SSH one as an SSH endpoint.
        let stored = try postgres.psql(
            #"SELECT convert_from(s.observations, 'UTF8') FROM scan s JOIN queue q ON q."scanId" = s.id WHERE q.target = '\#(ssh)'"#)
        let observations = try ObservationLoader.decode(Data(stored.utf8))
        #expect(observations.endpoints.isEmpty)
        let endpoint = try #require(observations.sshEndpoints.first)
        #expect(observations.sshEndpoints.count == 1 && endpoint.subject == ssh && endpoint.outcome.isObserved)
        #expect(endpoint.identification?.hasPrefix("SSH-2.0-OpenSSH_") == true)
        #expect(endpoint.algorithms.contains { $0.category == .cipher && $0.name == "3des-cbc" && $0.accepted == .yes })
        #expect(endpoint.hostKeys.contains { $0.isObserved })
        let other = try postgres.psql(
            #"SELECT convert_from(s.observations, 'UTF8') FROM scan s JOIN queue q ON q."scanId" = s.id WHERE q.target = '\#(tlsTarget)'"#)
        let tlsObservations = try ObservationLoader.decode(Data(other.utf8))
        #expect(tlsObservations.sshEndpoints.isEmpty && tlsObservations.endpoints.map(\.endpoint) == [tlsTarget])
        // `history` names the SSH endpoint with the legacy server's verdict; the TLS one apart.
        let history = try CLI.run(["history", ssh, "--store", postgres.url(), "--format", "json"], environment: postgres.environment)
        #expect(history.status == 0, "\(history.stderr)")
        let scans = try #require(try StoreCLITests.json(history.stdout)["scans"] as? [[String: Any]])
        #expect(scans.count == 1, "\(history.stdout)")
        #expect(scans.first?["target"] as? String == ssh && scans.first?["kind"] as? String == "endpoint")
        #expect((scans.first?["violations"] as? Int ?? 0) > 0, "\(history.stdout)")
        let tlsHistory = try CLI.run(
            ["history", tlsTarget, "--store", postgres.url(), "--format", "json"], environment: postgres.environment)
        #expect((try StoreCLITests.json(tlsHistory.stdout)["scans"] as? [Any])?.count == 1, "\(tlsHistory.stdout)")
    }
}
