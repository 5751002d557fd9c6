import CryptCheckModel
import Foundation

/// The seam between the commands and where the inventory lives: an SQLite file
/// (`SQLiteStore`) or a PostgreSQL database (`PostgresStore`), with the same tables and the
/// same migrations. `record`, `history`, `scan` and `lastTwo` mean the same on both; what rows
/// a scan becomes is decided once (`ScanRecord.rows`), so both backends store the same.
package protocol InventoryStore: Sendable {
    /// The store as messages name it: the file's path, or the URL without its password.
    var shown: String { get }
    /// The number of the shared schema migrations applied.
    func schemaVersion() throws(StoreError) -> Int
    /// Writes one scan, its targets and findings in one transaction; returns its id.
    @discardableResult func record(_ scan: ScanRecord) throws(StoreError) -> Int64
    /// The scans of `target`, newest first.
    func history(_ target: String) throws(StoreError) -> [HistoryEntry]
    /// One stored scan: its record, the observations JSON and the findings in stored order.
    func scan(_ id: Int64) throws(StoreError) -> StoredScan
}

extension InventoryStore {
    /// The ids of the last two scans of `target`, older first.
    package func lastTwo(_ target: String) throws(StoreError) -> (Int64, Int64) {
        let ids = Array(Set(try history(target).map(\.scanId))).sorted()
        guard ids.count >= 2 else {
            throw StoreError(
                "store \(shown): \(EscapedText.terminalSafe(target)) has \(ids.count) scan\(ids.count == 1 ? "" : "s"); diff --last needs two"
            )
        }
        return (ids[ids.count - 2], ids[ids.count - 1])
    }
}

/// Opens the store `--store` names: a `postgresql://` or `postgres://` URL, or an SQLite file.
package enum InventoryStores {
    /// Whether `location` names a PostgreSQL database rather than a file.
    package static func isPostgres(_ location: String) -> Bool { PostgresLocation.isURL(location) }

    /// `location` as messages show it: a URL without its password, a path escaped.
    package static func shown(_ location: String) -> String {
        isPostgres(location) ? PostgresLocation.redacted(location) : EscapedText.terminalSafe(location)
    }

    /// Opens (and migrates) the store; `environment` gives `PGPASSWORD` when the URL has no password.
    package static func open(
        _ location: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StoreError) -> any InventoryStore {
        if isPostgres(location) {
            return try PostgresStore(location: PostgresLocation.parse(location, environment: environment))
        }
        return try SQLiteStore(path: location)
    }

    /// Opens (and migrates) the PostgreSQL store the URL names, for the queue and its workers.
    package static func openPostgres(
        _ url: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StoreError) -> PostgresStore {
        try PostgresStore(location: PostgresLocation.parse(url, environment: environment))
    }
}
