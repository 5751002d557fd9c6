import Foundation
import TestSupport
import Testing

/// `--store postgresql://…` against a real PostgreSQL 15 started by the test: the same history
/// and diff as SQLite, the migrations (a newer schema refused, first migrations at once) and the
/// connection errors, never showing the password.
@Suite("Inventory store on PostgreSQL", .serialized)
struct PostgresStoreTests {
    /// Output with the times and the store's name taken out, to compare SQLite's with PostgreSQL's.
    static func comparable(_ text: String) -> String {
        text.replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"#, with: "TIME", options: .regularExpression)
    }

    @Test func historyAndDiffGiveTheSameOutputsAsSQLite() throws {
        let postgres = try PostgresServer()
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sqlite = directory.appendingPathComponent("inventory.sqlite").path
        let url = postgres.url()
        var server: LocalServer? = try StoreCLITests.server(ciphers: "ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA")
        let port = try #require(server?.port)
        let endpoint = "127.0.0.1:\(port)"
        for store in [sqlite, url] {
            let run = try CLI.run(["tls", endpoint, "--as-of", "2026-11-30", "--store", store], environment: postgres.environment)
            #expect(run.status == 1, "\(run.stderr)")
        }
        server = nil
        server = try StoreCLITests.server(port: port, ciphers: "ECDHE-RSA-AES128-GCM-SHA256")
        for store in [sqlite, url] {
            let run = try CLI.run(["tls", endpoint, "--as-of", "2026-11-30", "--store", store], environment: postgres.environment)
            #expect(run.status <= 1, "\(run.stderr)")
            // The server's notices (the migrations table already exists) never reach the terminal.
            #expect(!run.stderr.contains("NOTICE") && !run.stderr.contains("already exists"), "\(run.stderr)")
        }
        server = nil
        for arguments in [
            ["history", endpoint], ["history", endpoint, "--format", "json"], ["diff", "--last", endpoint],
            ["diff", "--last", endpoint, "--format", "json"], ["diff", "1", "2", "--lang", "ja"],
        ] {
            let onSQLite = try CLI.run(arguments + ["--store", sqlite])
            let onPostgres = try CLI.run(arguments + ["--store", url], environment: postgres.environment)
            #expect(onPostgres.status == onSQLite.status, "\(arguments): \(onPostgres.stderr)")
            #expect(!onPostgres.stdout.isEmpty)
            #expect(Self.comparable(onPostgres.stdout) == Self.comparable(onSQLite.stdout), "\(arguments)")
        }
        let diff = try CLI.run(["diff", "--last", endpoint, "--store", url], environment: postgres.environment)
        #expect(diff.stdout.contains("- cipher-suites (TLSv1.2): TLS_RSA_WITH_AES_128_CBC_SHA"), "\(diff.stdout)")
        // The same tables and migration identifiers as SQLite, tracked in a table of their own.
        #expect(
            try postgres.psql("SELECT string_agg(identifier, ' ' ORDER BY identifier) FROM cryptcheck_migrations")
                == "pg-queue-v1 v1-scans-targets-findings v2-target-counts")
        #expect(try postgres.psql("SELECT count(*) FROM scan") == "2")
    }

    @Test func aNewerSchemaIsRefusedAndFirstMigrationsMayRunAtOnce() throws {
        let postgres = try PostgresServer()
        try postgres.createDatabase("fresh")
        // Six processes opening one fresh database at once: every one succeeds, the schema is made once.
        let statuses = try CLI.runAtOnce(
            Array(repeating: ["history", "x.example:443", "--store", postgres.url("fresh")], count: 6), environment: postgres.environment)
        for status in statuses { #expect(status == 0, "a first migration failed") }
        #expect(try postgres.psql("SELECT count(*) FROM cryptcheck_migrations", database: "fresh") == "3")
        try postgres.psql("INSERT INTO cryptcheck_migrations (identifier) VALUES ('v9-from-the-future')", database: "fresh")
        let refused = try CLI.run(["history", "x.example:443", "--store", postgres.url("fresh")], environment: postgres.environment)
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(
            refused.stderr.contains("written by a newer cryptcheck") && refused.stderr.contains("v9-from-the-future"), "\(refused.stderr)")
    }

    @Test func connectionErrorsNameTheServerAndNeverThePassword() throws {
        let postgres = try PostgresServer()
        let certificate = LocalServer.fixtures + "/certs/ec-p256-sha256.pem"
        // A wrong password in the URL: refused, the URL shown with *** instead.
        let wrong = "postgresql://\(postgres.user):wrong-\(postgres.password)@127.0.0.1:\(postgres.port)/postgres"
        let badPassword = try CLI.run(["scan", certificate, "--as-of", "2026-11-30", "--store", wrong])
        #expect(badPassword.status == 2, "\(badPassword.stderr)")
        #expect(
            badPassword.stderr.contains("127.0.0.1:\(postgres.port)") && badPassword.stderr.contains("password authentication failed"),
            "\(badPassword.stderr)")
        #expect(badPassword.stderr.contains("postgresql://cryptcheck:***@"), "\(badPassword.stderr)")
        #expect(badPassword.stdout.contains("ec-p256-sha256.pem"), "the other outputs are still written")
        for output in [badPassword.stdout, badPassword.stderr] { #expect(!output.contains(postgres.password)) }
        // The right password in the URL works, and is not in any row.
        let right = "postgresql://\(postgres.user):\(postgres.password)@127.0.0.1:\(postgres.port)/postgres"
        let stored = try CLI.run(["scan", certificate, "--as-of", "2026-11-30", "--store", right, "--quiet"])
        #expect(stored.status <= 1, "\(stored.stderr)")
        #expect(!stored.stderr.contains(postgres.password))
        #expect(
            try postgres.psql(
                "SELECT count(*) FROM scan WHERE position('\(postgres.password)' IN convert_from(observations, 'UTF8') || tool || command) > 0"
            ) == "0")
        // No server on the port: connection refused, naming host:port.
        let closed = try LocalServer.freePort()
        let refused = try CLI.run(
            ["history", "x:443", "--store", "postgresql://u:pw-\(postgres.password)@127.0.0.1:\(closed)/db"])
        #expect(refused.status == 2 && refused.stderr.contains("cannot connect to 127.0.0.1:\(closed)"), "\(refused.stderr)")
        #expect(refused.stderr.lowercased().contains("refused") && !refused.stderr.contains(postgres.password), "\(refused.stderr)")
        // Not a URL PostgreSQL's store takes.
        for bad in [
            "postgresql://127.0.0.1:5432/db", "postgres://u@127.0.0.1:99999/db", "postgresql://u:\(postgres.password)@127.0.0.1",
            "postgresql://u@h/db?sslmode=require",
        ] {
            let run = try CLI.run(["diff", "1", "2", "--store", bad])
            #expect(run.status == 2 && run.stderr.contains("not a PostgreSQL URL"), "\(bad): \(run.stderr)")
            #expect(!run.stderr.contains(postgres.password), "\(run.stderr)")
        }
    }
}
