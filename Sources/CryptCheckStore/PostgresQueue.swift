import CryptCheckModel
import Foundation

/// A target a worker holds: the queue row, the target as enqueued, and the lease token that
/// proves the worker still holds it.
package struct QueueLease: Sendable, Hashable {
    package var id: Int64
    package var target: String
    package var token: String
    package var attempts: Int
}

/// What `cryptcheck queue status` shows.
package struct QueueStatus: Sendable, Codable, Equatable {
    package var pending: Int
    package var leased: Int
    package var done: Int
    package var failed: Int
    package var leases: [Leased]
    /// The targets that ended failed, each with why.
    package var failures: [Failed]

    /// A target being scanned: by which worker, until when its lease runs (UTC), and whether
    /// that time is past (its worker is gone unless it renews; another worker will take it).
    package struct Leased: Sendable, Codable, Equatable {
        package var id: Int64
        package var target: String
        package var worker: String
        package var leaseExpires: String
        package var expired: Bool
        package var attempts: Int
    }

    /// A target no worker could scan: not a target, or its workers died or hung on it.
    package struct Failed: Sendable, Codable, Equatable {
        package var id: Int64
        package var target: String
        package var reason: String
        package var attempts: Int
    }
}

/// The queue of targets on the PostgreSQL store. PostgreSQL is the coordinator: a worker takes
/// a row with `FOR UPDATE SKIP LOCKED` in a short transaction that sets its lease (worker,
/// token, expiry); it renews the lease while it scans; it stores the scan and marks the row
/// done in one transaction that first checks, holding the row's lock, that the token is still
/// its own. A worker whose lease ran out and was taken by another therefore never stores, and a
/// row whose worker died is taken again once its lease has expired.
extension PostgresStore {
    /// A row taken this many times whose lease expired again is failed, not retaken (a target
    /// that kills its workers).
    package static let maxAttempts = 3

    /// Enqueues targets as written; one already pending or leased is not added again. Returns
    /// how many were added.
    package func enqueue(_ targets: [String]) throws(StoreError) -> Int {
        try using("cannot enqueue") { session in
            try session.transaction {
                var added = 0
                for target in targets {
                    let rows = try session.query(
                        """
                        INSERT INTO queue (target) VALUES ($1)
                        ON CONFLICT (target) WHERE state IN ('pending', 'leased') DO NOTHING RETURNING id
                        """, [.text(target)])
                    added += rows.count
                }
                return added
            }
        }
    }

    package func queueStatus() throws(StoreError) -> QueueStatus {
        try using("cannot read the queue") { session in
            var counts: [String: Int] = [:]
            for row in try session.query("SELECT state, count(*) AS n FROM queue GROUP BY state") {
                counts[try row["state"].decode(String.self)] = try row["n"].decode(Int.self)
            }
            let leases = try session.query(
                """
                SELECT id, target, worker, attempts, "leaseExpires" < now() AS expired,
                  to_char("leaseExpires" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS expires
                FROM queue WHERE state = 'leased' ORDER BY id
                """
            ).map { row in
                QueueStatus.Leased(
                    id: try row["id"].decode(Int64.self), target: try row["target"].decode(String.self),
                    worker: try row["worker"].decode(String.self), leaseExpires: try row["expires"].decode(String.self),
                    expired: try row["expired"].decode(Bool.self), attempts: try row["attempts"].decode(Int.self))
            }
            let failures = try session.query(
                "SELECT id, target, coalesce(error, 'no reason recorded') AS reason, attempts FROM queue WHERE state = 'failed' ORDER BY id"
            ).map { row in
                QueueStatus.Failed(
                    id: try row["id"].decode(Int64.self), target: try row["target"].decode(String.self),
                    reason: try row["reason"].decode(String.self), attempts: try row["attempts"].decode(Int.self))
            }
            return QueueStatus(
                pending: counts["pending"] ?? 0, leased: counts["leased"] ?? 0, done: counts["done"] ?? 0,
                failed: counts["failed"] ?? 0, leases: leases, failures: failures)
        }
    }

