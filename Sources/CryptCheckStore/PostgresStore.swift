import CryptCheckModel
import Foundation

/// The inventory in a PostgreSQL database (`--store postgresql://…`): the same tables and
/// migrations as `SQLiteStore`, so several scanner machines write one inventory, and the queue
/// of targets that `cryptcheck worker`s share (`PostgresQueue.swift`). One connection per
/// store; calls are serialised on it.
package final class PostgresStore: InventoryStore {
    package let location: PostgresLocation
    private let session: PostgresSession
    private let lock = NSLock()

    package var shown: String { location.shown }

    /// Connects, refuses a database written by a newer cryptcheck, and applies the migrations
    /// it lacks (several processes may do so at once: an advisory lock serialises them).
    package init(location: PostgresLocation) throws(StoreError) {
        self.location = location
        session = try PostgresSession(location)
        try migrate()
    }

    /// Runs `body` on the connection; a failure becomes a `StoreError` saying what could not be done.
    func using<T>(_ what: String, _ body: (PostgresSession) throws -> T) throws(StoreError) -> T {
        do {
            return try lock.withLock { try body(session) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("store \(shown): \(what): \(PostgresSession.reason(error, location: location))")
        }
    }

    private func migrate() throws(StoreError) {
        let known = PostgresSchema.identifiers
        try using("cannot be read or migrated") { session in
            try session.transaction {
                try session.query("SELECT pg_advisory_xact_lock($1)", [.int(PostgresSchema.migrationLock)])
                try session.query(
                    """
                    CREATE TABLE IF NOT EXISTS cryptcheck_migrations (identifier text PRIMARY KEY,
                      "appliedAt" timestamptz NOT NULL DEFAULT now())
                    """)
                let applied = Set(
                    try session.query("SELECT identifier FROM cryptcheck_migrations").map { try $0["identifier"].decode(String.self) })
                let unknown = applied.subtracting(known).sorted()
                guard unknown.isEmpty else {
                    throw StoreError(
                        "store \(shown): written by a newer cryptcheck (schema migrations \(EscapedText.terminalSafe(unknown.joined(separator: ", "))) are unknown to this one, which knows schema version \(StoreSchema.currentVersion)); use a newer cryptcheck or another store"
                    )
                }
                for migration in PostgresSchema.migrations where !applied.contains(migration.identifier) {
                    for statement in migration.statements { try session.query(statement) }
                    try session.query("INSERT INTO cryptcheck_migrations (identifier) VALUES ($1)", [.text(migration.identifier)])
                }
            }
        }
    }

    package func schemaVersion() throws(StoreError) -> Int {
        try using("cannot be read") { session in
            let applied = Set(
                try session.query("SELECT identifier FROM cryptcheck_migrations").map { try $0["identifier"].decode(String.self) })
            return StoreSchema.versions.filter(applied.contains).count
        }
    }

    @discardableResult
    package func record(_ scan: ScanRecord) throws(StoreError) -> Int64 {
        try using("cannot store the scan") { session in try session.transaction { try Self.insert(scan, into: session) } }
    }

    /// Inserts the scan's rows (inside the caller's transaction); returns its id.
    static func insert(_ scan: ScanRecord, into session: PostgresSession) throws -> Int64 {
        let rows = scan.rows
        let inserted = try session.query(
            """
            INSERT INTO scan (command, tool, lists, "asOf", "startedAt", "finishedAt", interrupted, verdict, observations)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id
            """,
            [
                .text(scan.command), .text(scan.tool), .text(rows.lists), .text(scan.asOf), .text(rows.startedAt),
                .text(rows.finishedAt), .bool(scan.interrupted), .text(rows.verdict), .bytes(Data(scan.observationsJSON)),
            ])
        let id = try inserted[0]["id"].decode(Int64.self)
        try insertRows(
            session, table: #"target ("scanId", name, kind, verdict, violations, indeterminate)"#, columns: 6,
            rows: rows.targets.map { target in
                [
                    .int(id), .text(target.name), .text(target.kind), .text(target.verdict), .int(Int64(target.violations)),
                    .int(Int64(target.indeterminate)),
                ]
            })
        try insertRows(
            session,
            table: #"finding ("scanId", subject, component, item, context, verdict, severity, "listStatus", list, rule, message)"#,
            columns: 11,
            rows: rows.findings.map { finding in
                [
                    .int(id), .text(finding.subject), .text(finding.component), .text(finding.item), .text(finding.context),
                    .text(finding.verdict), .text(finding.severity), .text(finding.listStatus), .text(finding.list),
                    .text(finding.rule), .text(finding.message),
                ]
            })
        return id
    }

    /// Inserts rows in statements of a few hundred rows each, in order (their `seq` is the order given).
    private static func insertRows(_ session: PostgresSession, table: String, columns: Int, rows: [[PostgresSession.Value]]) throws {
        let perStatement = 500
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            let values = chunk.indices.map { index in
                let base = (index - start) * columns
                return "(" + (1...columns).map { "$\(base + $0)" }.joined(separator: ", ") + ")"
            }
            try session.query("INSERT INTO \(table) VALUES \(values.joined(separator: ", "))", chunk.flatMap { $0 })
            start += perStatement
        }
    }

    package func history(_ target: String) throws(StoreError) -> [HistoryEntry] {
        try using("cannot be read") { session in
            try session.query(
                """
                SELECT scan.id, scan."startedAt", scan."finishedAt", scan.tool, scan.lists, scan."asOf", scan.interrupted,
                       target.name, target.kind, target.verdict, target.violations, target.indeterminate
                FROM target JOIN scan ON scan.id = target."scanId"
                WHERE target.name = $1 OR target.name = $2
                ORDER BY scan.id DESC, target.seq
                """, [.text(target), .text(StorePaths.absolute(target))]
            ).map { row in
                HistoryEntry(
                    scanId: try row["id"].decode(Int64.self), startedAt: try row["startedAt"].decode(String.self),
                    finishedAt: try row["finishedAt"].decode(String.self), tool: try row["tool"].decode(String.self),
                    lists: try row["lists"].decode(String.self).split(separator: " ").map(String.init),
                    asOf: try row["asOf"].decode(String.self), interrupted: try row["interrupted"].decode(Bool.self),
                    target: try row["name"].decode(String.self), kind: try row["kind"].decode(String.self),
                    verdict: try row["verdict"].decode(String.self), violations: try row["violations"].decode(Int.self),
                    indeterminate: try row["indeterminate"].decode(Int.self))
            }
        }
    }

    package func scan(_ id: Int64) throws(StoreError) -> StoredScan {
        let found: StoredScan? = try using("cannot be read") { session in
            guard
                let row = try session.query(
                    #"SELECT id, tool, "startedAt", interrupted, observations FROM scan WHERE id = $1"#, [.int(id)]
                ).first
            else { return nil }
            let findings = try session.query(#"SELECT * FROM finding WHERE "scanId" = $1 ORDER BY seq"#, [.int(id)]).map { row in
                ComparedFinding(
                    subject: try row["subject"].decode(String.self), component: try row["component"].decode(String.self),
                    item: try row["item"].decode(String.self), context: try row["context"].decode(String?.self),
                    verdict: try row["verdict"].decode(String.self), severity: try row["severity"].decode(String.self),
                    listStatus: try row["listStatus"].decode(String.self), list: try row["list"].decode(String.self),
                    rule: try row["rule"].decode(String?.self), message: try row["message"].decode(String.self))
            }
            return StoredScan(
                id: try row["id"].decode(Int64.self), tool: try row["tool"].decode(String.self),
                startedAt: try row["startedAt"].decode(String.self), interrupted: try row["interrupted"].decode(Bool.self),
                observationsJSON: try row["observations"].decode(Data.self), findings: findings)
        }
        guard let found else { throw StoreError("store \(shown): no scan \(id)") }
        return found
    }
}
