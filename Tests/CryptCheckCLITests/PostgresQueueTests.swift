import CryptCheckModel
import CryptCheckStore
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `cryptcheck queue` and `cryptcheck worker` against a real PostgreSQL 15 started by the test:
/// enqueueing with per-line errors and without duplicates, a fleet of workers of which one is
/// killed mid-scan (every target stored once, none lost), a lease taken over (the token check),
/// and the errors of a store that cannot be used.
@Suite("Queue and workers on PostgreSQL", .serialized)
struct PostgresQueueTests {
    /// A scan with nothing in it, for the queue's own calls.
    static func emptyRecord() -> ScanRecord {
        ScanRecord(
            command: "tls", tool: "test", lists: [], asOf: "2026-11-30", startedAt: Date(), finishedAt: Date(), interrupted: false,
            observations: ObservationSet(tool: "test", observedAt: Date()), observationsJSON: Array("{}".utf8), roots: [],
            findings: [])
    }

    /// A worker process writing its standard error to a file in `directory`.
    static func worker(_ postgres: PostgresServer, name: String, in directory: URL, timeout: Int = 3) throws -> Process {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments =
            [
                "worker", "--store", postgres.url(), "--lease", "3", "--concurrency", "2", "--until-empty", "--poll", "0.2",
                "--name", name, "--timeout", String(timeout), "--retries", "0", "--as-of", "2026-11-30",
            ]
        process.environment = postgres.environment
        process.standardOutput = FileHandle.nullDevice
        let log = directory.appendingPathComponent("\(name).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        return process
    }

    static func waitForExit(_ process: Process, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        return !process.isRunning
    }

    @Test func addReportsBadLinesAndQueuesATargetOnce() throws {
        let postgres = try PostgresServer()
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("targets.txt")
        try "# fleet\na.example\na.example:443\nsmtp://mail.example\nnot a target\n\nb.example:8443{127.0.0.1}\n[::1]:443\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let added = try CLI.run(
            ["queue", "add", "-f", file.path, "c.example", "--store", postgres.url()], environment: postgres.environment)
        #expect(added.status == 2, "\(added.stderr)")
        #expect(added.stderr.contains("targets.txt:5: not a target"), "\(added.stderr)")
        #expect(added.stdout == "5 added, 1 already queued, 1 line not a target (not added)\n", "\(added.stdout)")
        #expect(
            try postgres.psql("SELECT string_agg(target, ' ' ORDER BY id) FROM queue")
                == "c.example:443 a.example:443 smtp://mail.example:25 b.example:8443{127.0.0.1} [::1]:443")
        let again = try CLI.run(
            ["queue", "add", "a.example", "[::1]", "d.example:993", "--store", postgres.url()], environment: postgres.environment)
        #expect(again.status == 0 && again.stdout == "1 added, 2 already queued\n", "\(again.stdout) \(again.stderr)")
        let status = try CLI.run(["queue", "status", "--store", postgres.url()], environment: postgres.environment)
        #expect(status.status == 0 && status.stdout == "pending 6, leased 0, done 0, failed 0\n", "\(status.stdout) \(status.stderr)")
        // A store that is not PostgreSQL is a usage error.
        let sqlite = try CLI.run(["queue", "status", "--store", directory.appendingPathComponent("s.sqlite").path])
        #expect(sqlite.status == 64 && sqlite.stderr.contains("the queue lives in PostgreSQL"), "\(sqlite.stderr)")
    }

    @Test func threeWorkersOneKilledMidScanStoreEveryTargetOnce() throws {
        let postgres = try PostgresServer()
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Six slow endpoints first in the queue (every connection held 2 s, then closed: each
        // scan takes seconds), then fourteen TLS servers.
        let slow = try (0..<6).map { _ in try FakeServer { _, connection in connection.stall(2) } }
        let fast = try (0..<14).map { _ in try StoreCLITests.server(ciphers: "ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA") }
        let targets = slow.map { "127.0.0.1:\($0.port)" } + fast.map { "127.0.0.1:\($0.port)" }
        let add = try CLI.run(["queue", "add"] + targets + ["--store", postgres.url()], environment: postgres.environment)
        #expect(add.status == 0 && add.stdout == "20 added, 0 already queued\n", "\(add.stdout) \(add.stderr)")
        let workers = try ["w0", "w1", "w2"].map { try Self.worker(postgres, name: $0, in: directory) }
        defer { for process in workers where process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        // Kill w1 while it holds a lease.
        var victimHeld: [String] = []
        let deadline = Date().addingTimeInterval(30)
        while victimHeld.isEmpty && Date() < deadline {
            let held = try postgres.psql("SELECT string_agg(id::text, ',') FROM queue WHERE state = 'leased' AND worker = 'w1'")
            if !held.isEmpty { victimHeld = held.split(separator: ",").map(String.init) } else { usleep(50_000) }
        }
        try #require(!victimHeld.isEmpty, "w1 never held a lease")
        kill(workers[1].processIdentifier, SIGKILL)
        for (index, process) in workers.enumerated() where index != 1 {
            let log = directory.appendingPathComponent("w\(index).log")
            #expect(Self.waitForExit(process, seconds: 240), "w\(index) did not end")
            #expect(process.terminationStatus == 0, "w\(index): \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        }
        #expect(Self.waitForExit(workers[1], seconds: 5) && workers[1].terminationReason == .uncaughtSignal)
        // Every target done once, with one stored scan naming it; nothing lost, nothing twice.
        #expect(try postgres.psql("SELECT state || ' ' || count(*) FROM queue GROUP BY state") == "done 20")
        #expect(try postgres.psql("SELECT count(DISTINCT target) FROM queue") == "20")
        #expect(try postgres.psql("SELECT count(*) FROM scan") == "20")
        #expect(try postgres.psql("SELECT count(*) || ' ' || count(DISTINCT name) FROM target") == "20 20")
        #expect(
            try postgres.psql(
                #"SELECT count(DISTINCT q."scanId") FROM queue q JOIN target t ON t."scanId" = q."scanId" AND t.name = q.target"#) == "20")
        // What w1 held was taken again by another worker after its lease expired.
        for id in victimHeld {
            #expect(try postgres.psql("SELECT worker || ' ' || attempts FROM queue WHERE id = \(id)").hasSuffix(" 2"))
            #expect(try postgres.psql("SELECT worker FROM queue WHERE id = \(id)") != "w1")
        }
        // The stored scans read back as `tls --store` ones do: history per endpoint.
        let history = try CLI.run(
            ["history", targets[0], "--store", postgres.url(), "--format", "json"], environment: postgres.environment)
        #expect(history.status == 0, "\(history.stderr)")
        #expect((try StoreCLITests.json(history.stdout)["scans"] as? [Any])?.count == 1, "\(history.stdout)")
        let status = try CLI.run(["queue", "status", "--store", postgres.url(), "--format", "json"], environment: postgres.environment)
        let json = try StoreCLITests.json(status.stdout)
        #expect(json["done"] as? Int == 20 && json["pending"] as? Int == 0 && json["failed"] as? Int == 0, "\(status.stdout)")
        withExtendedLifetime((slow, fast)) {}
    }

    @Test func aTakenOverLeaseCannotFinishAndTheTargetIsStoredOnce() throws {
        let postgres = try PostgresServer()
        let first = try InventoryStores.openPostgres(postgres.url(), environment: postgres.environment)
        let second = try InventoryStores.openPostgres(postgres.url(), environment: postgres.environment)
        #expect(try first.enqueue(["127.0.0.1:1", "127.0.0.1:1"]) == 1)
        let old = try #require(try first.take(worker: "a", seconds: 1))
        #expect(try second.take(worker: "b", seconds: 30) == nil, "a lease held is not taken")
        usleep(1_300_000)
        let new = try #require(try second.take(worker: "b", seconds: 30))
        #expect(new.id == old.id && new.token != old.token && new.attempts == 2)
        #expect(try first.renew(old, seconds: 30) == false)
        #expect(try first.finish(old, Self.emptyRecord()) == nil, "the old lease stores nothing")
        #expect(try postgres.psql("SELECT count(*) FROM scan") == "0")
        let id = try #require(try second.finish(new, Self.emptyRecord()))
        #expect(try first.finish(old, Self.emptyRecord()) == nil)
        #expect(try postgres.psql(#"SELECT state || ' ' || "scanId" || ' ' || worker FROM queue"#) == "done \(id) b")
        #expect(try postgres.psql("SELECT count(*) FROM scan") == "1")
        // A target whose leases expired three times is failed, with why, and not taken again.
        #expect(try first.enqueue(["127.0.0.1:2"]) == 1)
        for _ in 0..<3 {
            _ = try #require(try first.take(worker: "a", seconds: 0.3))
            usleep(400_000)
        }
        #expect(try second.take(worker: "b", seconds: 30) == nil)
        let status = try first.queueStatus()
        #expect(status.failed == 1 && status.done == 1 && status.pending == 0 && status.leased == 0)
        #expect(status.failures.map(\.target) == ["127.0.0.1:2"] && status.failures[0].reason.contains("expired 3 times"))
        let text = try CLI.run(["queue", "status", "--store", postgres.url()], environment: postgres.environment)
        #expect(text.stdout.contains("failed: 127.0.0.1:2: its lease expired 3 times"), "\(text.stdout)")
    }

    @Test func aWorkerGivesItsLeasesBackOnSIGTERM() throws {
        let postgres = try PostgresServer()
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let slow = try FakeServer { _, connection in connection.stall(8) }
        let add = try CLI.run(["queue", "add", "127.0.0.1:\(slow.port)", "--store", postgres.url()], environment: postgres.environment)
        #expect(add.status == 0, "\(add.stderr)")
        let worker = try Self.worker(postgres, name: "w", in: directory, timeout: 10)
        defer { if worker.isRunning { kill(worker.processIdentifier, SIGKILL) } }
        let deadline = Date().addingTimeInterval(30)
        while try postgres.psql("SELECT count(*) FROM queue WHERE state = 'leased'") == "0" && Date() < deadline { usleep(50_000) }
        kill(worker.processIdentifier, SIGTERM)
        #expect(Self.waitForExit(worker, seconds: 10))
        let log = (try? String(contentsOf: directory.appendingPathComponent("w.log"), encoding: .utf8)) ?? ""
        #expect(worker.terminationStatus == 2 && log.contains("stopped by SIGTERM, 1 lease given back"), "\(log)")
        #expect(try postgres.psql(#"SELECT state || ' ' || attempts || ' ' || coalesce(worker, '-') FROM queue"#) == "pending 0 -")
        #expect(try postgres.psql("SELECT count(*) FROM scan") == "0")
        withExtendedLifetime(slow) {}
    }

    @Test func aStoreThatCannotBeUsedIsOneLineWithoutThePassword() throws {
        let postgres = try PostgresServer()
        let wrong = "postgresql://\(postgres.user):wrong-\(postgres.password)@127.0.0.1:\(postgres.port)/postgres"
        let closed = try LocalServer.freePort()
        let unreachable = "postgresql://\(postgres.user):\(postgres.password)@127.0.0.1:\(closed)/postgres"
        for (store, says) in [
            (wrong, "password authentication failed"), (unreachable, "cannot connect to 127.0.0.1:\(closed)"),
            ("postgresql://u:\(postgres.password)@127.0.0.1", "not a PostgreSQL URL"),
        ] {
            for arguments in [
                ["queue", "add", "a.example"], ["queue", "status"], ["worker", "--until-empty"],
            ] {
                let run = try CLI.run(arguments + ["--store", store])
                #expect(run.status == 2, "\(arguments) \(store): \(run.status) \(run.stderr)")
                let lines = run.stderr.split(separator: "\n")
                #expect(lines.count == 1 && lines[0].contains(says) && lines[0].contains(":***@"), "\(arguments): \(run.stderr)")
                #expect(!run.stderr.contains(postgres.password) && !run.stdout.contains(postgres.password))
            }
        }
        // A password written without percent-encoding, or as a parameter, is not shown either.
        for (store, says) in [
            ("postgresql://u:a/\(postgres.password)@127.0.0.1:\(closed)/db", "postgresql://u:***@127.0.0.1:\(closed)/db: cannot connect"),
            ("postgresql://u:a?\(postgres.password)@127.0.0.1:\(closed)/db", "postgresql://u:***@127.0.0.1:\(closed)/db: cannot connect"),
            (
                "postgresql://u@127.0.0.1/db?sslmode=disable&password=\(postgres.password)",
                "parameters (sslmode, password) are not supported"
            ),
            ("postgresql://u:a/\(postgres.password)@127.0.0.1:\(closed)", "postgresql://u:***@127.0.0.1:\(closed): not a PostgreSQL URL"),
        ] {
            let run = try CLI.run(["queue", "status", "--store", store])
            #expect(run.status == 2 && run.stderr.contains(says), "\(store): \(run.stderr)")
            #expect(!run.stderr.contains(postgres.password), "\(run.stderr)")
        }
    }
}