    /// Takes the oldest pending target (or one whose lease expired) for `seconds`, or nil when
    /// none is free. Rows whose lease expired after `maxAttempts` takes are failed first.
    package func take(worker: String, seconds: Double) throws(StoreError) -> QueueLease? {
        try using("cannot take a target from the queue") { session in
            try session.transaction {
                try session.query(
                    """
                    UPDATE queue SET state = 'failed', "finishedAt" = now(), "leaseToken" = NULL,
                      error = 'its lease expired ' || attempts || ' times: its workers died or hung'
                    WHERE id IN (SELECT id FROM queue WHERE state = 'leased' AND "leaseExpires" < now() AND attempts >= $1
                                 FOR UPDATE SKIP LOCKED)
                    """, [.int(Int64(Self.maxAttempts))])
                let token = UUID().uuidString
                let rows = try session.query(
                    """
                    UPDATE queue SET state = 'leased', worker = $1, "leaseToken" = $2,
                      "leaseExpires" = now() + $3 * interval '1 second', attempts = attempts + 1
                    WHERE id = (SELECT id FROM queue WHERE state = 'pending' OR (state = 'leased' AND "leaseExpires" < now())
                                ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                    RETURNING id, target, attempts
                    """, [.text(worker), .text(token), .seconds(seconds)])
                guard let row = rows.first else { return nil }
                return QueueLease(
                    id: try row["id"].decode(Int64.self), target: try row["target"].decode(String.self), token: token,
                    attempts: try row["attempts"].decode(Int.self))
            }
        }
    }

    /// Extends the lease by `seconds` from now; false when it is no longer this worker's.
    package func renew(_ lease: QueueLease, seconds: Double) throws(StoreError) -> Bool {
        try using("cannot renew the lease of \(EscapedText.terminalSafe(lease.target))") { session in
            try !session.query(
                """
                UPDATE queue SET "leaseExpires" = now() + $3 * interval '1 second'
                WHERE id = $1 AND "leaseToken" = $2 AND state = 'leased' RETURNING id
                """, [.int(lease.id), .text(lease.token), .seconds(seconds)]
            ).isEmpty
        }
    }

    /// Stores the scan and marks the row done in one transaction, if the lease is still this
    /// worker's (checked under the row's lock); returns the scan id, or nil when the lease was
    /// taken over (then nothing is written).
    package func finish(_ lease: QueueLease, _ scan: ScanRecord) throws(StoreError) -> Int64? {
        try using("cannot store the scan of \(EscapedText.terminalSafe(lease.target))") { session in
            try session.transaction { () throws -> Int64? in
                let held = try session.query(
                    #"SELECT id FROM queue WHERE id = $1 AND "leaseToken" = $2 AND state = 'leased' FOR UPDATE"#,
                    [.int(lease.id), .text(lease.token)])
                guard !held.isEmpty else { return nil }
                let id = try Self.insert(scan, into: session)
                try session.query(
                    """
                    UPDATE queue SET state = 'done', "scanId" = $2, "finishedAt" = now(), "leaseToken" = NULL, "leaseExpires" = NULL
                    WHERE id = $1
                    """, [.int(lease.id), .int(id)])
                return id
            }
        }
    }

    /// Marks a target that cannot be scanned (it no longer parses) failed, with the reason.
    package func fail(_ lease: QueueLease, reason: String) throws(StoreError) {
        try using("cannot update the queue") { session in
            _ = try session.query(
                """
                UPDATE queue SET state = 'failed', error = $3, "finishedAt" = now(), "leaseToken" = NULL, "leaseExpires" = NULL
                WHERE id = $1 AND "leaseToken" = $2
                """, [.int(lease.id), .text(lease.token), .text(reason)])
        }
    }

    /// Gives a target back unscanned (the worker is stopping): pending again, this take not counted.
    package func release(_ lease: QueueLease) throws(StoreError) {
        try using("cannot release the lease of \(EscapedText.terminalSafe(lease.target))") { session in
            _ = try session.query(
                """
                UPDATE queue SET state = 'pending', worker = NULL, "leaseToken" = NULL, "leaseExpires" = NULL,
                  attempts = greatest(attempts - 1, 0)
                WHERE id = $1 AND "leaseToken" = $2 AND state = 'leased'
                """, [.int(lease.id), .text(lease.token)])
        }
    }

    /// How many targets are pending or leased (a worker with `--until-empty` stops at 0).
    package func openCount() throws(StoreError) -> Int {
        try using("cannot read the queue") { session in
            try session.query("SELECT count(*) AS n FROM queue WHERE state IN ('pending', 'leased')")[0]["n"].decode(Int.self)
        }
    }
}
