import CryptCheckModel
import Foundation
import GRDB

/// The inventory of scans in one SQLite file (the default backend of `InventoryStore`). WAL and a busy timeout let several cryptcheck
/// processes write one file at once: each scan is one IMMEDIATE transaction, which waits for
/// the others instead of failing.
package final class SQLiteStore: InventoryStore {
    package let path: String
    private let queue: DatabaseQueue

    package var shown: String { Self.shown(path) }

    /// How long a write waits for another process's transaction before failing.
    package static let busyTimeout: TimeInterval = 60

    /// Opens the store at `path` (creating it), refuses one written by a newer cryptcheck, and
    /// brings an older one up to the current schema.
    package init(path: String) throws(StoreError) {
        self.path = path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw StoreError("store \(Self.shown(path)): is a directory, not a store file")
        }
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.foreignKeysEnabled = true
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw Self.failure(path, "cannot be opened", error)
        }
        try migrate()
    }

    /// `path` quoted for a message: its control characters escaped.
    static func shown(_ path: String) -> String { EscapedText.terminalSafe(path) }

    static func failure(_ path: String, _ what: String, _ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        let reason =
            if let database = error as? DatabaseError {
                switch database.resultCode {
                case .SQLITE_NOTADB, .SQLITE_CORRUPT: "not an SQLite database, or a damaged one"
                case .SQLITE_CANTOPEN: "cannot open the file (missing directory or no permission)"
                case .SQLITE_READONLY, .SQLITE_PERM: "the file is read-only"
                case .SQLITE_BUSY: "still locked by another process after \(Int(busyTimeout)) s"
                default: database.message ?? "\(database.resultCode)"
                }
            } else {
                "\(error)"
            }
        return StoreError("store \(shown(path)): \(what): \(EscapedText.terminalSafe(reason))")
    }

    /// Applies the migrations this store lacks. Another process may be migrating the same new
    /// file at the same moment; a migration that fails because it got there first is checked
    /// again, not reported.
    private func migrate() throws(StoreError) {
        let migrator = StoreSchema.migrator
        var attempt = 0
        while true {
            do {
                let superseded = try queue.read { db in
                    guard try db.tableExists("grdb_migrations") else { return false }
                    return try migrator.hasBeenSuperseded(db)
                }
                if superseded {
                    let applied = try queue.read { db in try migrator.appliedIdentifiers(db) }
                    let unknown = applied.subtracting(StoreSchema.versions).sorted()
                    throw StoreError(
                        "store \(Self.shown(path)): written by a newer cryptcheck (schema migrations \(unknown.joined(separator: ", ")) are unknown to this one, which knows schema version \(StoreSchema.currentVersion)); use a newer cryptcheck or another store file"
                    )
                }
                try migrator.migrate(queue)
                return
            } catch let error as StoreError {
                throw error
            } catch {
                attempt += 1
                let done = (try? queue.read { db in try migrator.hasCompletedMigrations(db) }) ?? false
                if done { return }
                if attempt >= 5 { throw Self.failure(path, "cannot be read or migrated", error) }
                Thread.sleep(forTimeInterval: 0.05 * Double(attempt))
            }
        }
    }

    /// The schema version of the file: the number of migrations applied.
    package func schemaVersion() throws(StoreError) -> Int {
        do {
            return try queue.read { db in try StoreSchema.migrator.completedMigrations(db).count }
        } catch {
            throw Self.failure(path, "cannot be read", error)
        }
    }

    /// Writes one scan, its targets and findings in one transaction; returns its id.
    @discardableResult
    package func record(_ scan: ScanRecord) throws(StoreError) -> Int64 {
        let rows = scan.rows
        do {
            return try queue.writeWithoutTransaction { db in
                var id: Int64 = 0
                try db.inTransaction(.immediate) {
                    try db.execute(
                        sql: """
                            INSERT INTO scan (command, tool, lists, asOf, startedAt, finishedAt, interrupted, verdict, observations)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            scan.command, scan.tool, rows.lists, scan.asOf, rows.startedAt, rows.finishedAt, scan.interrupted,
                            rows.verdict, Data(scan.observationsJSON),
                        ])
                    id = db.lastInsertedRowID
                    for target in rows.targets {
                        try db.execute(
                            sql: "INSERT INTO target (scanId, name, kind, verdict, violations, indeterminate) VALUES (?, ?, ?, ?, ?, ?)",
                            arguments: [id, target.name, target.kind, target.verdict, target.violations, target.indeterminate])
                    }
                    let insert = try db.makeStatement(
                        sql: """
                            INSERT INTO finding (scanId, subject, component, item, context, verdict, severity, listStatus, list, rule, message)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """)
                    for finding in rows.findings {
                        try insert.execute(arguments: [
                            id, finding.subject, finding.component, finding.item, finding.context, finding.verdict, finding.severity,
                            finding.listStatus, finding.list, finding.rule, finding.message,
                        ])
                    }
                    return .commit
                }
                return id
            }
        } catch {
            throw Self.failure(path, "cannot store the scan", error)
        }
    }

    /// The scans of `target` (an endpoint `host:port`, a path given to `scan`, a file), newest first.
    package func history(_ target: String) throws(StoreError) -> [HistoryEntry] {
        do {
            return try queue.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT scan.id, scan.startedAt, scan.finishedAt, scan.tool, scan.lists, scan.asOf, scan.interrupted,
                               target.name, target.kind, target.verdict, target.violations, target.indeterminate
                        FROM target JOIN scan ON scan.id = target.scanId
                        WHERE target.name = ? OR target.name = ?
                        ORDER BY scan.id DESC
                        """, arguments: [target, StorePaths.absolute(target)]
                ).map { row in
                    HistoryEntry(
                        scanId: row["id"], startedAt: row["startedAt"], finishedAt: row["finishedAt"], tool: row["tool"],
                        lists: (row["lists"] as String).split(separator: " ").map(String.init), asOf: row["asOf"],
                        interrupted: row["interrupted"], target: row["name"], kind: row["kind"], verdict: row["verdict"],
                        violations: row["violations"], indeterminate: row["indeterminate"])
                }
            }
        } catch {
            throw Self.failure(path, "cannot be read", error)
        }
    }

    /// One stored scan: its record, the observations JSON and the findings.
    package func scan(_ id: Int64) throws(StoreError) -> StoredScan {
        let found: StoredScan?
        do {
            found = try queue.read { db -> StoredScan? in
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT id, tool, startedAt, interrupted, observations FROM scan WHERE id = ?", arguments: [id])
                else { return nil }
                let findings = try Row.fetchAll(db, sql: "SELECT * FROM finding WHERE scanId = ? ORDER BY rowid", arguments: [id]).map {
                    row in
                    ComparedFinding(
                        subject: row["subject"], component: row["component"], item: row["item"], context: row["context"],
                        verdict: row["verdict"], severity: row["severity"], listStatus: row["listStatus"], list: row["list"],
                        rule: row["rule"], message: row["message"])
                }
                let data: Data = row["observations"]
                return StoredScan(
                    id: row["id"], tool: row["tool"], startedAt: row["startedAt"], interrupted: row["interrupted"],
                    observationsJSON: data, findings: findings)
            }
        } catch {
            throw Self.failure(path, "cannot be read", error)
        }
        guard let found else { throw StoreError("store \(Self.shown(path)): no scan \(id)") }
        return found
    }
}
