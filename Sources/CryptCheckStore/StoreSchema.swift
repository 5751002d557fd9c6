import GRDB

/// The store's tables, as versioned migrations. A migration once released is never edited: a
/// change is a new migration at the end, and a store written by a newer cryptcheck (one with
/// migrations this one does not know) is refused rather than written into.
package enum StoreSchema {
    /// The migrations, oldest first; the last one's position is the schema version.
    package static let versions = ["v1-scans-targets-findings", "v2-target-counts"]

    /// The schema version this build writes.
    package static var currentVersion: Int { versions.count }

    /// The migrator of every version.
    package static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(versions[0]) { db in
            // One row per run of `tls` or `scan` with --store.
            try db.create(table: "scan") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("command", .text).notNull()
                table.column("tool", .text).notNull()
                // The list documents judged by, "LS-0001-2022 LS-0003-2024 ...".
                table.column("lists", .text).notNull()
                table.column("asOf", .text).notNull()
                table.column("startedAt", .text).notNull()
                table.column("finishedAt", .text).notNull()
                table.column("interrupted", .boolean).notNull()
                table.column("verdict", .text).notNull()
                // The observations as `--save-observations` writes them (cryptcheck-observations/1).
                table.column("observations", .blob).notNull()
            }
            // The targets a scan covered: endpoints (host:port), the paths given to `scan`
            // (absolute), each file read, and each target not scanned.
            try db.create(table: "target") { table in
                table.column("scanId", .integer).notNull().references("scan", onDelete: .cascade)
                table.column("name", .text).notNull()
                table.column("kind", .text).notNull()
                table.column("verdict", .text).notNull()
            }
            try db.create(index: "target_by_name", on: "target", columns: ["name", "scanId"])
            try db.create(table: "finding") { table in
                table.column("scanId", .integer).notNull().references("scan", onDelete: .cascade)
                table.column("subject", .text).notNull()
                table.column("component", .text).notNull()
                table.column("item", .text).notNull()
                table.column("context", .text)
                table.column("verdict", .text).notNull()
                table.column("severity", .text).notNull()
                table.column("listStatus", .text).notNull()
                table.column("list", .text).notNull()
                // The rule or citation the verdict rests on, "LS-0001-2022: ..." or the basis.
                table.column("rule", .text)
                table.column("message", .text).notNull()
            }
            try db.create(index: "finding_by_scan", on: "finding", columns: ["scanId"])
        }
        migrator.registerMigration(versions[1]) { db in
            // The counts `history` shows, per target, filled in for the scans already stored.
            try db.alter(table: "target") { table in
                table.add(column: "violations", .integer).notNull().defaults(to: 0)
                table.add(column: "indeterminate", .integer).notNull().defaults(to: 0)
            }
            for (column, verdict) in [("violations", "violation"), ("indeterminate", "indeterminate")] {
                try db.execute(
                    sql: """
                        UPDATE target SET \(column) = (SELECT count(*) FROM finding
                          WHERE finding.scanId = target.scanId AND finding.verdict = ?
                            AND (finding.subject = target.name OR substr(finding.subject, 1, length(target.name) + 1) = target.name || '#'
                                 OR (target.kind = 'root' AND substr(finding.subject, 1, length(target.name) + 1) = target.name || '/')))
                        """, arguments: [verdict])
            }
        }
        return migrator
    }
}
