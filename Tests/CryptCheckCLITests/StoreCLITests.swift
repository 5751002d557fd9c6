import CryptCheckStore
import Foundation
import GRDB
import TestSupport
import Testing

/// `--store`, `history` and `diff` on real scans: a TLS server reconfigured between two scans,
/// a tree whose key is replaced, concurrent writers, saved observation files and the errors.
@Suite("Inventory store, history and diff", .serialized)
struct StoreCLITests {
    static let cert = LocalServer.fixtures + "/certs/rsa2048-sha256.pem"
    static let key = LocalServer.fixtures + "/keys/rsa2048-pkcs1.pem"

    /// `openssl s_server` on `port` with these suites (TLS 1.2 and 1.3).
    static func server(port: Int? = nil, ciphers: String) throws -> LocalServer {
        try LocalServer(executable: "/usr/bin/openssl", port: port) { port in
            [
                "s_server", "-accept", "127.0.0.1:\(port)", "-quiet", "-naccept", "1000", "-cert", cert, "-key", key,
                "-cipher", ciphers,
            ]
        }
    }

    /// Runs cryptcheck once per argument list, all at once; each must end with 0 or 1.
    static func runAtOnce(_ argumentLists: [[String]]) throws {
        for status in try CLI.runAtOnce(argumentLists) { #expect(status <= 1, "a writer failed: \(status)") }
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func diffLastShowsExactlyTheSuiteTheServerDropped() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("inventory.sqlite").path
        var server: LocalServer? = try Self.server(ciphers: "ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA")
        let port = try #require(server?.port)
        let endpoint = "127.0.0.1:\(port)"
        let first = try CLI.run(["tls", endpoint, "--as-of", "2026-11-30", "--store", store])
        #expect(first.status == 1, "\(first.stderr)")
        #expect(first.stdout.contains(endpoint), "the normal output is still written")
        // The same port, without AES128-SHA.
        server = nil
        server = try Self.server(port: port, ciphers: "ECDHE-RSA-AES128-GCM-SHA256")
        let second = try CLI.run(["tls", endpoint, "--as-of", "2026-11-30", "--store", store])
        #expect(second.status <= 1, "\(second.stderr)")
        server = nil

        let history = try CLI.run(["history", endpoint, "--store", store, "--format", "json"])
        #expect(history.status == 0, "\(history.stderr)")
        let scans = try #require(try Self.json(history.stdout)["scans"] as? [[String: Any]])
        #expect(scans.compactMap { $0["scanId"] as? Int } == [2, 1], "newest first: \(scans)")
        #expect(
            scans.allSatisfy { ($0["lists"] as? [String])?.isEmpty == false && ($0["tool"] as? String)?.hasPrefix("cryptcheck ") == true })
        #expect((scans.last?["violations"] as? Int ?? 0) > 0, "\(scans)")
        let text = try CLI.run(["history", endpoint, "--store", store])
        #expect(text.status == 0 && text.stdout.split(separator: "\n").count == 3, "\(text.stdout)")

        let diff = try CLI.run(["diff", "--last", endpoint, "--store", store, "--format", "json"])
        #expect(diff.status == 1, "\(diff.stderr)")
        let output = directory.appendingPathComponent("diff.json").path
        try diff.stdout.write(toFile: output, atomically: true, encoding: .utf8)
        let valid = try SchemaValidationTests().validate("Schemas/cryptcheck-diff-1.schema.json", output)
        #expect(valid.status == 0, "\(valid.output)")
        let document = try Self.json(diff.stdout)
        let targets = try #require(document["targets"] as? [[String: Any]])
        #expect(targets.count == 1 && targets.first?["target"] as? String == endpoint, "\(targets)")
        let target = try #require(targets.first)
        #expect(target["status"] as? String == "changed")
        let changes = try #require(target["changes"] as? [[String: Any]])
        #expect(changes.count == 1, "only the suite changed: \(changes)")
        #expect(changes.first?["field"] as? String == "cipher-suites" && changes.first?["context"] as? String == "TLSv1.2")
        #expect(changes.first?["removed"] as? [String] == ["TLS_RSA_WITH_AES_128_CBC_SHA"], "\(changes)")
        #expect((changes.first?["added"] as? [String])?.isEmpty == true)
        #expect((target["newFindings"] as? [Any])?.isEmpty == true, "\(target)")
        let resolved = try #require(target["resolvedFindings"] as? [[String: Any]])
        #expect(
            !resolved.isEmpty && resolved.allSatisfy { ($0["item"] as? String)?.contains("TLS_RSA_WITH_AES_128_CBC_SHA") == true },
            "\(resolved)")
        #expect(resolved.first?["verdict"] as? String == "violation", "violations first: \(resolved)")
        // The same in text, and in Japanese.
        let english = try CLI.run(["diff", "--last", endpoint, "--store", store])
        #expect(english.status == 1)
        #expect(english.stdout.contains("- cipher-suites (TLSv1.2): TLS_RSA_WITH_AES_128_CBC_SHA"), "\(english.stdout)")
        #expect(english.stdout.contains("resolved: violation"), "\(english.stdout)")
        let japanese = try CLI.run(["diff", "--last", endpoint, "--store", store, "--lang", "ja"])
        #expect(japanese.stdout.contains("- 暗号スイート (TLSv1.2): TLS_RSA_WITH_AES_128_CBC_SHA"), "\(japanese.stdout)")
        // A scan compared with itself: no change.
        let same = try CLI.run(["diff", "2", "2", "--store", store])
        #expect(same.status == 0 && same.stdout.contains("no change"), "\(same.stdout)\(same.stderr)")
    }

    @Test func aReplacedKeyShowsInTheDiffOfTwoDirectoryScans() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tree = directory.appendingPathComponent("tree")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        let store = directory.appendingPathComponent("files.sqlite").path
        let key = tree.appendingPathComponent("server.key")
        try FileManager.default.copyItem(atPath: LocalServer.fixtures + "/keys/ec-p256-sec1.pem", toPath: key.path)
        try FileManager.default.copyItem(atPath: Self.cert, toPath: tree.appendingPathComponent("server.pem").path)
        let first = try CLI.run(["scan", tree.path, "--as-of", "2026-11-30", "--store", store])
        #expect(first.status <= 1, "\(first.stderr)")
        try FileManager.default.removeItem(at: key)
        try FileManager.default.copyItem(atPath: LocalServer.fixtures + "/keys/dsa2048.pem", toPath: key.path)
        let second = try CLI.run(["scan", tree.path, "--as-of", "2026-11-30", "--store", store, "--format", "json"])
        #expect(second.status <= 1, "\(second.stderr)")
        let history = try CLI.run(["history", tree.path, "--store", store])
        #expect(history.status == 0 && history.stdout.split(separator: "\n").count == 3, "\(history.stdout)")

        let diff = try CLI.run(["diff", "--last", tree.path, "--store", store, "--format", "json"])
        #expect(diff.status == 1, "\(diff.stderr)")
        let targets = try #require(try Self.json(diff.stdout)["targets"] as? [[String: Any]])
        let changed = targets.filter { $0["status"] as? String != "unchanged" }
        #expect(changed.compactMap { $0["target"] as? String } == [key.path], "\(targets)")
        let fields = (changed.first?["changes"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
        #expect(fields.sorted() == ["file-sha256", "keys"], "\(changed)")
        let keys = (changed.first?["changes"] as? [[String: Any]] ?? []).first { $0["field"] as? String == "keys" }
        #expect((keys?["removed"] as? [String])?.first?.contains("EC") == true, "\(String(describing: keys))")
        #expect((keys?["added"] as? [String])?.first?.contains("DSA") == true, "\(String(describing: keys))")
        // The store must not be written inside the scanned tree.
        let inside = try CLI.run(["scan", tree.path, "--store", tree.appendingPathComponent("s.sqlite").path])
        #expect(inside.status == 64 && inside.stderr.contains("--store"), "\(inside.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tree.appendingPathComponent("s.sqlite").path))
    }

    @Test func fourProcessesWritingOneStoreAtOnceLoseNothing() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("shared.sqlite").path
        try Self.runAtOnce(
            (0..<4).map { _ in
                ["scan", LocalServer.fixtures + "/certs", "--as-of", "2026-11-30", "--store", store, "--quiet"]
            })
        let queue = try DatabaseQueue(path: store)
        try queue.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM scan") == 4)
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
            let perScan = try Int.fetchAll(db, sql: "SELECT count(*) FROM finding GROUP BY scanId")
            #expect(perScan.count == 4 && Set(perScan).count == 1 && perScan[0] > 0, "\(perScan)")
        }
        let history = try CLI.run(["history", LocalServer.fixtures + "/certs", "--store", store, "--format", "json"])
        #expect((try Self.json(history.stdout)["scans"] as? [Any])?.count == 4, "\(history.stdout)")
    }

    @Test func fourTLSScansWritingOneStoreAtOnceLoseNothing() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("shared.sqlite").path
        let servers = try (0..<4).map { _ in try Self.server(ciphers: "ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA") }
        let endpoints = servers.map { "127.0.0.1:\($0.port)" }
        try Self.runAtOnce(endpoints.map { ["tls", $0, "--as-of", "2026-11-30", "--store", store, "--quiet"] })
        let queue = try DatabaseQueue(path: store)
        try queue.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM scan") == 4)
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
            #expect(try String.fetchAll(db, sql: "SELECT name FROM target ORDER BY name") == endpoints.sorted())
            let perScan = try Int.fetchAll(db, sql: "SELECT count(*) FROM finding GROUP BY scanId")
            #expect(perScan.count == 4 && perScan.allSatisfy { $0 > 0 }, "\(perScan)")
        }
        withExtendedLifetime(servers) {}
    }

    @Test func twoSavedObservationFilesDiffWithoutAStore() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tree = directory.appendingPathComponent("tree")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        let kept = tree.appendingPathComponent("kept.pem").path
        let gone = tree.appendingPathComponent("gone.pem").path
        try FileManager.default.copyItem(atPath: Self.cert, toPath: kept)
        try FileManager.default.copyItem(atPath: LocalServer.fixtures + "/certs/dsa1024-sha1.pem", toPath: gone)
        let a = directory.appendingPathComponent("a.json").path
        let b = directory.appendingPathComponent("b.json").path
        _ = try CLI.run(["scan", tree.path, "--as-of", "2026-11-30", "--save-observations", a, "--quiet"])
        try FileManager.default.removeItem(atPath: gone)
        _ = try CLI.run(["scan", tree.path, "--as-of", "2026-11-30", "--save-observations", b, "--quiet"])

        let same = try CLI.run(["diff", a, a])
        #expect(same.status == 0 && same.stdout.contains("no change (2 targets)"), "\(same.stdout)\(same.stderr)")
        let diff = try CLI.run(["diff", a, b, "--format", "json"])
        #expect(diff.status == 1, "\(diff.stderr)")
        let output = directory.appendingPathComponent("diff.json").path
        try diff.stdout.write(toFile: output, atomically: true, encoding: .utf8)
        #expect(try SchemaValidationTests().validate("Schemas/cryptcheck-diff-1.schema.json", output).status == 0)
        let targets = try #require(try Self.json(diff.stdout)["targets"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: targets.compactMap { t in (t["target"] as? String).map { ($0, t) } })
        // Not scanned in B: never "resolved", whatever its findings were.
        #expect(byName[gone]?["status"] as? String == "not-scanned-in-b", "\(targets)")
        #expect((byName[gone]?["resolvedFindings"] as? [Any])?.isEmpty == true)
        #expect(byName[gone]?["verdictA"] as? String == "violation", "its violations are not resolved: \(targets)")
        #expect(byName[kept]?["status"] as? String == "unchanged", "\(targets)")
        let text = try CLI.run(["diff", a, b])
        #expect(text.stdout.contains("\(gone): not scanned in B"), "\(text.stdout)")
        // The validator must be able to fail: a status the schema does not know.
        try diff.stdout.replacingOccurrences(of: "not-scanned-in-b", with: "resolved").write(
            toFile: output, atomically: true, encoding: .utf8)
        #expect(try SchemaValidationTests().validate("Schemas/cryptcheck-diff-1.schema.json", output).status == 1)
    }

    @Test func storeErrorsNameTheFileAndEndIncomplete() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A store that cannot be created: the scan's output is still written, exit 2.
        let unwritable = directory.appendingPathComponent("missing/dir/s.sqlite").path
        let scan = try CLI.run(["scan", LocalServer.fixtures + "/certs/ec-p256-sha256.pem", "--as-of", "2026-11-30", "--store", unwritable])
        #expect(scan.status == 2, "\(scan.stderr)")
        #expect(scan.stderr.contains("store \(unwritable): cannot"), "\(scan.stderr)")
        #expect(scan.stdout.contains("ec-p256-sha256.pem"), "the normal output is still written: \(scan.stdout)")
        // A file that is not a store.
        let corrupt = directory.appendingPathComponent("corrupt.sqlite").path
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: corrupt))
        let history = try CLI.run(["history", "x:443", "--store", corrupt])
        #expect(
            history.status == 2 && history.stderr.contains("store \(corrupt)") && history.stderr.contains("not an SQLite database"),
            "\(history.stderr)")
        let intoCorrupt = try CLI.run(["scan", LocalServer.fixtures + "/certs/ec-p256-sha256.pem", "--store", corrupt, "--quiet"])
        #expect(intoCorrupt.status == 2 && intoCorrupt.stderr.contains("not an SQLite database"), "\(intoCorrupt.stderr)")
        // Unknown scan ids, a missing store, unreadable observation files.
        let store = directory.appendingPathComponent("s.sqlite").path
        _ = try CLI.run(["scan", LocalServer.fixtures + "/certs/ec-p256-sha256.pem", "--store", store, "--quiet"])
        let unknown = try CLI.run(["diff", "1", "99", "--store", store])
        #expect(unknown.status == 2 && unknown.stderr.contains("store \(store): no scan 99"), "\(unknown.stderr)")
        let one = try CLI.run(["diff", "--last", LocalServer.fixtures + "/certs/ec-p256-sha256.pem", "--store", store])
        #expect(one.status == 2 && one.stderr.contains("diff --last needs two"), "\(one.stderr)")
        let missing = try CLI.run(["diff", "1", "2", "--store", directory.appendingPathComponent("nope.sqlite").path])
        #expect(missing.status == 2 && missing.stderr.contains("no such file"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("nope.sqlite").path))
        // A misspelt subcommand is a usage error, not a host to look up.
        let typo = try CLI.run(["histroy", "x:443", "--store", store])
        #expect(typo.status == 64 && typo.stderr.contains("did you mean history?"), "\(typo.stderr)")
        let notObservations = try CLI.run(["diff", corrupt, corrupt])
        #expect(
            notObservations.status == 2 && notObservations.stderr.contains("\(corrupt): not a saved observation file"),
            "\(notObservations.stderr)")
    }

    @Test func anInterruptedScanIsStoredMarkedSoWithWhatWasNotScanned() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("interrupted.sqlite").path
        let hold = Hold()
        defer { hold.release() }
        let quick = try ProgressCLITests.quick(), hanging = try ProgressCLITests.hanging(hold)
        let run = try RunningCLI([
            "127.0.0.1:\(quick.port)", "127.0.0.1:\(hanging.port)", "--timeout", "60", "--budget", "120", "--retries", "0",
            "--verbose", "--per-host-connections", "32", "--store", store,
        ])
        #expect(run.waitFor(timeout: 20) { _, err in err.contains("127.0.0.1:\(quick.port): done") }, "\(run.stderr)")
        run.signal(SIGINT)
        let result = run.finish()
        #expect(result.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("store \(store): scan 1 stored, marked interrupted"), "\(run.stderr)")
        let history = try CLI.run(["history", "127.0.0.1:\(hanging.port)", "--store", store, "--format", "json"])
        let scans = try #require(try Self.json(history.stdout)["scans"] as? [[String: Any]])
        #expect(scans.count == 1, "\(history.stdout)\(history.stderr)")
        #expect(scans.first?["interrupted"] as? Bool == true && scans.first?["kind"] as? String == "unscanned", "\(scans)")
        #expect(scans.first?["verdict"] as? String == "indeterminate", "not scanned is never a pass: \(scans)")
        let text = try CLI.run(["history", "127.0.0.1:\(quick.port)", "--store", store])
        #expect(text.stdout.contains("* interrupted (SIGINT)"), "\(text.stdout)")
    }
}
