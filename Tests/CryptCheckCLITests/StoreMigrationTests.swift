import CryptCheckStore
import Foundation
import GRDB
import TestSupport
import Testing

/// The store's schema: an old store is migrated, a newer one refused.
@Suite("Inventory store migrations")
struct StoreMigrationTests {
    @Test func aVersion1StoreIsMigratedAndItsCountsFilledIn() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.sqlite").path
        do {
            // A store as version 1 of the schema wrote it: one scan of one endpoint with a violation.
            let queue = try DatabaseQueue(path: path)
            try StoreSchema.migrator.migrate(queue, upTo: StoreSchema.versions[0])
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO scan (command, tool, lists, asOf, startedAt, finishedAt, interrupted, verdict, observations)
                        VALUES ('tls', 'cryptcheck 0.1.0', 'LS-0001-2022', '2026-11-30', '2026-11-30T00:00:00.000Z',
                                '2026-11-30T00:00:01.000Z', 0, 'violation', x'7B7D')
                        """)
                try db.execute(
                    sql: "INSERT INTO target (scanId, name, kind, verdict) VALUES (1, 'old.example:443', 'endpoint', 'violation')")
                for verdict in ["violation", "indeterminate", "pass"] {
                    try db.execute(
                        sql: """
                            INSERT INTO finding (scanId, subject, component, item, verdict, severity, listStatus, list, message)
                            VALUES (1, 'old.example:443', 'cipher-suite', ?, ?, 'high', 'not-listed', 'LS-0001-2022', 'm')
                            """, arguments: ["item-\(verdict)", verdict])
                }
            }
            #expect(try queue.read { try StoreSchema.migrator.completedMigrations($0) } == [StoreSchema.versions[0]])
        }
        let store = try SQLiteStore(path: path)
        #expect(try store.schemaVersion() == StoreSchema.currentVersion)
        let history = try store.history("old.example:443")
        #expect(history.count == 1)
        #expect(history.first?.violations == 1 && history.first?.indeterminate == 1, "\(history)")
        #expect(history.first?.verdict == "violation")
    }

    @Test func aStoreOfANewerSchemaIsRefused() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("newer.sqlite").path
        _ = try SQLiteStore(path: path)
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v3-from-the-future')") }
        }
        #expect {
            try SQLiteStore(path: path)
        } throws: { error in
            "\(error)".contains("store \(path): written by a newer cryptcheck") && "\(error)".contains("v3-from-the-future")
        }
        let run = try CLI.run(["history", "x:443", "--store", path])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("written by a newer cryptcheck"), "\(run.stderr)")
    }
}
