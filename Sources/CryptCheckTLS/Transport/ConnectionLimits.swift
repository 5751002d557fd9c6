import Foundation
import Synchronization

/// How many connections a scan may hold open at once: to any one host, and in all. One
/// instance is shared by every scanner of a run, so scanning many endpoints of one host stays
/// within its per-host limit; so is its worker pool, whose threads the probes of every
/// endpoint run on.
package final class ConnectionLimits: Sendable {
    package static let defaultPerHost = 8
    package static let defaultGlobal = 32

    package let perHost: Int
    package let global: Int
    /// The run's probe threads: as many as connections may be open in all, since each probe
    /// blocks on one connection.
    package let workers: WorkerPool
    private let globalPermits: DispatchSemaphore
    private let hostPermits = Mutex<[String: DispatchSemaphore]>([:])

    package init(perHost: Int = ConnectionLimits.defaultPerHost, global: Int = ConnectionLimits.defaultGlobal) {
        precondition(perHost >= 1 && global >= 1, "connection limits must be at least 1")
        self.perHost = perHost
        self.global = global
        workers = WorkerPool(size: global)
        globalPermits = DispatchSemaphore(value: global)
    }

    /// Runs `body` holding one connection permit for `host` and one of the global pool. Permits
    /// are always taken host first, then global, so waiting scanners cannot deadlock.
    package func withPermit<T>(host: String, _ body: () throws -> T) rethrows -> T {
        let hostSemaphore = permits(for: host)
        hostSemaphore.wait()
        defer { hostSemaphore.signal() }
        globalPermits.wait()
        defer { globalPermits.signal() }
        return try body()
    }

    private func permits(for host: String) -> DispatchSemaphore {
        let key = host.lowercased()
        return hostPermits.withLock { permits in
            if let existing = permits[key] { return existing }
            let created = DispatchSemaphore(value: perHost)
            permits[key] = created
            return created
        }
    }
}
